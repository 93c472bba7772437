package sitrep_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
)

// TestCases runs the end-to-end cases of testdata/cases: each NAME.case
// file holds "# key: value" headers (lang, published), an article, a line
// "---", and one line per expected event:
//
//	type | actor1 | actor2 | place | date | weapon classes | fatalities | modality
//
// with "-" for an empty field. The summary keeps the fields a reader
// checks first; the golden JSONL files hold the rest.
func TestCases(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "cases", "*.case"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	x := newExtractor(t)
	for _, path := range files {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".case"), func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, want := parseCase(t, string(b))
			evs, err := x.Extract(doc)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range evs {
				got = append(got, summary(e))
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("events differ\n got:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
			}
		})
	}
}

func parseCase(t *testing.T, s string) (sitrep.Document, []string) {
	head, tail, ok := strings.Cut(s, "\n---\n")
	if !ok {
		head, ok = strings.CutSuffix(s, "\n---\n")
		if !ok {
			t.Fatal("no --- line")
		}
	}
	var doc sitrep.Document
	var body []string
	for _, line := range strings.Split(head, "\n") {
		if k, v, ok := strings.Cut(strings.TrimPrefix(line, "# "), ": "); ok && strings.HasPrefix(line, "# ") {
			switch k {
			case "lang":
				doc.Lang = v
			case "published":
				doc.Published = v
			}
			continue
		}
		body = append(body, line)
	}
	doc.Text = strings.Join(body, "\n")
	var want []string
	for _, line := range strings.Split(strings.TrimSpace(tail), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			want = append(want, line)
		}
	}
	return doc, want
}

func summary(e sitrep.Event) string {
	id := func(a *sitrep.Actor) string {
		if a == nil {
			return "-"
		}
		return a.ID
	}
	place, date, fat := "-", "-", "-"
	if e.Location != nil {
		place = e.Location.Name
	}
	if e.Date.Value != nil {
		date = *e.Date.Value
	}
	if e.Fatalities != nil {
		fat = strconv.Itoa(e.Fatalities.Best)
	}
	var ws []string
	for _, w := range e.Weapons {
		ws = append(ws, w.Class)
	}
	weapons := strings.Join(ws, ",")
	if weapons == "" {
		weapons = "-"
	}
	return fmt.Sprintf("%s | %s | %s | %s | %s | %s | %s | %s", e.Type, id(e.Actor1), id(e.Actor2), place, date, weapons, fat, e.Modality)
}
