package text

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// dump writes a readable dump of d: its language, one token a line
// (start end kind norm flags), one sentence a line and one quote a line.
func dump(d *Doc) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "lang %s\n# tokens\n", d.Lang)
	for _, t := range d.Tokens {
		fmt.Fprintf(&b, "%d %d %s %q", t.Start, t.End, t.Kind, t.Norm)
		if t.Upper {
			b.WriteString(" upper")
		}
		if t.Cap {
			b.WriteString(" cap")
		}
		b.WriteByte('\n')
	}
	b.WriteString("# sentences\n")
	for _, s := range d.Sentences {
		fmt.Fprintf(&b, "%d %d [%d,%d) %q\n", s.Start, s.End, s.First, s.Last, d.Text[s.Start:s.End])
	}
	b.WriteString("# quotes\n")
	for _, q := range d.Quotes {
		fmt.Fprintf(&b, "%d %d %q\n", q.Start, q.End, d.Text[q.Start:q.End])
	}
	return b.Bytes()
}

// TestGolden analyses each testdata/golden/*.txt and compares the dump with
// the .golden file beside it; go test -update rewrites the golden files.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/golden/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) == 0 {
		t.Fatal("no golden inputs")
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			got := dump(Analyze(string(src), ""))
			golden := strings.TrimSuffix(in, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("dump differs from %s (run go test -update to accept):\n%s", golden, lineDiff(string(want), string(got)))
			}
		})
	}
}

// lineDiff lists the lines that differ between want and got, by position.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	n := max(len(w), len(g))
	shown := 0
	for i := 0; i < n && shown < 20; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n-\t%s\n+\t%s\n", i+1, wl, gl)
			shown++
		}
	}
	return b.String()
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"bombardiers", "bombardiers"},
		{"États-Unis", "etats-unis"},
		{"L’armée", "l'armee"},
		{"Ç'A ÉTÉ", "c'a ete"},
		{"cœur Œuvre", "coeur oeuvre"},
		{"Ærø Straße", "aero strasse"},
		{"Łódź Dnipró", "lodz dnipro"},
		{"İstanbul ağrı", "istanbul agri"},
		{"e\u0301cole", "ecole"},
		{"Tu‑22M3 − 2", "tu-22m3 - 2"},
		{"a  \t\n b\u00a0\u202fc", "a b c"},
		{" lead and trail ", " lead and trail "},
		{"soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"},
		{"دير الزور", "دير الزور"},
		{"مُحَمَّد ١٢٣", "محمد 123"},
		{"ПУТИН", "путин"},
		{"ﬁn", "fin"},
		{"« guillemets » – dash", "« guillemets » – dash"},
		{"bad\xffbyte", "bad\uFFFDbyte"},
		{"Việt Nam", "viet nam"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := FoldWithOffsets(tt.in).Text; got != tt.want {
			t.Errorf("FoldWithOffsets(%q).Text = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldAllocs(t *testing.T) {
	s := "bombardiers"
	if n := testing.AllocsPerRun(100, func() { _ = Fold(s) }); n != 0 {
		t.Errorf("Fold of a folded ASCII word: %v allocations, want 0", n)
	}
	u := "Bombardiers"
	if n := testing.AllocsPerRun(100, func() { _ = Fold(u) }); n > 1 {
		t.Errorf("Fold of an ASCII word: %v allocations, want at most 1", n)
	}
}

func TestFoldWithOffsets(t *testing.T) {
	tests := []struct {
		in   string
		word string // a folded word to find
		orig string // the original text it maps back to
	}{
		{"Les États-Unis ont frappé", "etats", "États"},
		{"Les États-Unis ont frappé", "frappe", "frappé"},
		{"un cœur à Łódź", "coeur", "cœur"},
		{"un cœur à Łódź", "lodz", "Łódź"},
		{"Deir  ez‑Zor", "deir ez-zor", "Deir  ez‑Zor"},
		{"l’agence e\u0301cole", "ecole", "e\u0301cole"},
		{"Straße\u00a0Nord", "strasse nord", "Straße\u00a0Nord"},
	}
	for _, tt := range tests {
		f := FoldWithOffsets(tt.in)
		if len(f.Offsets) != len(f.Text)+1 {
			t.Fatalf("%q: %d offsets for %d bytes", tt.in, len(f.Offsets), len(f.Text))
		}
		if f.Offsets[len(f.Text)] != len(tt.in) {
			t.Errorf("%q: last offset %d, want %d", tt.in, f.Offsets[len(f.Text)], len(tt.in))
		}
		for i := 1; i < len(f.Offsets); i++ {
			if f.Offsets[i] < f.Offsets[i-1] {
				t.Errorf("%q: offsets decrease at %d", tt.in, i)
			}
		}
		i := strings.Index(f.Text, tt.word)
		if i < 0 {
			t.Errorf("%q: %q not in folded %q", tt.in, tt.word, f.Text)
			continue
		}
		j := i + len(tt.word)
		end := f.Offsets[j]
		// A dropped rune after the word (a combining mark) belongs to it.
		if j < len(f.Text) && f.Text[j] == ' ' {
			end = f.Offsets[j]
		}
		if got := tt.in[f.Offsets[i]:end]; got != tt.orig {
			t.Errorf("%q: %q maps back to %q, want %q", tt.in, tt.word, got, tt.orig)
		}
	}
}

func TestDetectLang(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "unknown"},
		{"12345", "unknown"},
		{"Damas", "unknown"},
		{"L'armée syrienne a repris la ville, selon l'agence officielle.", "fr"},
		{"Les forces de la coalition ont mené des frappes sur la ville.", "fr"},
		{"The army said it had retaken the town from the jihadists.", "en"},
		{"Russia's Defence Ministry said its warplanes hit the base.", "en"},
		{"Le ministre said the guerre est finie", "unknown"},
		{"BEIRUT - Syrian troops", "unknown"},
	}
	for _, tt := range tests {
		if got := DetectLang(tt.in); got != tt.want {
			t.Errorf("DetectLang(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // tokens as kind:norm, space-separated
	}{
		{"Tu-22M3", "word:tu punct:- word:22m3"},
		{"al-Boukamal", "word:al punct:- word:boukamal"},
		{"explique-t-il", "word:explique punct:- word:t punct:- word:il"},
		{"l’agence d'Alep", "elision:l' word:agence elision:d' word:alep"},
		{"jusqu’à lorsqu'il", "elision:jusqu' word:a elision:lorsqu' word:il"},
		{"aujourd’hui AUJOURD'HUI", "word:aujourd'hui word:aujourd'hui"},
		{"quelqu'un presqu’île", "word:quelqu'un word:presqu'ile"},
		{"Russia's", "word:russia punct:' word:s"},
		{"l' 2 d'", "word:l punct:' number:2 word:d punct:'"},
		{"4,000 4\u202f000 4\u00a0000 4 000", "number:4,000 number:4 000 number:4 000 number:4 number:000"},
		{"2.5 2,5 12,5km 2017.", "number:2.5 number:2,5 number:12 punct:, word:5km number:2017 punct:."},
		{"1\u00a02345", "number:1 number:2345"},
		{"HIMARS M777 22M3", "word:himars word:m777 word:22m3"},
		{"bom\u00adbardiers", "word:bombardiers"},
		{"١٢ مدنياً", "number:12 word:مدنيا"},
		{"«Oui» – non…", "punct:« word:oui punct:» punct:– word:non punct:…"},
		{"a\xffb", "word:a punct:\uFFFD word:b"},
	}
	for _, tt := range tests {
		var parts []string
		for _, tok := range Tokenize(tt.in) {
			parts = append(parts, tok.Kind.String()+":"+tok.Norm)
		}
		if got := strings.Join(parts, " "); got != tt.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

func TestTokenFlags(t *testing.T) {
	toks := Tokenize("EI FDS L'armée Daech 22M3 دير")
	want := []struct{ upper, cap bool }{
		{true, true}, {true, true}, {true, true}, {false, false}, {false, true}, {true, false}, {false, false},
	}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens, want %d", len(toks), len(want))
	}
	for i, w := range want {
		if toks[i].Upper != w.upper || toks[i].Cap != w.cap {
			t.Errorf("token %d %q: upper %v cap %v, want %v %v", i, toks[i].Norm, toks[i].Upper, toks[i].Cap, w.upper, w.cap)
		}
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		lang string
		in   string
		want []string
	}{
		{"fr", "M. Dupont est arrivé. Il a parlé.", []string{"M. Dupont est arrivé.", "Il a parlé."}},
		{"fr", "«Six avions ont frappé. Ils ont visé …», a annoncé le ministère. Le bilan est lourd.",
			[]string{"«Six avions ont frappé. Ils ont visé …», a annoncé le ministère.", "Le bilan est lourd."}},
		{"fr", "Il a dit : «C'est fini.» Puis il est parti.", []string{"Il a dit : «C'est fini.»", "Puis il est parti."}},
		{"fr", "Il a dit : « C'est fini ? » Puis il est parti.", []string{"Il a dit : « C'est fini ? »", "Puis il est parti."}},
		{"fr", "Première ligne\n  Deuxième ligne.  \n\nTroisième", []string{"Première ligne", "Deuxième ligne.", "Troisième"}},
		{"fr", "«Ouvert sans fin. Encore\nNouvelle ligne. Oui.", []string{"«Ouvert sans fin. Encore", "Nouvelle ligne.", "Oui."}},
		{"fr", "Des armes, etc. et des munitions. En 2017. 12 morts.", []string{"Des armes, etc. et des munitions.", "En 2017.", "12 morts."}},
		{"en", "Mr. Smith met U.S. officials. They left.", []string{"Mr. Smith met U.S. officials.", "They left."}},
		{"en", "\"We won. It is over,\" he said. Then he left.", []string{"\"We won. It is over,\" he said.", "Then he left."}},
		{"en", "It failed (again). Why? Nobody knows... Really.", []string{"It failed (again).", "Why?", "Nobody knows...", "Really."}},
		{"en", "Attack on the U.N. compound by J. R. Smith. Done.", []string{"Attack on the U.N. compound by J. R. Smith.", "Done."}},
		{"en", "ok. lower case goes on.", []string{"ok. lower case goes on."}},
		{"", "", nil},
		{"", " \n\t ", nil},
	}
	for _, tt := range tests {
		d := Analyze(tt.in, tt.lang)
		var got []string
		for _, s := range d.Sentences {
			got = append(got, tt.in[s.Start:s.End])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("Analyze(%q) sentences:\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestQuotes(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Il a dit «oui» puis «non».", []string{"«oui»", "«non»"}},
		{"« Il a dit “non” hier »", []string{"« Il a dit “non” hier »", "“non”"}},
		{"He said \"no\" and \"yes\".", []string{"\"no\"", "\"yes\""}},
		{"Er sagte „nein“ heute.", []string{"„nein“"}},
		{"Stray » and ‹un›.", []string{"‹un›"}},
		{"«open to the end. Still.\nNext «x».", []string{"«open to the end. Still.", "«x»"}},
		{"«outer “inner» after", []string{"«outer “inner»", "“inner"}},
	}
	for _, tt := range tests {
		d := Analyze(tt.in, "")
		var got []string
		for _, q := range d.Quotes {
			got = append(got, tt.in[q.Start:q.End])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("Analyze(%q) quotes:\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestSentenceOfQuoteAt(t *testing.T) {
	in := "Il a dit «oui». Puis «non»."
	d := Analyze(in, "fr")
	if len(d.Sentences) != 2 {
		t.Fatalf("got %d sentences, want 2", len(d.Sentences))
	}
	for i := range d.Tokens {
		s := d.SentenceOf(i)
		if s < 0 || d.Sentences[s].First > i || i >= d.Sentences[s].Last {
			t.Errorf("SentenceOf(%d) = %d", i, s)
		}
	}
	for _, i := range []int{-1, len(d.Tokens)} {
		if s := d.SentenceOf(i); s != -1 {
			t.Errorf("SentenceOf(%d) = %d, want -1", i, s)
		}
	}
	oui := strings.Index(in, "oui")
	if q := d.QuoteAt(oui); q != 0 {
		t.Errorf("QuoteAt(oui) = %d, want 0", q)
	}
	if q := d.QuoteAt(strings.Index(in, "non")); q != 1 {
		t.Errorf("QuoteAt(non) = %d, want 1", q)
	}
	if q := d.QuoteAt(0); q != -1 {
		t.Errorf("QuoteAt(0) = %d, want -1", q)
	}
	if q := d.QuoteAt(d.Quotes[0].End); q != -1 {
		t.Errorf("QuoteAt(end of first quote) = %d, want -1", q)
	}
}

func TestAbbreviationTable(t *testing.T) {
	seen := map[string]bool{}
	for _, a := range abbreviations {
		if a.lang != "fr" && a.lang != "en" {
			t.Errorf("abbreviation %q: language %q", a.form, a.lang)
		}
		if a.form == "" || strings.HasSuffix(a.form, ".") || strings.ContainsAny(a.form, " \t") {
			t.Errorf("abbreviation %q (%s): malformed form", a.form, a.lang)
		}
		last := a.form[strings.LastIndexAny(a.form, ".-")+1:]
		if len(last) > maxAbbrevWord {
			t.Errorf("abbreviation %q (%s): last word longer than maxAbbrevWord", a.form, a.lang)
		}
		k := a.lang + " " + a.form
		if seen[k] {
			t.Errorf("abbreviation %q (%s): duplicate", a.form, a.lang)
		}
		seen[k] = true
	}
}
