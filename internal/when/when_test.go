package when

import (
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/lexicon"
	"github.com/sitrep/sitrep/internal/text"
	"github.com/sitrep/sitrep/lexicons"
)

func load(t testing.TB, lang string) *lexicon.Lexicon {
	t.Helper()
	l, err := lexicon.Default(lang)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// find runs Find over a whole text and resolves each expression.
func find(t testing.TB, lex *lexicon.Lexicon, s string, pub time.Time) []Date {
	doc := text.Analyze(s, lex.Lang)
	ms := lex.Match(doc.Tokens)
	var out []Date
	for _, e := range Find(doc, lex, ms, 0, len(doc.Tokens)) {
		out = append(out, e.Resolve(pub))
	}
	return out
}

func TestResolve(t *testing.T) {
	fr, en := load(t, "fr"), load(t, "en")
	thursday := time.Date(2017, 11, 2, 0, 0, 0, 0, time.UTC) // a Thursday
	friday := time.Date(2017, 11, 10, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		lex  *lexicon.Lexicon
		in   string
		pub  time.Time
		want string // value, or "" for unknown; "month:" prefix checks precision
	}{
		{fr, "ont détruit ce mercredi des postes", thursday, "2017-11-01"},
		{fr, "a annoncé jeudi", thursday, "2017-11-02"},                  // the day itself
		{fr, "vendredi dernier", friday, "2017-11-03"},                   // strictly before
		{fr, "vendredi", friday, "2017-11-10"},                           // on or before
		{fr, "hier", thursday, "2017-11-01"},                             // the day before
		{fr, "avant-hier", thursday, "2017-10-31"},                       // two days before
		{fr, "le 10 novembre 2017", thursday, "2017-11-10"},              // absolute
		{fr, "le 3 mars", thursday, "2017-03-03"},                        // year of publication
		{fr, "le 30 décembre", thursday, "2016-12-30"},                   // would be after publication
		{fr, "dans la nuit de mardi à mercredi", thursday, "2017-11-01"}, // the later day
		{en, "on Friday", friday, "2017-11-10"},                          // on or before
		{en, "last Friday", friday, "2017-11-03"},                        // strictly before
		{en, "yesterday", thursday, "2017-11-01"},                        // the day before
		{en, "April 8, 2022", thursday, "2022-04-08"},                    // absolute
		{en, "on 8 April 2022", thursday, "2022-04-08"},                  // day first
		{en, "in March 2019", thursday, "month:2019-03-01"},              // month precision
		{en, "overnight Tuesday to Wednesday", thursday, "2017-11-01"},   // the later day
		{fr, "mercredi", time.Time{}, ""},                                // no publication date: unknown
		{en, "April 8, 2022", time.Time{}, "2022-04-08"},                 // absolute needs none
		{fr, "le 1er novembre 2017", thursday, "2017-11-01"},             // ordinal day
		{en, "on Nov. 1, 2017", thursday, "2017-11-01"},                  // abbreviated month
		{fr, "le 01/11/2017", thursday, "2017-11-01"},                    // day first
		{en, "on 11/01/2017", thursday, "2017-11-01"},                    // month first
		{en, "on 25/10/2017", thursday, "2017-10-25"},                    // cannot be month first
		{fr, "le 10.11.2017", thursday, "2017-11-10"},                    // dotted
		{fr, "la semaine dernière", thursday, "week:2017-10-23"},         // Monday of last week
		{en, "last week", thursday, "week:2017-10-23"},                   // Monday of last week
		{fr, "le mois dernier", thursday, "month:2017-10-01"},            // month precision
		{fr, "en 2014, l'EI avait", thursday, "year:2014-01-01"},         // a year alone
		{en, "killed 2000 people", thursday, ""},                         // a count is no year
		{en, "struck overnight, killing two", thursday, "2017-11-02"},    // a night alone ends on the day of publication
	}
	for _, c := range cases {
		got := find(t, c.lex, c.in, c.pub)
		if c.want == "" {
			if len(got) > 0 && got[0].Value != "" {
				t.Errorf("%q: got %v, want unknown", c.in, got)
			}
			continue
		}
		if len(got) == 0 {
			t.Errorf("%q: no date found, want %s", c.in, c.want)
			continue
		}
		want, prec := c.want, Day
		if p, v, ok := strings.Cut(want, ":"); ok {
			want, prec = v, p
		}
		if got[0].Value != want || got[0].Precision != prec {
			t.Errorf("%q (published %s): got %s/%s, want %s/%s", c.in, c.pub.Format("2006-01-02 Mon"), got[0].Value, got[0].Precision, want, prec)
		}
	}
}

func TestOffset(t *testing.T) {
	fr := load(t, "fr")
	doc := text.Analyze("24 heures à peine après le tir de missiles, les bombardiers sont entrés en action.", "fr")
	es := Find(doc, fr, fr.Match(doc.Tokens), 0, len(doc.Tokens))
	if len(es) != 1 || es[0].Kind != Offset || es[0].Hours != 24 {
		t.Fatalf("got %+v, want one 24-hour offset", es)
	}
	d := es[0].Shift(Date{Value: "2017-11-01", Precision: Day})
	if d.Value != "2017-10-31" {
		t.Errorf("shifted to %s, want 2017-10-31", d.Value)
	}
	if d := es[0].Shift(Date{Precision: Unknown}); d.Value != "" {
		t.Errorf("shift of an unknown anchor gave %s", d.Value)
	}
}

// TestOffsetNoNumber reads a unit with no number as one of it.
func TestOffsetNoNumber(t *testing.T) {
	for _, c := range []struct {
		lang, in string
		hours    int
	}{
		{"en", "Less than a day after Ukrainian troops pushed Russian units back, shells hit the market.", 24},
		{"en", "Hours before the talks, a drone hit the port.", -1},
		{"fr", "Quelques jours après l'attaque, un obus a touché l'école.", 24 * 3},
	} {
		lex := load(t, c.lang)
		doc := text.Analyze(c.in, c.lang)
		es := Find(doc, lex, lex.Match(doc.Tokens), 0, len(doc.Tokens))
		if len(es) != 1 || es[0].Kind != Offset || es[0].Hours != c.hours {
			t.Errorf("%q: got %+v, want one offset of %d hours", c.in, es, c.hours)
		}
	}
}

// TestOffsetNoAnchor reads "A day earlier," with no event named after it
// as counted from the event told before.
func TestOffsetNoAnchor(t *testing.T) {
	lex := load(t, "en")
	doc := text.Analyze("A day earlier, a similar protest ended peacefully.", "en")
	es := Find(doc, lex, lex.Match(doc.Tokens), 0, len(doc.Tokens))
	if len(es) != 1 || es[0].Kind != Same || es[0].Days != -1 {
		t.Errorf("got %+v, want one Same expression of -1 day", es)
	}
}

func TestParsePublished(t *testing.T) {
	for in, want := range map[string]string{
		"2017-11-02":                "2017-11-02",
		"2017-11-02T23:10:00+01:00": "2017-11-02",
		"":                          "0001-01-01",
	} {
		got, err := ParsePublished(in)
		if err != nil || got.Format("2006-01-02") != want {
			t.Errorf("ParsePublished(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{"2017-13-01", "02/11/2017", "yesterday"} {
		if _, err := ParsePublished(bad); err == nil {
			t.Errorf("ParsePublished(%q) accepted a bad date", bad)
		}
	}
}

// FuzzFind: any text, no panic, expressions in bounds, in order and
// resolvable.
func FuzzFind(f *testing.F) {
	f.Add("dans la nuit de mardi à mercredi, 24 heures après le 10 novembre 2017", "fr")
	f.Add("last Friday, April 8, 2022, overnight Tuesday to Wednesday", "en")
	f.Add("31 31 31 décembre 99999 0 janvier", "fr")
	fr, err := lexicon.Load(lexicons.FS, "fr")
	if err != nil {
		f.Fatal(err)
	}
	en, err := lexicon.Load(lexicons.FS, "en")
	if err != nil {
		f.Fatal(err)
	}
	pub := time.Date(2020, 2, 29, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s, lang string) {
		lex := fr
		if lang == "en" {
			lex = en
		}
		doc := text.Analyze(s, lex.Lang)
		prev := 0
		for _, e := range Find(doc, lex, lex.Match(doc.Tokens), 0, len(doc.Tokens)) {
			if e.Start < prev || e.End < e.Start || e.End > len(s) || e.First >= e.Last {
				t.Fatalf("bad expression %+v in %q", e, s)
			}
			prev = e.Start
			d := e.Resolve(pub)
			if d.Value != "" {
				if _, err := time.Parse("2006-01-02", d.Value); err != nil {
					t.Fatalf("resolved to %q: %v", d.Value, err)
				}
			}
		}
	})
}

// TestSince marks a date after "since"/"depuis" as a starting point.
func TestSince(t *testing.T) {
	for _, c := range []struct {
		lang, in string
		since    bool
	}{
		{"en", "the bloodiest day since the February 1 coup", true},
		{"en", "Attacks have continued since 2015.", true},
		{"fr", "Des centaines de frappes depuis le 20 janvier.", true},
		{"en", "The strike hit the town on February 1.", false},
		{"en", "Al-Shabaab, which has fought the government for more than 15 years, holds the south.", true},
		{"fr", "Les exécutions se sont poursuivies pendant plusieurs jours.", false},
		{"en", "Gangs have kidnapped thousands over the past decade.", true},
	} {
		lex := load(t, c.lang)
		doc := text.Analyze(c.in, c.lang)
		es := Find(doc, lex, lex.Match(doc.Tokens), 0, len(doc.Tokens))
		if len(es) != 1 || es[0].Since != c.since {
			t.Errorf("%q: got %+v, want one date with Since=%v", c.in, es, c.since)
		}
	}
}
