package demo

import (
	"testing"
	"unicode/utf8"
)

func TestDocuments(t *testing.T) {
	docs, err := Documents()
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) < 10 {
		t.Fatalf("%d documents, want at least 10", len(docs))
	}
	seen := map[string]bool{}
	langs := map[string]int{}
	for _, d := range docs {
		if seen[d.ID] {
			t.Errorf("duplicate id %s", d.ID)
		}
		seen[d.ID] = true
		langs[d.Lang]++
		if !utf8.ValidString(d.Text) {
			t.Errorf("%s: invalid UTF-8", d.ID)
		}
	}
	if langs["fr"] == 0 || langs["en"] == 0 {
		t.Errorf("languages %v, want French and English", langs)
	}
}
