package text

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goldFile is the part of a gold file that the text layer checks.
type goldFile struct {
	Doc struct {
		Lang string `json:"lang"`
	} `json:"doc"`
	Events []struct {
		Evidence [][2]int `json:"evidence"`
	} `json:"events"`
}

// checkGoldSentences checks that every evidence span of the gold file is
// exactly one sentence of Analyze, with the language given and detected.
func checkGoldSentences(t *testing.T, goldPath string) {
	t.Helper()
	txtPath := strings.TrimSuffix(goldPath, ".gold.json") + ".txt"
	raw, err := os.ReadFile(txtPath)
	if err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	var g goldFile
	if err := json.Unmarshal(js, &g); err != nil {
		t.Fatalf("%s: %v", goldPath, err)
	}
	text := string(raw)
	name := filepath.Base(txtPath)
	if got := DetectLang(text); got != g.Doc.Lang {
		t.Errorf("%s: DetectLang = %q, gold says %q", name, got, g.Doc.Lang)
	}
	for _, lang := range []string{"", g.Doc.Lang} {
		d := Analyze(text, lang)
		sents := make(map[[2]int]bool, len(d.Sentences))
		for _, s := range d.Sentences {
			sents[[2]int{s.Start, s.End}] = true
		}
		for _, e := range g.Events {
			for _, sp := range e.Evidence {
				if sents[sp] {
					continue
				}
				t.Errorf("%s (lang %q): evidence %v %q is not a sentence; sentences around it:", name, lang, sp, text[sp[0]:sp[1]])
				for _, s := range d.Sentences {
					if s.End > sp[0] && s.Start < sp[1] {
						t.Errorf("\t[%d %d] %q", s.Start, s.End, text[s.Start:s.End])
					}
				}
			}
		}
	}
}

func TestGoldEvidenceSentences(t *testing.T) {
	golds, err := filepath.Glob("../../testdata/dev/*.gold.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(golds) == 0 {
		t.Skip("no dev corpus")
	}
	for _, g := range golds {
		checkGoldSentences(t, g)
	}
}

// TestSeedEvidenceSentences reads the seed article from the shared folder,
// outside the repository; it is skipped when the folder is absent.
func TestSeedEvidenceSentences(t *testing.T) {
	g := "../../../shared/seed/deir-ezzor.fr.gold.json"
	if _, err := os.Stat(g); err != nil {
		t.Skip("seed article not available")
	}
	checkGoldSentences(t, g)
}
