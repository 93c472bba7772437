package score

import (
	"math"
	"testing"

	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/internal/geo"
)

func str(s string) *string { return &s }

func TestActorMatch(t *testing.T) {
	tests := []struct {
		name string
		g, s *event.Actor
		want bool
	}{
		{"both nil", nil, nil, true},
		{"gold nil", nil, &event.Actor{ID: "RUS.MIL"}, false},
		{"system nil", &event.Actor{ID: "RUS.MIL"}, nil, false},
		{"equal id", &event.Actor{ID: "RUS.MIL"}, &event.Actor{ID: "RUS.MIL"}, true},
		{"equal group", &event.Actor{ID: "group:isis"}, &event.Actor{ID: "group:isis"}, true},
		{"other role", &event.Actor{ID: "RUS.MIL"}, &event.Actor{ID: "RUS.GOV", Country: "RUS"}, false},
		{"role gold, bare system", &event.Actor{ID: "RUS.MIL"}, &event.Actor{ID: "RUS"}, false},
		{"bare gold, system prefix", &event.Actor{ID: "USA"}, &event.Actor{ID: "USA.MIL"}, true},
		{"bare gold, system country", &event.Actor{ID: "USA"}, &event.Actor{ID: "group:coalition", Country: "USA"}, true},
		{"bare gold, other country", &event.Actor{ID: "USA"}, &event.Actor{ID: "GBR.MIL", Country: "GBR"}, false},
		{"bare gold, group without country", &event.Actor{ID: "SYR"}, &event.Actor{ID: "group:sdf"}, false},
		{"group gold, same country", &event.Actor{ID: "group:sdf", Country: "SYR"}, &event.Actor{ID: "SYR.REB", Country: "SYR"}, false},
		{"lower-case is not bare", &event.Actor{ID: "usa"}, &event.Actor{ID: "usa.MIL"}, false},
	}
	for _, tt := range tests {
		if got := actorMatch(tt.g, tt.s); got != tt.want {
			t.Errorf("%s: actorMatch = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// north moves a point km kilometres north.
func north(lat, km float64) float64 { return lat + km/(earthRadiusKm*math.Pi/180) }

func TestLocationMatch(t *testing.T) {
	at := func(lat float64, prec int) *event.Place {
		return &event.Place{Name: "x", Lat: lat, Lon: 40.14, Precision: prec}
	}
	const lat = 35.33 // Deir ez-Zor
	tests := []struct {
		name string
		g, s *event.Place
		want bool
	}{
		{"both nil", nil, nil, true},
		{"gold nil", nil, at(lat, 1), false},
		{"system nil", at(lat, 1), nil, false},
		{"p1 same point", at(lat, 1), at(lat, 1), true},
		{"p1 24 km", at(lat, 1), at(north(lat, 24), 1), true},
		{"p1 26 km", at(lat, 1), at(north(lat, 26), 1), false},
		{"p2 24 km", at(lat, 2), at(north(lat, 24), 3), true},
		{"p2 26 km", at(lat, 2), at(north(lat, 26), 1), false},
		{"p3 26 km", at(lat, 3), at(north(lat, 26), 1), true},
		{"p3 99 km", at(lat, 3), at(north(lat, 99), 1), true},
		{"p3 101 km", at(lat, 3), at(north(lat, 101), 1), false},
		{"system precision ignored", at(lat, 1), at(north(lat, 50), 3), false},
		{"missing precision is 25 km", at(lat, 0), at(north(lat, 26), 1), false},
	}
	for _, tt := range tests {
		if got := locationMatch(tt.g, tt.s); got != tt.want {
			t.Errorf("%s: locationMatch = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestHaversine(t *testing.T) {
	// Paris to London is about 344 km.
	if d := geo.Km(48.8566, 2.3522, 51.5074, -0.1278); math.Abs(d-343.5) > 1.5 {
		t.Errorf("Paris-London = %.1f km, want about 344", d)
	}
	if d := geo.Km(10, 20, 10, 20); d != 0 {
		t.Errorf("same point = %v km", d)
	}
}

func TestSourcesF1(t *testing.T) {
	src := func(name string) event.Source { return event.Source{Name: name, Kind: "media"} }
	anon := func(name, aff string) event.Source {
		return event.Source{Name: name, Kind: "anonymous", Affiliation: aff}
	}
	tests := []struct {
		name string
		g, s []event.Source
		want float64
	}{
		{"both empty", nil, nil, 1},
		{"empty vs nil", []event.Source{}, nil, 1},
		{"gold empty", nil, []event.Source{src("AFP")}, 0},
		{"system empty", []event.Source{src("AFP")}, nil, 0},
		{"containment", []event.Source{src("Sputnik")}, []event.Source{src("agence Sputnik")}, 1},
		{"containment reversed, accents", []event.Source{src("Agence Spütnik")}, []event.Source{src("sputnik")}, 1},
		{"accents folded", []event.Source{src("Observatoire syrien des droits de l'homme")},
			[]event.Source{src("OBSERVATOIRE SYRIEN DES DROITS DE L’HOMME")}, 1},
		{"é vs e", []event.Source{src("Ministère de la Défense")}, []event.Source{src("ministere de la defense")}, 1},
		{"decomposed accents", []event.Source{src("Défense")}, []event.Source{src("De\u0301fense")}, 1},
		{"no containment", []event.Source{src("SANA")}, []event.Source{src("AFP")}, 0},
		{"empty name matches nothing", []event.Source{src("SANA")}, []event.Source{src("")}, 0},
		{"empty gold name matches nothing", []event.Source{src("")}, []event.Source{src("SANA")}, 0},
		{"empty names match each other", []event.Source{src("")}, []event.Source{src(" ")}, 1},
		{"half", []event.Source{src("Russian Ministry of Defence"), src("Sputnik")},
			[]event.Source{src("Sputnik")}, 2.0 / 3},
		{"one to one", []event.Source{src("Sputnik")},
			[]event.Source{src("Sputnik"), src("agence Sputnik")}, 2.0 / 3},
		{"matching not greedy", []event.Source{src("Syrian army"), src("Syrian army general command")},
			[]event.Source{src("Syrian army general command"), src("army")}, 1},
		{"anonymous same affiliation", []event.Source{anon("anonymous source in the SDF", "group:sdf")},
			[]event.Source{anon("une source au sein de la milice", "group:sdf")}, 1},
		{"anonymous other affiliation", []event.Source{anon("anonymous source in the SDF", "group:sdf")},
			[]event.Source{anon("anonymous source in the SDF", "SYR.MIL")}, 0},
		{"anonymous both empty affiliation", []event.Source{anon("anonymous local source", "")},
			[]event.Source{anon("source locale", "")}, 1},
		{"anonymous gold, named system", []event.Source{anon("anonymous source in the SDF", "group:sdf")},
			[]event.Source{{Name: "SDF", Kind: "armed_group", Affiliation: "group:sdf"}}, 0},
		{"named gold, anonymous system", []event.Source{src("residents")},
			[]event.Source{anon("residents", "")}, 1},
	}
	for _, tt := range tests {
		if got := sourcesF1(tt.g, tt.s); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s: sourcesF1 = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestWeaponsF1(t *testing.T) {
	ws := func(classes ...string) []event.Weapon {
		var out []event.Weapon
		for _, c := range classes {
			out = append(out, event.Weapon{Class: c})
		}
		return out
	}
	tests := []struct {
		name string
		g, s []event.Weapon
		want float64
	}{
		{"both empty", nil, ws(), 1},
		{"gold empty", nil, ws("drone"), 0},
		{"system empty", ws("drone"), nil, 0},
		{"equal", ws("cruise_missile", "warship"), ws("warship", "cruise_missile"), 1},
		{"duplicates are one class", ws("drone", "drone"), ws("drone"), 1},
		{"half", ws("cruise_missile", "warship"), ws("cruise_missile"), 2.0 / 3},
		{"partial", ws("rocket", "mortar"), ws("rocket", "artillery"), 0.5},
		{"disjoint", ws("tank"), ws("truck"), 0},
	}
	for _, tt := range tests {
		if got := weaponsF1(tt.g, tt.s); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s: weaponsF1 = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestScalarFields(t *testing.T) {
	fat := func(best int) *event.Fatalities { return &event.Fatalities{Best: best} }
	tests := []struct {
		name  string
		field string
		g, s  event.Event
		want  float64
	}{
		{"type equal", FieldType, event.Event{Type: "armed_clash"}, event.Event{Type: "armed_clash"}, 1},
		{"type differs", FieldType, event.Event{Type: "armed_clash"}, event.Event{Type: "attack"}, 0},
		{"cameo 2 digits", FieldCAMEO, event.Event{CAMEO: "195"}, event.Event{CAMEO: "190"}, 1},
		{"cameo 2 vs 3 digits", FieldCAMEO, event.Event{CAMEO: "19"}, event.Event{CAMEO: "194"}, 1},
		{"cameo differs", FieldCAMEO, event.Event{CAMEO: "195"}, event.Event{CAMEO: "183"}, 0},
		{"cameo both empty", FieldCAMEO, event.Event{}, event.Event{}, 1},
		{"date equal", FieldDate, event.Event{Date: event.Date{Value: str("2017-11-08"), Precision: "day"}},
			event.Event{Date: event.Date{Value: str("2017-11-08"), Precision: "week"}}, 1},
		{"date differs", FieldDate, event.Event{Date: event.Date{Value: str("2017-11-08")}},
			event.Event{Date: event.Date{Value: str("2017-11-09")}}, 0},
		{"date both null", FieldDate, event.Event{Date: event.Date{Precision: "unknown"}}, event.Event{}, 1},
		{"date gold null", FieldDate, event.Event{}, event.Event{Date: event.Date{Value: str("2017-11-09")}}, 0},
		{"fatalities null/null", FieldFatalities, event.Event{}, event.Event{}, 1},
		{"fatalities null/0", FieldFatalities, event.Event{}, event.Event{Fatalities: fat(0)}, 0},
		{"fatalities 12/null", FieldFatalities, event.Event{Fatalities: fat(12)}, event.Event{}, 0},
		{"fatalities equal best", FieldFatalities, event.Event{Fatalities: fat(12)},
			event.Event{Fatalities: &event.Fatalities{Best: 12, Max: new(30)}}, 1},
		{"fatalities differ", FieldFatalities, event.Event{Fatalities: fat(12)}, event.Event{Fatalities: fat(10)}, 0},
		{"modality equal", FieldModality, event.Event{Modality: "reported"}, event.Event{Modality: "reported"}, 1},
		{"modality differs", FieldModality, event.Event{Modality: "reported"}, event.Event{Modality: "asserted"}, 0},
	}
	for _, tt := range tests {
		fs := compare(&tt.g, &tt.s)
		if got := fs[fieldIndex(tt.field)]; got != tt.want {
			t.Errorf("%s: %s = %v, want %v", tt.name, tt.field, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := map[string]string{
		"Agence  Sputnik":          "agence sputnik",
		"Défense – Ministère":      "defense - ministere",
		"ŒUVRE Çà":                 "oeuvre ca",
		"  l’Observatoire  ":       "l'observatoire",
		"Straße":                   "strasse",
		"Ukrainian Air\u00a0Force": "ukrainian air force",
	}
	for in, want := range tests {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}
