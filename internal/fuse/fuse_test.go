package fuse

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"reflect"
	"testing"

	"github.com/sitrep/sitrep/event"
)

func key(id, doc, typ, date string, lat, lon float64, a1, a2 string) Key {
	e := event.Event{ID: id, Doc: doc, Type: typ, EventType: event.Types[typ], Date: event.Date{Precision: "unknown"}}
	if date != "" {
		d := date
		e.Date = event.Date{Value: &d, Precision: "day"}
	}
	if lat != 0 || lon != 0 {
		e.Location = &event.Place{Name: "p", Lat: lat, Lon: lon, Country: "SY", Admin1: "Idlib", Precision: 1}
	}
	if a1 != "" {
		e.Actor1 = &event.Actor{ID: a1}
	}
	if a2 != "" {
		e.Actor2 = &event.Actor{ID: a2}
	}
	return KeyOf(&e)
}

func TestCompatible(t *testing.T) {
	base := key("a", "d1", "air_drone_strike", "2020-01-15", 35.81, 36.61, "RUS.MIL", "SYR.CVL")
	region := key("r", "d2", "air_drone_strike", "2020-01-15", 35.93, 36.63, "RUS.MIL", "")
	region.Precision, region.Lat, region.Lon = 3, 36.5, 37.5 // Idlib governorate, placed far from the town
	country := key("c", "d2", "air_drone_strike", "2020-01-15", 33.5, 36.3, "RUS.MIL", "")
	country.Precision, country.Admin1 = 3, ""
	otherCountry := country
	otherCountry.Country = "IQ"
	for _, c := range []struct {
		name string
		b    Key
		want bool
	}{
		{"same", key("b", "d2", "air_drone_strike", "2020-01-15", 35.81, 36.61, "RUS.MIL", "SYR.CVL"), true},
		{"same document", key("b", "d1", "air_drone_strike", "2020-01-15", 35.81, 36.61, "RUS.MIL", "SYR.CVL"), false},
		{"other type, same family", key("b", "d2", "shelling_artillery_missile_attack", "2020-01-15", 35.81, 36.61, "RUS.MIL", ""), true},
		{"other family", key("b", "d2", "armed_clash", "2020-01-15", 35.81, 36.61, "RUS.MIL", ""), false},
		{"a day apart", key("b", "d2", "air_drone_strike", "2020-01-16", 35.81, 36.61, "", ""), true},
		{"two days apart", key("b", "d2", "air_drone_strike", "2020-01-17", 35.81, 36.61, "", ""), false},
		{"undated", key("b", "d2", "air_drone_strike", "", 35.81, 36.61, "", ""), true},
		{"20 km away", key("b", "d2", "air_drone_strike", "2020-01-15", 35.99, 36.61, "", ""), true},
		{"30 km away", key("b", "d2", "air_drone_strike", "2020-01-15", 36.08, 36.61, "", ""), false},
		{"unplaced", key("b", "d2", "air_drone_strike", "2020-01-15", 0, 0, "", ""), true},
		{"the region it lies in", region, true},
		{"the country it lies in", country, true},
		{"another country", otherCountry, false},
		{"country of the actor", key("b", "d2", "air_drone_strike", "2020-01-15", 35.81, 36.61, "RUS", ""), true},
		{"other role", key("b", "d2", "air_drone_strike", "2020-01-15", 35.81, 36.61, "RUS.GOV", ""), false},
		{"other actor", key("b", "d2", "air_drone_strike", "2020-01-15", 35.81, 36.61, "USA.MIL", ""), false},
		{"other target", key("b", "d2", "air_drone_strike", "2020-01-15", 35.81, 36.61, "RUS.MIL", "group:hts"), false},
		{"vague", key("b", "d2", "air_drone_strike", "", 0, 0, "RUS.MIL", ""), false},
	} {
		if got := Compatible(&base, &c.b); got != c.want {
			t.Errorf("%s: Compatible = %v, want %v", c.name, got, c.want)
		}
		if got := Compatible(&c.b, &base); got != c.want {
			t.Errorf("%s: Compatible is not symmetric", c.name)
		}
	}
	clashA := key("x", "d1", "armed_clash", "2020-01-15", 48.59, 38.0, "RUS.MIL", "UKR.MIL")
	clashB := key("y", "d2", "armed_clash", "2020-01-15", 48.59, 38.0, "UKR.MIL", "RUS.MIL")
	if !Compatible(&clashA, &clashB) {
		t.Errorf("a clash told from the other side does not fuse")
	}
	strikeA := key("x", "d1", "air_drone_strike", "2020-01-15", 48.59, 38.0, "RUS.MIL", "UKR.MIL")
	strikeB := key("y", "d2", "air_drone_strike", "2020-01-15", 48.59, 38.0, "UKR.MIL", "RUS.MIL")
	if Compatible(&strikeA, &strikeB) {
		t.Errorf("strikes with swapped sides fuse")
	}
}

func TestDateRange(t *testing.T) {
	for _, c := range []struct {
		value, precision string
		lo, hi           string
		ok               bool
	}{
		{"2020-01-15", "day", "2020-01-15", "2020-01-15", true},
		{"2020-01-15", "week", "2020-01-15", "2020-01-21", true},
		{"2020-02-01", "month", "2020-02-01", "2020-02-29", true},
		{"2020-01-01", "year", "2020-01-01", "2020-12-31", true},
		{"2020-13-01", "day", "", "", false},
		{"", "unknown", "", "", false},
	} {
		d := event.Date{Precision: c.precision}
		if c.value != "" {
			d.Value = &c.value
		}
		lo, hi, ok := DateRange(d)
		if ok != c.ok || (ok && (Day(lo) != c.lo || Day(hi) != c.hi)) {
			t.Errorf("DateRange(%s %s) = %s %s %v", c.value, c.precision, Day(lo), Day(hi), ok)
		}
	}
}

// randomKeys draws mentions on a small grid of days, places and actors, so
// that many pairs are compatible and chains are common.
func randomKeys(rng *rand.Rand, n int) []Key {
	types := []string{"air_drone_strike", "shelling_artillery_missile_attack", "armed_clash"}
	actors := []string{"", "RUS", "RUS.MIL", "RUS.GOV", "SYR.MIL", "group:hts"}
	var out []Key
	for i := 0; i < n; i++ {
		date := ""
		if rng.Intn(5) > 0 {
			date = fmt.Sprintf("2020-01-%02d", 10+rng.Intn(5))
		}
		lat, lon := 0.0, 0.0
		if rng.Intn(5) > 0 {
			lat, lon = 35.8+0.15*float64(rng.Intn(4)), 36.6
		}
		out = append(out, key(fmt.Sprintf("m%03d", i), fmt.Sprintf("d%d", rng.Intn(n/2+1)), types[rng.Intn(len(types))], date, lat, lon,
			actors[rng.Intn(len(actors))], actors[rng.Intn(len(actors))]))
	}
	return out
}

func groupsByID(keys []Key, groups [][]int) [][]string {
	var out [][]string
	for _, g := range groups {
		var ids []string
		for _, i := range g {
			ids = append(ids, keys[i].ID)
		}
		out = append(out, ids)
	}
	return out
}

// TestClusterOrderIndependent: any order of the same mentions gives the
// same groups, every group is pairwise compatible, and every mention is in
// exactly one group.
func TestClusterOrderIndependent(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for round := 0; round < 50; round++ {
		keys := randomKeys(rng, 5+rng.Intn(40))
		want := groupsByID(keys, Cluster(keys))
		seen := map[string]int{}
		for _, g := range want {
			for i, a := range g {
				seen[a]++
				for _, b := range g[i+1:] {
					ka, kb := find(keys, a), find(keys, b)
					if !Compatible(&ka, &kb) {
						t.Fatalf("round %d: group %v holds incompatible %s and %s", round, g, a, b)
					}
				}
			}
		}
		if len(seen) != len(keys) {
			t.Fatalf("round %d: %d mentions grouped, want %d", round, len(seen), len(keys))
		}
		for i := 0; i < 5; i++ {
			p := append([]Key(nil), keys...)
			rng.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
			if got := groupsByID(p, Cluster(p)); !reflect.DeepEqual(got, want) {
				t.Fatalf("round %d: another order gives %v, want %v", round, got, want)
			}
		}
	}
}

func find(keys []Key, id string) Key {
	for _, k := range keys {
		if k.ID == id {
			return k
		}
	}
	panic(id)
}

func TestClusterCompleteLinkage(t *testing.T) {
	keys := []Key{
		key("a", "d1", "air_drone_strike", "2020-01-14", 35.81, 36.61, "RUS.MIL", ""),
		key("b", "d2", "air_drone_strike", "2020-01-15", 35.81, 36.61, "RUS.MIL", ""),
		key("c", "d3", "air_drone_strike", "2020-01-16", 35.81, 36.61, "RUS.MIL", ""),
	}
	if got := groupsByID(keys, Cluster(keys)); len(got) != 2 {
		t.Errorf("a three-day chain gives %v, want two groups", got)
	}
}

func mention(id, doc, outlet string, conf float64, mod func(*event.Event)) Mention {
	d := "2020-01-15"
	e := event.Event{ID: id, Doc: doc, Type: "air_drone_strike", EventType: "explosions_remote_violence", CAMEO: "195",
		Date:     event.Date{Value: &d, Precision: "day"},
		Location: &event.Place{Name: "Ariha", GeonameID: 172994, Lat: 35.8137, Lon: 36.6096, Country: "SY", Admin1: "Idlib", Precision: 1},
		Actor1:   &event.Actor{ID: "RUS.MIL", Name: "Military Forces of Russia"},
		Modality: "reported", Evidence: []event.Span{{Start: 0, End: 10}}, Confidence: conf,
		Weapons: []event.Weapon{}, Targets: []string{}, Sources: []event.Source{},
	}
	if mod != nil {
		mod(&e)
	}
	return Mention{Event: e, Outlet: outlet}
}

func TestFuse(t *testing.T) {
	ten, twenty := 10, 20
	ms := []Mention{
		mention("m3", "d3", "Levant Gazette", 0.6, func(e *event.Event) {
			e.Fatalities = &event.Fatalities{Best: 10, Text: "at least 10"}
			e.Sources = []event.Source{{Name: "Syrian Observatory for Human Rights", Kind: "ngo"}}
			e.Weapons = []event.Weapon{{Class: "fighter_aircraft", Quantity: 2}}
			e.Targets = []string{"market"}
		}),
		mention("m1", "d1", "Le Courrier", 0.8, func(e *event.Event) {
			e.Fatalities = &event.Fatalities{Best: 9, Text: "neuf civils"}
			e.Sources = []event.Source{{Name: "Syrian observatory for human rights", Kind: "ngo"}}
			e.Targets = []string{"street", "market"}
			e.Actor1 = &event.Actor{ID: "RUS", Name: "Russia"}
		}),
		mention("m2", "d2", "Journal", 0.5, func(e *event.Event) {
			e.Type, e.CAMEO = "shelling_artillery_missile_attack", "194"
			e.Fatalities = &event.Fatalities{Best: 11, Min: &ten, Max: &twenty}
			e.Weapons = []event.Weapon{{Class: "fighter_aircraft", Quantity: 4}, {Class: "rocket"}}
			e.Location = &event.Place{Name: "Idlib", Lat: 35.93, Lon: 36.63, Country: "SY", Admin1: "Idlib", Precision: 3}
			e.Modality = "asserted"
		}),
	}
	f := Fuse(ms)
	e := f.Event
	if e.ID != "m1" || e.Doc != "d1" || f.NumArticles != 3 {
		t.Errorf("id %s doc %s articles %d, want m1 d1 3", e.ID, e.Doc, f.NumArticles)
	}
	if e.Type != "air_drone_strike" || e.CAMEO != "195" || e.EventType != "explosions_remote_violence" {
		t.Errorf("type %s cameo %s", e.Type, e.CAMEO)
	}
	if e.Actor1.ID != "RUS.MIL" {
		t.Errorf("actor1 %s, want RUS.MIL", e.Actor1.ID)
	}
	if e.Location.Name != "Ariha" || e.Location.Precision != 1 {
		t.Errorf("location %+v, want Ariha at precision 1", e.Location)
	}
	if fa := e.Fatalities; fa.Best != 9 || fa.Text != "neuf civils" || *fa.Min != 9 || *fa.Max != 20 {
		t.Errorf("fatalities %+v min %v max %v, want best 9, min 9, max 20", fa, *fa.Min, *fa.Max)
	}
	if want := []event.Weapon{{Class: "fighter_aircraft", Quantity: 4}, {Class: "rocket"}}; !reflect.DeepEqual(e.Weapons, want) {
		t.Errorf("weapons %+v", e.Weapons)
	}
	if want := []string{"market", "street"}; !reflect.DeepEqual(e.Targets, want) {
		t.Errorf("targets %v", e.Targets)
	}
	var names []string
	for _, s := range e.Sources {
		names = append(names, s.Name)
	}
	if want := []string{"Syrian observatory for human rights", "Le Courrier", "Journal", "Levant Gazette"}; !reflect.DeepEqual(names, want) {
		t.Errorf("sources %v, want %v", names, want)
	}
	if e.Modality != "reported" || e.Confidence != 0.96 {
		t.Errorf("modality %s confidence %v, want reported 0.96", e.Modality, e.Confidence)
	}
	if ms[0].Event.Fatalities.Best != 10 {
		t.Errorf("Fuse changed a mention")
	}
	want, _ := json.Marshal(f)
	for i := 0; i < 6; i++ {
		p := append([]Mention(nil), ms...)
		rand.New(rand.NewSource(int64(i))).Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
		if got, _ := json.Marshal(Fuse(p)); string(got) != string(want) {
			t.Errorf("another order fuses to\n%s\nwant\n%s", got, want)
		}
	}
}

func TestFuseTies(t *testing.T) {
	// One vote each with equal confidence: the earliest date, the more
	// certain modality, the actor with a role.
	a := mention("a", "d1", "", 0.5, func(e *event.Event) { e.Modality = "hedged"; e.Actor1 = &event.Actor{ID: "RUS"} })
	b := mention("b", "d2", "", 0.5, func(e *event.Event) {
		d := "2020-01-14"
		e.Date.Value = &d
		e.Modality = "reported"
	})
	e := Fuse([]Mention{a, b}).Event
	if *e.Date.Value != "2020-01-14" || e.Modality != "reported" || e.Actor1.ID != "RUS.MIL" {
		t.Errorf("ties: date %s modality %s actor %s", *e.Date.Value, e.Modality, e.Actor1.ID)
	}
	if got := Fuse(nil); got.Event.ID != "" || got.NumArticles != 0 {
		t.Errorf("Fuse(nil) = %+v", got)
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Ministère  de la Défense": "ministere de la defense",
		"OSDH":                     "osdh",
		"  Élysée ":                "elysee",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
