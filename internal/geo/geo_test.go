package geo

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// TestDataFiles loads every embedded data file: a malformed row or a
// duplicate form fails here, naming the file and line.
func TestDataFiles(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if g.bin == nil {
		t.Fatal("no compiled index embedded (run go generate ./internal/geo)")
	}
	if g.Len() < 200000 {
		t.Errorf("only %d places", g.Len())
	}
	for _, cc := range []string{"SY", "IQ", "UA", "ML", "BF", "NE", "YE", "FR", "US"} {
		if _, ok := g.cntry[cc]; !ok {
			t.Errorf("no country %s", cc)
		}
	}
}

// TestLoadErrors checks that bad rows are all reported with their line.
func TestLoadErrors(t *testing.T) {
	extra := "# comment\n" + strings.Join(extraColumns, "\t") + "\n" +
		"Good\tcity\t1\t2\t0\tA\tSY\t0\n" +
		"Bad coords\tcity\t100\t2\t0\tA\tSY\t0\n" +
		"Bad feature\ttown\t1\t2\t0\tA\tSY\t0\n" +
		"Short\tcity\t1\n" +
		"Good\tcity\t3\t4\t0\tA\tSY\t0\n"
	_, err := Load(fstest.MapFS{ExtraFile: {Data: []byte(extra)}})
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("got %v, want an ErrorList", err)
	}
	var lines []int
	for _, e := range list {
		lines = append(lines, e.Line)
	}
	if fmt.Sprint(lines) != "[4 5 6 7]" {
		t.Errorf("errors on lines %v, want [4 5 6 7]:\n%v", lines, err)
	}
	if _, err := Load(fstest.MapFS{}); !errors.Is(err, ErrNoData) {
		t.Errorf("empty FS: got %v, want ErrNoData", err)
	}
}

// TestLoadLongName checks that a hand-kept name longer than Find reads is
// an error.
func TestLoadLongName(t *testing.T) {
	extra := strings.Join(extraColumns, "\t") + "\n" +
		"X crossing|point de passage de Rafah\tsite\t31.2\t34.2\t0\tRafah\tPS\t0\n"
	_, err := Load(fstest.MapFS{ExtraFile: {Data: []byte(extra)}})
	if err == nil || !strings.Contains(err.Error(), "5 words") {
		t.Errorf("got %v, want a 5-word error", err)
	}
}

// TestExtraRows checks the rule of extra.tsv: a row attached to a place
// of the index must add a spelling the index lacks for it, or one the
// index reads as another place of the same kind first. A row that only
// repeats the index would make scores on the articles it was copied from
// flattering.
func TestExtraRows(t *testing.T) {
	g := testGazetteer(t)
	b, err := dataFS.ReadFile("data/" + ExtraFile)
	if err != nil {
		t.Fatal(err)
	}
	var z tokenizer
	err = tsvRows(ExtraFile, string(b), extraColumns, func(line int, c []string) error {
		names := strings.Split(c[0], "|")
		f, _ := ParseFeature(c[1])
		var id int32 = -1
		switch f {
		case City, Site:
			gid := 0
			fmt.Sscan(c[4], &gid)
			if i, ok := g.bin.byGeonameID(gid); ok && gid != 0 {
				id = i
			}
		case Country:
			id = g.cntry[c[6]]
		case Region:
			if names[0] != c[5] {
				return nil // an area the index lacks
			}
			for _, n := range names {
				h, _ := nameHash(&z, n)
				for _, p := range g.bin.lookup(nil, h) {
					if g.bin.feature(p.id()) == Region && g.bin.place(p.id()).Country == c[6] {
						id = p.id()
					}
				}
			}
			if id < 0 {
				return nil // a region the index lacks (Ménaka)
			}
		}
		if id < 0 || int(id) >= g.nbin {
			return nil
		}
		for _, n := range names {
			h, _ := nameHash(&z, n)
			if !g.bin.has(h, id) {
				return nil
			}
			if best := g.binBest(h); best != id && best >= 0 && g.bin.feature(best) == f {
				return nil
			}
		}
		return fmt.Errorf("%q only repeats the index", c[0])
	})
	if err != nil {
		t.Error(err)
	}
}

// TestLoadExtraOnly uses a gazetteer made of a hand-kept file alone.
func TestLoadExtraOnly(t *testing.T) {
	extra := strings.Join(extraColumns, "\t") + "\n" +
		"Abu Kamal|Boukamal|Abou Kamal\tcity\t34.45226\t40.91854\t174448\tDeir ez-Zor\tSY\t57572\n"
	g, err := Load(fstest.MapFS{ExtraFile: {Data: []byte(extra)}})
	if err != nil {
		t.Fatal(err)
	}
	c := g.Lookup("al-Boukamal", Options{})
	if len(c) != 1 || c[0].Place.GeonameID != 174448 {
		t.Fatalf("got %+v", c)
	}
	ms := g.Find("Des frappes près de la ville d’al-Boukamal.", "fr")
	if len(ms) != 1 || ms[0].Precision != 2 || ms[0].Text != "près de la ville d’al-Boukamal" {
		t.Fatalf("got %+v", ms)
	}
}

// TestKey checks the folding: each group of spellings shares one key.
func TestKey(t *testing.T) {
	groups := [][]string{
		{"al-Boukamal", "Abou Kamal", "Albu Kamal", "Abu Kamal", "Boukamal", "Bukamal", "AbuKamal", "Al Bukamal"},
		{"Deir ez-Zor", "Deir Ezzor", "Deir Ez-Zor", "Deïr ez Zor", "Deir Zor"},
		{"Raqqa", "Raqa", "ar-Raqqa", "Al Raqqa", "RAQQA"},
		{"Khan Cheikhoun", "Khan Sheikhoun", "Khan Chéikhoun"},
		{"Ma'arrat al-Nu'man", "Maarrat an-Numan", "Maarat al-Numan", "Ma‘arrat al Nu‘man"},
		{"Tchernihiv", "Chernihiv"},
		{"Djibouti", "Jibuti"},
		{"Ras al-Ain", "Ra’s al ‘Ain", "Ras al Ain", "Ras el-Ain"},
		{"São Paulo", "Sao Paulo", "SAO PAULO", "Sao-Paulo"},
		{"Côte d'Ivoire", "Cote d’Ivoire", "Côte-d'Ivoire"},
		{"Le Caire", "Caire"},
		{"دير الزور", "دير زور"},
		{"الرقة", "الرقه", "رقة"},
	}
	for _, g := range groups {
		want := Key(g[0])
		if want == "" {
			t.Errorf("%q: empty key", g[0])
		}
		for _, s := range g[1:] {
			if k := Key(s); k != want {
				t.Errorf("Key(%q) = %q, Key(%q) = %q", s, k, g[0], want)
			}
		}
	}
	distinct := [][2]string{{"US", "USS"}, {"Homs", "Hama"}, {"Mali", "Malé"[:4]}}
	for _, d := range distinct {
		if Key(d[0]) == Key(d[1]) && d[0] != d[1] {
			t.Errorf("Key(%q) == Key(%q)", d[0], d[1])
		}
	}
}

// TestFindSpans checks spans, phrases and roles on short texts.
func TestFindSpans(t *testing.T) {
	g := testGazetteer(t)
	cases := []struct {
		text, words, phrase string
		prec                int
		role                Role
		feature             Feature
	}{
		{"Des tirs au sud-est de la ville de Deir ez-Zor.", "Deir ez-Zor", "au sud-est de la ville de Deir ez-Zor", 2, Event, City},
		{"Les combats dans le nord de Raqqa continuent.", "Raqqa", "le nord de Raqqa", 1, Event, City},
		{"Strikes hit the north of neighbouring Hama province on Monday.", "Hama", "the north of neighbouring Hama", 3, Event, Region},
		{"Kalibr missiles were fired from the Caspian Sea at targets in Syria.", "Caspian Sea", "from the Caspian Sea", 3, Launch, Water},
		{"Les bombardiers, qui ont décollé de Mozdok, ont frappé.", "Mozdok", "décollé de Mozdok", 1, Launch, City},
		{"KYIV, April 8, 2022 - Missiles struck Kramatorsk station.", "KYIV", "KYIV", 1, Dateline, City},
		{"Damas, 10 novembre 2017 - L'armée a repris la ville.", "Damas", "Damas", 1, Dateline, City},
		{"Clashes erupted on the outskirts of Manbij.", "Manbij", "the outskirts of Manbij", 2, Event, City},
		{"Une frappe a visé la région de Soumy.", "Soumy", "la région de Soumy", 3, Event, Region},
		{"the Turkish town of Akcakale was hit", "Akcakale", "the Turkish town of Akcakale", 1, Event, City},
	}
	for _, c := range cases {
		m := findWords(g, c.text, c.words)
		if m == nil {
			t.Errorf("%q: %q not found in %+v", c.text, c.words, g.Find(c.text, ""))
			continue
		}
		if m.Text != c.phrase || m.Precision != c.prec || m.Role != c.role || m.Place.Feature != c.feature {
			t.Errorf("%q: got %q precision %d role %s %s, want %q %d %s %s", c.text, m.Text, m.Precision, m.Role, m.Place.Feature, c.phrase, c.prec, c.role, c.feature)
		}
	}
}

// FuzzFind checks that Find and Key never panic, that spans are in bounds
// and in order, and that Find is deterministic.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"près de la ville syrienne d’al-Boukamal",
		"KYIV, April 8, 2022 - Missiles",
		"ont survolé l’Iran et l’Irak",
		"دير الزور",
		"l'", "-al-", "Ma'a's", "ÉTATS-UNIS", "\xff\xfe", "a'\u0301b",
	} {
		f.Add(s)
	}
	g, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = Key(s)
		_ = g.Lookup(s, Options{Country: "SY"})
		ms := g.Find(s, "fr")
		last := -1
		for _, m := range ms {
			if m.PhraseStart < 0 || m.PhraseStart > m.Start || m.Start >= m.End || m.End > len(s) {
				t.Fatalf("bad span %d %d %d in %q", m.PhraseStart, m.Start, m.End, s)
			}
			if m.Start < last {
				t.Fatalf("mentions out of order in %q", s)
			}
			last = m.End
			if m.Text != s[m.PhraseStart:m.End] {
				t.Fatalf("text %q is not the phrase span", m.Text)
			}
			if utf8.ValidString(s) && !utf8.ValidString(m.Text) {
				t.Fatalf("span cuts a character in %q", s)
			}
		}
		again := g.Find(s, "fr")
		if fmt.Sprint(again) != fmt.Sprint(ms) {
			t.Fatalf("Find is not deterministic on %q", s)
		}
	})
}

// BenchmarkLoad measures Default (the embedded index and the hand-kept
// file) and reports the heap in use after a load.
func BenchmarkLoad(b *testing.B) {
	var g *Gazetteer
	for i := 0; i < b.N; i++ {
		var err error
		if g, err = Default(); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heapMB")
	b.ReportMetric(float64(ms.Sys)/(1<<20), "sysMB")
	b.ReportMetric(float64(len(embeddedIndex))/(1<<20), "indexMB")
	runtime.KeepAlive(g)
}

// BenchmarkLookup measures single-name look-ups.
func BenchmarkLookup(b *testing.B) {
	g := testGazetteer(b)
	names := make([]string, len(lookupCases))
	for i, c := range lookupCases {
		names[i] = c.name
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.Lookup(names[i%len(names)], Options{})
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
}

// BenchmarkFind measures geoparsing the dev corpus.
func BenchmarkFind(b *testing.B) {
	g := testGazetteer(b)
	texts := devTexts(b)
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	b.SetBytes(int64(n))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			g.Find(t, "")
		}
	}
}

// TestConcurrent runs Find and Lookup from several goroutines (run with
// -race): a loaded Gazetteer is read-only.
func TestConcurrent(t *testing.T) {
	g := testGazetteer(t)
	texts := devTexts(t)
	done := make(chan bool)
	for w := 0; w < 4; w++ {
		go func(w int) {
			for i, s := range texts {
				if i%4 == w {
					g.Find(s, "")
					g.Lookup("Mossoul", Options{})
				}
			}
			done <- true
		}(w)
	}
	for w := 0; w < 4; w++ {
		<-done
	}
}

// findWords returns the mention Find makes of exactly these words of the
// text, or nil.
func findWords(g *Gazetteer, text, words string) *Mention {
	ms := g.Find(text, "")
	for i := range ms {
		if text[ms[i].Start:ms[i].End] == words {
			return &ms[i]
		}
	}
	return nil
}
