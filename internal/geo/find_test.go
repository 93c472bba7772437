package geo

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

// goldPlace is the location of a gold event (see ../../testdata/dev).
type goldPlace struct {
	Name      string  `json:"name"`
	GeonameID int     `json:"geonameid"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Precision int     `json:"precision"`
	Text      string  `json:"text"`
}

type goldFile struct {
	Doc struct {
		ID   string `json:"id"`
		Lang string `json:"lang"`
	} `json:"doc"`
	Events []struct {
		Location *goldPlace `json:"location"`
		Optional bool       `json:"optional"`
	} `json:"events"`
}

// within is the scorer's rule: 25 km for precision 1 and 2, 100 km for 3.
func within(p Place, g *goldPlace) bool {
	lim := 25.0
	if g.Precision == 3 {
		lim = 100
	}
	return Km(p.Lat, p.Lon, g.Lat, g.Lon) <= lim
}

func testGazetteer(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestFindDev checks that every gold event location of the development
// corpus is among the places Find returns for its article, with the point
// the scorer accepts (25 km, or 100 km at precision 3).
func TestFindDev(t *testing.T) {
	if _, err := os.Stat("../../testdata/dev"); err != nil {
		t.Skip("no dev corpus")
	}
	found, precOK, total := devAccuracy(t, testGazetteer(t), true)
	acc := float64(found) / float64(total)
	t.Logf("dev locations: %d/%d found (%.3f), %d with the gold precision", found, total, acc, precOK)
	if acc < 0.9 {
		t.Errorf("dev location accuracy %.3f < 0.90", acc)
	}
}

// TestFindDevHeldOut measures the same without the hand-kept towns (the
// rows of extra.tsv with feature "city"), to see how the GeoNames index
// alone does on the corpus. It only reports.
func TestFindDevHeldOut(t *testing.T) {
	if _, err := os.Stat("../../testdata/dev"); err != nil {
		t.Skip("no dev corpus")
	}
	b, err := dataFS.ReadFile("data/" + ExtraFile)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, line := range strings.Split(string(b), "\n") {
		if c := strings.Split(line, "\t"); len(c) > 1 && c[1] == "city" {
			continue
		}
		kept = append(kept, line)
	}
	g, err := load(fstest.MapFS{ExtraFile: {Data: []byte(strings.Join(kept, "\n"))}}, embeddedIndex)
	if err != nil {
		t.Fatal(err)
	}
	found, precOK, total := devAccuracy(t, g, true)
	t.Logf("dev locations without hand-kept towns: %d/%d found (%.3f), %d with the gold precision", found, total, float64(found)/float64(total), precOK)
}

// TestFindSeed checks the seed article's places (../../../shared/seed).
func TestFindSeed(t *testing.T) {
	b, err := os.ReadFile("../../../shared/seed/deir-ezzor.fr.txt")
	if err != nil {
		t.Skip("no seed article")
	}
	text := string(b)
	g := testGazetteer(t)
	ms := g.Find(text, "fr")
	get := func(phrase string) *Mention {
		t.Helper()
		at := strings.Index(text, phrase)
		if at < 0 {
			t.Fatalf("seed has no %q", phrase)
		}
		for i := range ms {
			if ms[i].End > at && ms[i].Start < at+len(phrase) {
				return &ms[i]
			}
		}
		t.Errorf("no mention in %q", phrase)
		return nil
	}
	if m := get("près de la ville syrienne d’al-Boukamal"); m != nil {
		if m.Place.GeonameID != 174448 || m.Precision != 2 || m.Role != Event || m.Text != "près de la ville syrienne d’al-Boukamal" {
			t.Errorf("al-Boukamal: got %q %s precision %d role %s", m.Text, m.Place.Name, m.Precision, m.Role)
		}
	}
	if m := get("la province de Deir Ezzor"); m != nil {
		if m.Place.Feature != Region || m.Place.Admin1 != "Deir ez-Zor" || m.Precision != 3 {
			t.Errorf("province de Deir Ezzor: got %s %s precision %d", m.Place.Name, m.Place.Feature, m.Precision)
		}
		if d := Km(m.Place.Lat, m.Place.Lon, 35.33588, 40.14084); d > 5 {
			t.Errorf("Deir ez-Zor region at %.0f km from its capital", d)
		}
	}
	if m := get("la Méditerranée"); m != nil && m.Role != Launch {
		t.Errorf("Méditerranée: role %s, want launch", m.Role)
	}
	for _, name := range []string{"l’Iran", "l’Irak"} {
		at := strings.Index(text, "ont survolé l’Iran et l’Irak")
		if at < 0 {
			t.Fatal("seed lacks the overflight")
		}
		sub := text[at:]
		i := strings.Index(sub, name)
		found := false
		for _, m := range ms {
			if m.Start >= at+i && m.End <= at+i+len(name) {
				found = true
				if m.Role != Overflown || m.Place.Feature != Country {
					t.Errorf("%s: role %s feature %s, want overflown country", name, m.Role, m.Place.Feature)
				}
			}
		}
		if !found {
			t.Errorf("%s after \"ont survolé\" not found", name)
		}
	}
}

// devAccuracy runs Find over the dev corpus and returns how many gold
// event locations it found, how many of those had the gold precision, and
// the total.
func devAccuracy(t *testing.T, g *Gazetteer, logMisses bool) (found, precOK, total int) {
	files, _ := filepath.Glob("../../testdata/dev/*.gold.json")
	sort.Strings(files)
	for _, gf := range files {
		b, err := os.ReadFile(gf)
		if err != nil {
			t.Fatal(err)
		}
		var gold goldFile
		if err := json.Unmarshal(b, &gold); err != nil {
			t.Fatalf("%s: %v", gf, err)
		}
		txt, err := os.ReadFile(strings.TrimSuffix(gf, ".gold.json") + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		ms := g.Find(string(txt), gold.Doc.Lang)
		for _, ev := range gold.Events {
			if ev.Location == nil || ev.Optional {
				continue
			}
			total++
			ok, pok := false, false
			for _, m := range ms {
				if m.Role == Event && within(m.Place, ev.Location) {
					ok = true
					pok = pok || m.Precision == ev.Location.Precision
				}
			}
			if ok {
				found++
			} else if logMisses {
				t.Logf("%s: %s (%q) not found", filepath.Base(gf), ev.Location.Name, ev.Location.Text)
			}
			if pok {
				precOK++
			}
		}
	}
	return found, precOK, total
}

// TestFindPrecision runs Find over testdata/traps.txt, a text full of
// capitalised words that are also the names of small places (sentence
// openers, people, organisations, weapons, teams), and checks that none of
// them is taken for a place while the real places are found.
func TestFindPrecision(t *testing.T) {
	b, err := os.ReadFile("testdata/traps.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	got := map[string]string{}
	for _, m := range testGazetteer(t).Find(text, "") {
		got[text[m.Start:m.End]] = m.Place.Name
	}
	for _, w := range []string{"Damas", "Ankara", "Tell Rifaat", "Alep", "Hajin", "Washington", "Sderot", "Ashkelon", "Caire", "Bagdad", "Niamey", "Sanaa", "SANAA"} {
		if _, ok := got[w]; !ok {
			t.Errorf("%q not found", w)
		}
	}
	for _, w := range []string{"Selon", "Mais", "Parmi", "Nous", "Six", "Force", "Police", "Date", "Strike", "Bachar",
		"al-Assad", "Assad", "Poutine", "Macron", "Lavrov", "Mark", "Milley", "Reuters", "France", "Presse", "Donald", "Trump", "Joe",
		"Biden", "Erdogan", "Human", "Amnesty", "Islamic State", "Toyota", "Pentagon", "Kremlin", "White House", "Wagner", "OTAN",
		"ONU", "Union", "Hamas", "Hezbollah", "Mohammed", "Salmane", "Sissi", "Jean-Yves", "Drian", "Florence", "Parly",
		"Paris", "Saint-Germain", "Victoria", "Nuland", "Aden", "Sidney", "Crosby", "Brief", "Olympique", "SANA"} {
		if p, ok := got[w]; ok {
			t.Errorf("%q taken for %s", w, p)
		}
	}
}

// devTexts returns the texts of the dev corpus.
func devTexts(t testing.TB) []string {
	files, _ := filepath.Glob("../../testdata/dev/*.txt")
	if len(files) == 0 {
		t.Skip("no dev corpus")
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// TestFindTitle checks that a place named as part of an office's or an
// institution's title, or a capital standing for its government before a
// reporting verb, gets the role Title, and that the same names stay event
// places after a locative preposition.
func TestFindTitle(t *testing.T) {
	g := testGazetteer(t)
	cases := []struct {
		text, words string
		role        Role
	}{
		// Offices and institutions.
		{"Donetsk regional governor Pavlo Kyrylenko said two people were killed.", "Donetsk", Title},
		{"Le gouverneur de la région de Kharkiv, Oleg Synegoubov, a fait état de deux morts.", "Kharkiv", Title},
		{"The Kharkiv regional administration said the strike killed three.", "Kharkiv", Title},
		{"Le maire de Kiev, Vitali Klitschko, a appelé les habitants à rester aux abris.", "Kiev", Title},
		{"Mayor of Lviv Andriy Sadovyi said the city had lost power.", "Lviv", Title},
		{"Kharkiv's governor said the city was shelled overnight.", "Kharkiv", Title},
		{"Selon l'administration militaire de Kiev, aucune victime n'est à déplorer.", "Kiev", Title},
		{"The Kyiv City Military Administration reported debris in two districts.", "Kyiv City", Title},
		{"Les gouverneurs des régions de Kharkiv et de Soumy ont fait état de frappes.", "Soumy", Title},
		{"The Taliban administration in Kabul said the strikes had hit homes.", "Kabul", Title},
		// A building of the institution is a place again.
		{"A missile hit the Kharkiv regional administration building on Tuesday.", "Kharkiv", Event},
		{"Un missile a frappé le siège de l'administration régionale de Kharkiv.", "Kharkiv", Event},
		// Capitals standing for their governments.
		{"Kiev a démenti toute implication dans l'attaque.", "Kiev", Title},
		{"Moscou affirme avoir abattu dix drones.", "Moscou", Title},
		{"Washington said the strikes were defensive.", "Washington", Title},
		{"Damascus denied using chemical weapons.", "Damascus", Title},
		{"Kyiv has flatly denied the claim.", "Kyiv", Title},
		{"Moscou, de son côté, accuse l'Ukraine.", "Moscou", Title},
		{"Des drones ont été abattus, mais Moscou affirme qu'aucun n'a atteint sa cible.", "Moscou", Title},
		{"Moscou et Pékin accusent Washington d'ingérence.", "Moscou", Title},
		{"Moscou et Pékin accusent Washington d'ingérence.", "Pékin", Title},
		{"Selon Moscou, dix drones ont été abattus.", "Moscou", Title},
		{"According to Kyiv, ten drones were downed.", "Kyiv", Title},
		{"Makiïvka, dans la région de Donetsk contrôlée par Moscou, a été frappée.", "Moscou", Title},
		{"Separatists backed by Moscow shelled the town.", "Moscow", Title},
		{"Le convoi est passé par Moscou avant de rejoindre la frontière.", "Moscou", Event},
		// Time zones.
		{"Les frappes ont commencé vers 4 heures (heure de Damas).", "Damas", Clock},
		{"The sirens sounded at 2 a.m. Kyiv time.", "Kyiv", Clock},
		{"This time Kharkiv was hit by glide bombs.", "Kharkiv", Event},
		// The same names as places.
		{"Des explosions ont retenti à Kiev lundi matin.", "Kiev", Event},
		{"Explosions were heard in Kyiv on Monday.", "Kyiv", Event},
		{"L'aviation a mené des frappes sur Damas, affirme l'armée.", "Damas", Event},
		{"Un drone s'est écrasé près de Moscou, affirme le ministère.", "Moscou", Event},
		{"Missiles struck Kharkiv, the regional governor said.", "Kharkiv", Event},
		{"Moscow was hit by drones overnight.", "Moscow", Event},
		{"A Kharkiv hospital said it treated ten people.", "Kharkiv", Event},
	}
	for _, c := range cases {
		m := findWords(g, c.text, c.words)
		if m == nil {
			t.Errorf("%q: %q not found in %+v", c.text, c.words, g.Find(c.text, ""))
			continue
		}
		if m.Role != c.role {
			t.Errorf("%q: %q has role %s, want %s", c.text, c.words, m.Role, c.role)
		}
	}
	if Title.String() != "title" {
		t.Errorf("Title.String() = %q", Title.String())
	}
}

// TestTwinRegion checks that a region named like the town that heads it
// is read as the town unless a region word is next to it.
func TestTwinRegion(t *testing.T) {
	g := testGazetteer(t)
	for _, c := range []struct {
		text, words string
		feature     Feature
		prec        int
	}{
		{"Les combats dans le nord de Raqqa continuent.", "Raqqa", City, 1},
		{"Des frappes ont visé la province de Raqqa.", "Raqqa", Region, 3},
		{"Shelling hit the Kharkiv region overnight.", "Kharkiv", Region, 3},
		{"Shelling hit Kharkiv overnight, Ukraine said.", "Kharkiv", City, 1},
	} {
		m := findWords(g, c.text, c.words)
		if m == nil {
			t.Errorf("%q: %q not found", c.text, c.words)
			continue
		}
		if m.Place.Feature != c.feature || m.Precision != c.prec {
			t.Errorf("%q: %q is a %s at precision %d, want %s at %d", c.text, c.words, m.Place.Feature, m.Precision, c.feature, c.prec)
		}
	}
	if c := g.Lookup("Raqqa", Options{}); len(c) == 0 || c[0].Place.Feature != City {
		t.Errorf("Lookup(Raqqa): got %+v, want the town first", c)
	}
	if c := g.Lookup("province de Raqqa", Options{}); len(c) == 0 || c[0].Place.Feature != Region {
		t.Errorf("Lookup(province de Raqqa): got %+v, want the region first", c)
	}
}

// TestFindGate checks the keeping of one-word names without an article's
// context: a sizeable town no other place is named like, a town after
// "in"/"à", a dateline, a seat whose population GeoNames lacks; not a
// part of a town.
func TestFindGate(t *testing.T) {
	g := testGazetteer(t)
	for _, c := range []struct {
		text, words string
		want        bool
	}{
		{"Le groupe Wagner aurait pris le contrôle de Bakhmout samedi.", "Bakhmout", true},
		{"The SDF received 50 armoured vehicles in Kobani, a spokesman said.", "Kobani", true},
		{"AKCAKALE, Turkey, Oct 10 (Reuters) - Shells landed in the town.", "AKCAKALE", true},
		{"Des frappes ont visé Abou Kamal et Al-Qaïm, en Irak.", "Al-Qaïm", true},
		{"Aircraft struck the al-Jadida district of west Mosul.", "al-Jadida", false},
		{"Des frappes ont tué 20 personnes mardi à Gaza, selon le ministère.", "Gaza", true}, // also a French verb form ("gazer")
		{"Israeli strikes killed 20 people in Gaza on Tuesday.", "Gaza", true},
		{"Quatre soldats maliens ont été tués près de Boni, a annoncé l'armée.", "Boni", false}, // an alternate name of Bonn: not in a Malian report
	} {
		found := false
		for _, m := range g.Find(c.text, "") {
			if c.text[m.Start:m.End] == c.words {
				found = true
			}
		}
		if found != c.want {
			t.Errorf("%q: %q found = %v, want %v", c.text, c.words, found, c.want)
		}
	}
}

// TestFindCompoundName keeps the end of a name joined by "da"/"do"/"del"
// to the name before it from being read as a place of its own.
func TestFindCompoundName(t *testing.T) {
	g := testGazetteer(t)
	cases := []struct{ lang, text, notCountry string }{
		{"fr", "Les forces ont repris Mocímboa da Praia, dans le Cabo Delgado.", "CV"},
		// A head cut out of a hyphenated name: Poole (GB) has "Pul" among
		// its names.
		{"en", "A suicide bomber struck a mosque in Pul-e-Khumri, Afghanistan.", "GB"},
		// "Lanao del Sur" is a province, not the town of Lanao.
		{"en", "Troops clashed with militants near Butig in Lanao del Sur province, Philippines.", "lanao"},
		// An alternate name after "the village of" needs a country the
		// article is about: Turku's Estonian name is Turu.
		{"fr", "Des hommes armés ont attaqué le village de Tourou, dans l'Extrême-Nord du Cameroun.", "FI"},
		// A town named after a region word, of a country the article does
		// not name: "le territoire de Djugu" is not Djougou (Benin).
		{"fr", "Au moins 42 civils ont été tués dans le territoire de Djugu, en Ituri, en RDC.", "BJ"},
		// A country that opens a body's name names no country: "the
		// Sudan People's Liberation Movement" in South Sudan.
		{"en", "Troops detained two members of the Sudan People's Liberation Movement in Juba, South Sudan.", "SD"},
	}
	for _, c := range cases {
		for _, m := range g.Find(c.text, c.lang) {
			if m.Place.Country == c.notCountry || strings.EqualFold(m.Place.Name, c.notCountry) {
				t.Errorf("%q: %q read as %s (%s)", c.text, c.text[m.Start:m.End], m.Place.Name, m.Place.Country)
			}
		}
	}
}

// TestFindRegionNearPlaces checks that a region near the article's other
// places is found where a foreign town shares its name: Shan State
// (Myanmar), not Schaan (Liechtenstein) after "the largest town in".
func TestFindRegionNearPlaces(t *testing.T) {
	g := testGazetteer(t)
	text := "An armed group said it had seized the army headquarters in Lashio, the largest town in northern Shan.\nThe alliance launched an offensive in northern Shan last October.\nAircraft bombed a market in Mogok, in Mandalay region."
	n := 0
	for _, m := range g.Find(text, "en") {
		if text[m.Start:m.End] != "Shan" {
			continue
		}
		if m.Place.Country != "MM" || m.Place.Feature != Region {
			t.Errorf("%q read as %s (%s, %s)", text[m.Start:m.End], m.Place.Name, m.Place.Country, m.Place.Feature)
		}
		n++
	}
	if n != 2 {
		t.Errorf("found Shan %d times, want 2", n)
	}
}

// TestTwoWordDemonym checks that "South Sudanese" and "sud-soudanais"
// point to South Sudan, not to Sudan by their last word.
func TestTwoWordDemonym(t *testing.T) {
	g := testGazetteer(t)
	for _, w := range []string{"South Sudanese", "sud-soudanais"} {
		var z tokenizer
		z.tokenize(w)
		if len(z.toks) < 2 {
			t.Fatalf("%q: %d tokens", w, len(z.toks))
		}
		n := len(z.toks)
		if cc := g.lex.demonym2[string(z.key(n-2))+" "+string(z.key(n-1))]; cc != "SS" {
			t.Errorf("demonym %q = %q, want SS", w, cc)
		}
	}
}

// TestFindHyphenatedWithConnector checks that a hyphenated name whose
// first word is also a common word and whose middle is a connector is
// found in running text: "Croix-des-Bouquets" (French "croix").
func TestFindHyphenatedWithConnector(t *testing.T) {
	g := testGazetteer(t)
	text := "Des gangs ont attaqué le commissariat de Croix-des-Bouquets, au nord-est de la capitale haïtienne."
	for _, m := range g.Find(text, "fr") {
		if m.Place.Name == "Croix-des-Bouquets" && m.Place.Country == "HT" {
			return
		}
	}
	t.Errorf("%q: Croix-des-Bouquets not found", text)
}

// TestFindBorder checks that a country after "la frontière avec" / "the
// border with" is the one across the border, not an event place.
func TestFindBorder(t *testing.T) {
	g := testGazetteer(t)
	for _, c := range []struct{ lang, text, country string }{
		{"fr", "Des soldats béninois ont été tués près de Malanville, à la frontière avec le Niger.", "NE"},
		{"en", "Gunmen attacked a village near Dikwa, Nigeria, close to the border with Cameroon.", "CM"},
	} {
		found := false
		for _, m := range g.Find(c.text, c.lang) {
			if m.Place.Country == c.country && m.Place.Feature == Country {
				found = true
				if m.Role != Border {
					t.Errorf("%q: %s has role %s, want border", c.text, m.Place.Name, m.Role)
				}
			}
		}
		if !found {
			t.Errorf("%q: no %s", c.text, c.country)
		}
	}
}
