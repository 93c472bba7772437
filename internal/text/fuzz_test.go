package text

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// fuzzSeeds adds the golden inputs and a few awkward strings to f.
func fuzzSeeds(f *testing.F) {
	ins, _ := filepath.Glob("testdata/golden/*.txt")
	for _, in := range ins {
		if b, err := os.ReadFile(in); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		"", " ", "\n\n", ".", "«", "»", "\"", "“„", "l'", "l’a", "aujourd'", "aujourd’hui",
		"4\u00a0000\u202f000,5", "1,", "1,a", "a\u00ad", "\u00adb", "e\u0301", "\u0301",
		"\xff\xfe", "a\xc3", "M. X. Y.", "«a. B», c. D", "U.S. The", "…» Le", "?!?» X",
		"\u2028x\u2029y\u0085z", "\ufeff", "مُ", "\u0640\u064b", "ǅ", "İ", "ß",
	} {
		f.Add(s)
	}
}

// checkTokens checks the token invariants on s.
func checkTokens(t *testing.T, s string, toks []Token) {
	t.Helper()
	prev := 0
	for i, tok := range toks {
		if tok.Start < prev || tok.Start >= tok.End || tok.End > len(s) {
			t.Fatalf("token %d span [%d %d) after %d, text length %d", i, tok.Start, tok.End, prev, len(s))
		}
		prev = tok.End
		if tok.Kind < Word || tok.Kind > Elision {
			t.Fatalf("token %d: kind %d", i, tok.Kind)
		}
		src := s[tok.Start:tok.End]
		if tok.Norm == "" {
			t.Fatalf("token %d %q: empty Norm", i, src)
		}
		if f := Fold(src); tok.Norm != f {
			t.Fatalf("token %d %q: Norm %q, Fold %q", i, src, tok.Norm, f)
		}
		if strings.ContainsAny(src, "\n\r\t ") {
			t.Fatalf("token %d %q holds white space", i, src)
		}
	}
}

func FuzzTokenize(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s)
		checkTokens(t, s, toks)
		if again := Tokenize(s); !reflect.DeepEqual(toks, again) {
			t.Fatalf("Tokenize not deterministic")
		}
		fs := Fold(s)
		fo := FoldWithOffsets(s)
		if fo.Text != fs {
			t.Fatalf("FoldWithOffsets %q, Fold %q", fo.Text, fs)
		}
		if len(fo.Offsets) != len(fo.Text)+1 || fo.Offsets[len(fo.Text)] != len(s) {
			t.Fatalf("offsets: %d for %d bytes, last %d", len(fo.Offsets), len(fo.Text), fo.Offsets[len(fo.Offsets)-1])
		}
		for i := 1; i < len(fo.Offsets); i++ {
			if fo.Offsets[i] < fo.Offsets[i-1] || fo.Offsets[i] > len(s) {
				t.Fatalf("offset %d = %d after %d", i, fo.Offsets[i], fo.Offsets[i-1])
			}
		}
		if Fold(fs) != fs {
			t.Fatalf("Fold not idempotent: %q → %q", fs, Fold(fs))
		}
	})
}

func FuzzAnalyze(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		d := Analyze(s, "")
		checkTokens(t, s, d.Tokens)
		switch d.Lang {
		case "fr", "en", "unknown":
		default:
			t.Fatalf("Lang %q", d.Lang)
		}
		next := 0
		for i, sn := range d.Sentences {
			if sn.First != next || sn.Last <= sn.First || sn.Last > len(d.Tokens) {
				t.Fatalf("sentence %d tokens [%d %d), want start %d", i, sn.First, sn.Last, next)
			}
			next = sn.Last
			if sn.Start != d.Tokens[sn.First].Start || sn.End != d.Tokens[sn.Last-1].End {
				t.Fatalf("sentence %d span [%d %d) does not match its tokens", i, sn.Start, sn.End)
			}
			for k := sn.First; k < sn.Last; k++ {
				if d.SentenceOf(k) != i {
					t.Fatalf("SentenceOf(%d) = %d, want %d", k, d.SentenceOf(k), i)
				}
			}
		}
		if next != len(d.Tokens) {
			t.Fatalf("sentences cover %d of %d tokens", next, len(d.Tokens))
		}
		for i, q := range d.Quotes {
			if q.Start < 0 || q.Start >= q.End || q.End > len(s) {
				t.Fatalf("quote %d span [%d %d)", i, q.Start, q.End)
			}
			if i > 0 && q.Start < d.Quotes[i-1].Start {
				t.Fatalf("quote %d out of order", i)
			}
			if d.QuoteAt(q.Start) < 0 {
				t.Fatalf("QuoteAt(%d) = -1 inside quote %d", q.Start, i)
			}
		}
		if again := Analyze(s, ""); !reflect.DeepEqual(d, again) {
			t.Fatalf("Analyze not deterministic")
		}
	})
}
