package lexicon

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sitrep/sitrep/internal/text"
	"github.com/sitrep/sitrep/lexicons"
)

// TestEmbedded loads every language folder that ships with the binary: a
// malformed row or a duplicate form fails here with file:line.
func TestEmbedded(t *testing.T) {
	dirs, err := fs.ReadDir(lexicons.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range dirs {
		if !d.IsDir() || d.Name() == "common" {
			continue
		}
		n++
		l, err := Load(lexicons.FS, d.Name())
		if err != nil {
			t.Errorf("language %s:\n%v", d.Name(), err)
			continue
		}
		if l.Forms() < 100 {
			t.Errorf("language %s: only %d forms loaded", d.Name(), l.Forms())
		}
		if len(l.Countries) < 400 {
			t.Errorf("language %s: %d country codes, want both codes of ~250 countries", d.Name(), len(l.Countries))
		}
	}
	if n < 2 {
		t.Errorf("%d language folders, want at least fr and en", n)
	}
}

func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for k, v := range files {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

func TestErrorsCarryPositions(t *testing.T) {
	fsys := mapFS(map[string]string{
		"xx/actors.tsv": "# comment\nforms\tid\tkind\tcountry\tname\n" +
			"russe|russes\tRUS\tstate_government\tRUS\tRussia\n" +
			"daech\tgroup:isis\tbad_kind\t\tIslamic State\n" + // line 4
			"only two\tcolumns\n" + // line 5
			"Russes\tRUS\tstate_government\tRUS\tRussia\n" + // line 6: duplicate after folding
			"x\tRUSSIA.MIL\tstate_military\tRUS\tx\n", // line 7
		"xx/weapons.tsv": "forms\tclass\tmodel\tplatform\nbom*\tbomber_aircraft\t\tair\n", // short stem
	})
	_, err := Load(fsys, "xx")
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("want an ErrorList, got %v", err)
	}
	want := []string{
		"xx/actors.tsv:4: unknown actor kind",
		"xx/actors.tsv:5: 2 columns",
		"xx/actors.tsv:6: duplicate form",
		"xx/actors.tsv:7: actor id",
		"xx/weapons.tsv:2: form",
	}
	if len(list) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%v", len(list), len(want), err)
	}
	for i, w := range want {
		if !strings.HasPrefix(list[i].Error(), w) {
			t.Errorf("error %d = %q, want prefix %q", i, list[i].Error(), w)
		}
	}
}

func TestBadHeader(t *testing.T) {
	_, err := Load(mapFS(map[string]string{"xx/triggers.tsv": "forms\tfamily\n"}), "xx")
	if err == nil || !strings.Contains(err.Error(), "xx/triggers.tsv:1: header") {
		t.Fatalf("got %v", err)
	}
}

func TestMissingLanguage(t *testing.T) {
	if _, err := Load(mapFS(map[string]string{"fr/actors.tsv": ""}), "de"); err == nil {
		t.Fatal("loading a missing language succeeded")
	}
}

func TestMatch(t *testing.T) {
	fsys := mapFS(map[string]string{
		"xx/actors.tsv": "forms\tid\tkind\tcountry\tname\n" +
			"EI|état islamique|groupe état islamique\tgroup:isis\tnon_state_armed_group\t\tIslamic State\n" +
			"IS\tgroup:isis\tnon_state_armed_group\t\tIslamic State\n" +
			"russe|russes\tRUS\tstate_government\tRUS\tRussia\n" +
			"armée\t.MIL\tstate_military\t\t\n",
		"xx/weapons.tsv": "forms\tclass\tmodel\tplatform\n" +
			"bombardier*\tbomber_aircraft\t\tair\n" +
			"tu-22m3\tbomber_aircraft\tTu-22M3\tair\n",
		"xx/sources.tsv": "forms\tname\tkind\tcountry\n" +
			"l'agence sputnik|sputnik\tSputnik\tmedia\tRUS\n" +
			"selon des sources|sources sécuritaires\tanonymous\tanonymous\t\n",
		"xx/triggers.tsv": "forms\tfamily\ttype\tcameo\n" +
			"pris ~ le contrôle\tcapture\tnon_state_actor_overtakes_territory\t190\n",
	})
	l, err := Load(fsys, "xx")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		in   string
		want []string // "category:words"
	}{
		{"le groupe État islamique (EI) recule", []string{"actors:groupe État islamique", "actors:EI"}},
		{"this is what IS said", []string{"actors:IS"}},
		{"this is what is said", nil},
		{"les bombardiers russes Tu-22M3", []string{"weapons:bombardiers", "actors:russes", "weapons:Tu-22M3"}},
		{"selon l’Agence Sputnik", []string{"sources:l’Agence Sputnik"}},
		{"l'armée", []string{"actors:armée"}},
		{"ont pris dimanche le contrôle", []string{"triggers:pris dimanche le contrôle"}}, // ~ is any one word
		{"ont pris le contrôle", nil},                                                     // ~ is exactly one
		{"selon des sources sécuritaires", []string{"sources:sources sécuritaires"}},      // the match reaching further wins
	}
	for _, c := range cases {
		toks := text.Tokenize(c.in)
		var got []string
		for _, m := range l.Match(toks) {
			got = append(got, m.Cat.String()+":"+c.in[toks[m.First].Start:toks[m.Last-1].End])
		}
		if strings.Join(got, "; ") != strings.Join(c.want, "; ") {
			t.Errorf("Match(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzLoad feeds arbitrary file contents to the loader: it must never
// panic, and a file it accepts must load the same way twice.
func FuzzLoad(f *testing.F) {
	f.Add("forms\tid\tkind\tcountry\tname\nrusse\tRUS\tstate_government\tRUS\tRussia\n")
	f.Add("# c\n\nforms\tid\tkind\tcountry\tname\nx*\t=group\tunknown\t\t\n")
	f.Add("forms\tid\n\t\t\t\t\n")
	f.Fuzz(func(t *testing.T, data string) {
		fsys := mapFS(map[string]string{"xx/actors.tsv": data})
		l1, err1 := Load(fsys, "xx")
		l2, err2 := Load(fsys, "xx")
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("nondeterministic: %v vs %v", err1, err2)
		}
		if err1 == nil && l1.Forms() != l2.Forms() {
			t.Fatalf("nondeterministic forms: %d vs %d", l1.Forms(), l2.Forms())
		}
	})
}

// TestElisionAtEnd checks that a form ending in an elision ("la prise d'")
// matches the text, where a word follows it ("la prise d'un poste").
func TestElisionAtEnd(t *testing.T) {
	l, err := Default("fr")
	if err != nil {
		t.Fatal(err)
	}
	toks := text.Tokenize("Le groupe a revendiqué la prise d'un poste militaire.")
	for _, m := range l.Match(toks) {
		if m.Cat == Trigger && toks[m.First].Norm == "la" {
			return
		}
	}
	t.Error(`"la prise d'" did not match "la prise d'un poste"`)
}
