package sitrep_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/score"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/extract")

func newExtractor(t testing.TB) *sitrep.Extractor {
	t.Helper()
	x, err := sitrep.New(sitrep.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// TestSeed checks the bar on the reference article, read from
// ../shared (it belongs to its publisher and is never copied here): every
// non-optional gold event found with the right type, actors, weapons,
// fatalities, sources, modality and date, and nothing spurious.
func TestSeed(t *testing.T) {
	dir := filepath.Join("..", "shared", "seed")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/seed not present")
	}
	cases, err := score.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	x := newExtractor(t)
	sys := extractAll(t, x, cases)
	rep := score.Score(cases, sys)
	if rep.EventF1() != 1 {
		var b bytes.Buffer
		rep.Write(&b, true)
		t.Fatalf("event F1 %.3f on the seed, want 1:\n%s", rep.EventF1(), b.String())
	}
	for _, f := range []string{"type", "actor1", "actor2", "weapons", "fatalities", "sources", "modality", "date"} {
		fs, ok := rep.Field(f)
		if !ok {
			t.Fatalf("no field %s in the report", f)
		}
		if fs.Accuracy() != 1 {
			var b bytes.Buffer
			rep.Write(&b, true)
			t.Errorf("field %s: accuracy %.3f on the seed, want 1:\n%s", f, fs.Accuracy(), b.String())
		}
	}
}

// extractAll runs the extractor on every case, with the gold's document
// fields (id, language, publication date).
func extractAll(t *testing.T, x *sitrep.Extractor, cases []score.Case) []sitrep.Event {
	t.Helper()
	var sys []sitrep.Event
	for _, c := range cases {
		d := c.Gold.Doc
		d.Text = c.Text
		evs, err := x.Extract(d)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		sys = append(sys, evs...)
	}
	return sys
}

// TestGolden runs the whole pipeline on every dev article and compares the
// JSONL with testdata/extract/NAME.jsonl (go test -update rewrites them).
// A change in extraction shows here as a readable diff of records.
func TestGolden(t *testing.T) {
	x := newExtractor(t)
	cases, err := score.LoadDir(filepath.Join("testdata", "dev"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			d := c.Gold.Doc
			d.Text = c.Text
			evs, err := x.Extract(d)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			enc := json.NewEncoder(&got)
			enc.SetEscapeHTML(false)
			for _, e := range evs {
				enc.Encode(e)
			}
			// Same input, same bytes.
			evs2, _ := x.Extract(d)
			var again bytes.Buffer
			enc = json.NewEncoder(&again)
			enc.SetEscapeHTML(false)
			for _, e := range evs2 {
				enc.Encode(e)
			}
			if !bytes.Equal(got.Bytes(), again.Bytes()) {
				t.Fatal("two runs gave different output")
			}
			path := filepath.Join("testdata", "extract", c.Name+".jsonl")
			if *update {
				os.MkdirAll(filepath.Dir(path), 0o755)
				if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("output differs from %s (go test -update rewrites it):\n%s", path, lineDiff(string(want), got.String()))
			}
		})
	}
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	in := func(xs []string, s string) bool {
		for _, x := range xs {
			if x == s {
				return true
			}
		}
		return false
	}
	var b strings.Builder
	for _, l := range w {
		if !in(g, l) {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range g {
		if !in(w, l) {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}

func TestBadInput(t *testing.T) {
	x := newExtractor(t)
	cases := []struct {
		name string
		text string
		want error
	}{
		{"empty", "", sitrep.ErrEmpty},
		{"blank", " \n\t ", sitrep.ErrEmpty},
		{"invalid UTF-8", "Frappe russe \xff\xfe sur Idlib.", sitrep.ErrInvalidUTF8},
		{"binary", "\x00\x01\x02ELF", sitrep.ErrBinary},
		{"unknown language", "12345 67890", sitrep.ErrUnknownLanguage},
	}
	for _, c := range cases {
		_, err := x.Extract(sitrep.Document{Text: c.text})
		if !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
		}
	}
	if _, err := x.Extract(sitrep.Document{Text: "Une frappe a touché Idlib.", Lang: "fr", Published: "2017-13-45"}); !errors.Is(err, sitrep.ErrBadDate) {
		t.Errorf("bad date: got %v", err)
	}
	big := strings.Repeat("a ", sitrep.MaxDocumentBytes)
	if _, err := x.Extract(sitrep.Document{Text: big, Lang: "fr"}); !errors.Is(err, sitrep.ErrTooLarge) {
		t.Errorf("too large: got %v", err)
	}
}

// BenchmarkExtractSeed runs the whole pipeline on the seed article (read
// from ../shared). The lexicons and the gazetteer load once, outside the
// loop, as in a long-running process.
func BenchmarkExtractSeed(b *testing.B) {
	path := filepath.Join("..", "shared", "seed", "deir-ezzor.fr.txt")
	body, err := os.ReadFile(path)
	if err != nil {
		b.Skip("seed not present")
	}
	x := newExtractor(b)
	doc := sitrep.Document{Text: string(body), Lang: "fr", Published: "2017-11-02"}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := x.Extract(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExtractDev runs the pipeline over the whole dev corpus.
func BenchmarkExtractDev(b *testing.B) {
	cases, err := score.LoadDir(filepath.Join("testdata", "dev"))
	if err != nil {
		b.Fatal(err)
	}
	x := newExtractor(b)
	var n int64
	for _, c := range cases {
		n += int64(len(c.Text))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, c := range cases {
			d := c.Gold.Doc
			d.Text = c.Text
			if _, err := x.Extract(d); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// FuzzExtract runs the whole pipeline on arbitrary text: no panic; every
// evidence span in bounds; every record complete; the same bytes twice.
func FuzzExtract(f *testing.F) {
	f.Add("Des tirs de mortier des rebelles ont tué cinq civils mercredi à Alep, selon l'OSDH.", "fr")
	f.Add("BEIRUT, Nov 20, 2017 - Syrian troops recaptured Albu Kamal from Islamic State on Sunday, the army said.", "en")
	f.Add("«Nous avons perdu", "fr")
	x := newExtractor(f)
	f.Fuzz(func(t *testing.T, s, lang string) {
		if lang != "fr" && lang != "en" {
			lang = ""
		}
		doc := sitrep.Document{Text: s, Lang: lang, Published: "2020-02-29"}
		evs, err := x.Extract(doc)
		if err != nil {
			return
		}
		again, _ := x.Extract(doc)
		a, _ := json.Marshal(evs)
		b, _ := json.Marshal(again)
		if !bytes.Equal(a, b) {
			t.Fatal("nondeterministic output")
		}
		for _, e := range evs {
			if e.ID == "" || e.Type == "" || e.EventType == "" || len(e.Evidence) == 0 {
				t.Fatalf("incomplete record %+v", e)
			}
			for _, sp := range e.Evidence {
				if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End {
					t.Fatalf("evidence %v out of bounds (len %d)", sp, len(s))
				}
			}
		}
	})
}

// TestConfidence checks that confidence means something on the dev corpus:
// events scored correct have a higher mean confidence than spurious ones.
func TestConfidence(t *testing.T) {
	x := newExtractor(t)
	cases, err := score.LoadDir(filepath.Join("testdata", "dev"))
	if err != nil {
		t.Fatal(err)
	}
	sys := extractAll(t, x, cases)
	rep := score.Score(cases, sys)
	wrong := map[string]bool{}
	for _, d := range rep.Docs {
		for _, s := range d.Spurious {
			wrong[s.Event.ID] = true
		}
		for _, p := range d.Wrong {
			if !p.Correct {
				wrong[p.System.Event.ID] = true
			}
		}
	}
	var good, bad float64
	var ng, nb int
	for _, e := range sys {
		if wrong[e.ID] {
			bad += e.Confidence
			nb++
		} else {
			good += e.Confidence
			ng++
		}
	}
	if ng == 0 || nb == 0 {
		t.Skip("no events on one side")
	}
	t.Logf("mean confidence: %d correct or optional %.3f, %d wrong %.3f", ng, good/float64(ng), nb, bad/float64(nb))
	if good/float64(ng) <= bad/float64(nb) {
		t.Errorf("correct events are not more confident than wrong ones: %.3f vs %.3f", good/float64(ng), bad/float64(nb))
	}
}

// BenchmarkExtractLong runs the pipeline on one long article (the dev
// corpus concatenated 30 times, about 1 MB): its MB/s should stay close to
// BenchmarkExtractDev's, which shows extraction is linear in length.
func BenchmarkExtractLong(b *testing.B) {
	cases, err := score.LoadDir(filepath.Join("testdata", "dev"))
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	for i := 0; i < 30; i++ {
		for _, c := range cases {
			if c.Gold.Doc.Lang == "fr" {
				sb.WriteString(c.Text)
				sb.WriteString("\n")
			}
		}
	}
	x := newExtractor(b)
	doc := sitrep.Document{Text: sb.String(), Lang: "fr", Published: "2018-02-21"}
	b.SetBytes(int64(len(doc.Text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := x.Extract(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// TestNoUnresolvedReference checks that no back-reference word ("=militia",
// "=group", "=media") reaches a record as an actor or a source name, on
// every article with gold in the repository.
func TestNoUnresolvedReference(t *testing.T) {
	x := newExtractor(t)
	for _, dir := range []string{"dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7"} {
		cases, err := score.LoadDir(filepath.Join("testdata", dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range extractAll(t, x, cases) {
			for _, a := range []*sitrep.Actor{e.Actor1, e.Actor2} {
				if a != nil && (strings.HasPrefix(a.ID, "=") || strings.HasPrefix(a.Name, "=")) {
					t.Errorf("%s: actor %+v is an unresolved reference", e.Doc, *a)
				}
			}
			for _, s := range e.Sources {
				if strings.HasPrefix(s.Name, "=") {
					t.Errorf("%s: source %+v is an unresolved reference", e.Doc, s)
				}
			}
		}
	}
}
