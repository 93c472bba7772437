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
	return haversine(p.Lat, p.Lon, g.Lat, g.Lon) <= lim
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
		if m.Place.Name != "Abu Kamal" || m.Precision != 2 || m.Role != Event || m.Text != "près de la ville syrienne d’al-Boukamal" {
			t.Errorf("al-Boukamal: got %q %s precision %d role %s", m.Text, m.Place.Name, m.Precision, m.Role)
		}
	}
	if m := get("la province de Deir Ezzor"); m != nil {
		if m.Place.Feature != Region || m.Place.Admin1 != "Deir ez-Zor" || m.Precision != 3 {
			t.Errorf("province de Deir Ezzor: got %s %s precision %d", m.Place.Name, m.Place.Feature, m.Precision)
		}
		if d := haversine(m.Place.Lat, m.Place.Lon, 35.33588, 40.14084); d > 5 {
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
