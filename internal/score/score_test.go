package score

import (
	"bytes"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sitrep/sitrep/event"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

const (
	devDir  = "../../testdata/dev"
	seedDir = "/work/shared/seed"
)

// selfCheck turns every non-optional gold event into a system event.
func selfCheck(cases []Case) []event.Event {
	var sys []event.Event
	for _, c := range cases {
		for _, e := range c.Gold.Events {
			if e.Optional {
				continue
			}
			e.Doc = c.Gold.Doc.ID
			e.Note = ""
			sys = append(sys, e)
		}
	}
	return sys
}

func assertPerfect(t *testing.T, cases []Case, sys []event.Event) {
	t.Helper()
	r := Score(cases, sys)
	if r.EventF1() != 1 || r.FullF1() != 1 {
		t.Errorf("event F1 %v, full F1 %v, want 1 and 1 (%+v)", r.EventF1(), r.FullF1(), r.Event)
	}
	if r.Event.TP != len(sys) || r.Event.FP != 0 || r.Event.FN != 0 {
		t.Errorf("counts %+v, want TP %d", r.Event, len(sys))
	}
	for _, f := range r.Fields {
		if f.Accuracy() != 1 || f.N != len(sys) {
			t.Errorf("field %s: accuracy %v over %d, want 1 over %d", f.Field, f.Accuracy(), f.N, len(sys))
		}
	}
	if t.Failed() {
		var b bytes.Buffer
		r.Write(&b, true)
		t.Log(b.String())
	}
}

func TestSelfCheckDev(t *testing.T) {
	cases, err := LoadDir(devDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 32 {
		t.Errorf("loaded %d cases, want 32", len(cases))
	}
	sys := selfCheck(cases)
	assertPerfect(t, cases, sys)

	// Order must not matter.
	rev := make([]event.Event, len(sys))
	for i, e := range sys {
		rev[len(sys)-1-i] = e
	}
	assertPerfect(t, cases, rev)
}

func TestSelfCheckSeed(t *testing.T) {
	if _, err := os.Stat(filepath.Join(seedDir, "deir-ezzor.fr.gold.json")); err != nil {
		t.Skip("seed article absent:", err)
	}
	cases, err := LoadDir(seedDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 1 {
		t.Fatalf("loaded %d cases, want 1", len(cases))
	}
	assertPerfect(t, cases, selfCheck(cases))

	// With the optional gold event's own record added as a system event,
	// nothing changes: it pairs with the optional gold.
	sys := selfCheck(cases)
	for _, e := range cases[0].Gold.Events {
		if e.Optional {
			e.Doc = cases[0].Gold.Doc.ID
			e.Optional = false
			sys = append(sys, e)
		}
	}
	r := Score(cases, sys)
	if r.EventF1() != 1 || r.Docs[0].Optional != 1 {
		t.Errorf("with optional: F1 %v, optional pairs %d, want 1 and 1", r.EventF1(), r.Docs[0].Optional)
	}
}

func TestLoadDirDevCounts(t *testing.T) {
	cases, err := LoadDir(devDir)
	if err != nil {
		t.Fatal(err)
	}
	gold, opt := 0, 0
	for _, c := range cases {
		if !strings.HasPrefix(c.TextPath, devDir) || !strings.HasSuffix(c.TextPath, c.Name+".txt") {
			t.Errorf("%s: TextPath %q", c.Name, c.TextPath)
		}
		for _, e := range c.Gold.Events {
			if e.Optional {
				opt++
			} else {
				gold++
			}
		}
	}
	// The corpus README says 66 + 21.
	if gold != 66 || opt != 21 {
		t.Errorf("dev corpus has %d + %d optional gold events, want 66 + 21", gold, opt)
	}
}

func TestLoadFSErrors(t *testing.T) {
	good := `{"doc":{"id":"d1"},"events":[{"type":"armed_clash","event_type":"battles","evidence":[[0,5]]}]}`
	fsys := fstest.MapFS{
		"good.gold.json":     {Data: []byte(good)},
		"good.txt":           {Data: []byte("Hello world")},
		"notext.gold.json":   {Data: []byte(`{"doc":{"id":"d2"},"events":[]}`)},
		"badjson.gold.json":  {Data: []byte(`{"doc":{"id":"d3"},"events":[`)},
		"badjson.txt":        {Data: []byte("x")},
		"typo.gold.json":     {Data: []byte(`{"doc":{"id":"d4"},"events":[{"type":"attack","fatalites":3}]}`)},
		"typo.txt":           {Data: []byte("x")},
		"badtype.gold.json":  {Data: []byte(`{"doc":{"id":"d5"},"events":[{"type":"airstrike"}]}`)},
		"badtype.txt":        {Data: []byte("x")},
		"badet.gold.json":    {Data: []byte(`{"doc":{"id":"d6"},"events":[{"type":"attack","event_type":"battles"}]}`)},
		"badet.txt":          {Data: []byte("x")},
		"oob.gold.json":      {Data: []byte(`{"doc":{"id":"d7"},"events":[{"type":"attack","evidence":[[0,3],[2,99]]}]}`)},
		"oob.txt":            {Data: []byte("short")},
		"empty.gold.json":    {Data: []byte(`{"doc":{"id":"d8"},"events":[{"type":"attack","evidence":[[3,3]]}]}`)},
		"empty.txt":          {Data: []byte("short")},
		"noid.gold.json":     {Data: []byte(`{"doc":{},"events":[]}`)},
		"noid.txt":           {Data: []byte("x")},
		"z-dup.gold.json":    {Data: []byte(`{"doc":{"id":"d1"},"events":[]}`)},
		"z-dup.txt":          {Data: []byte("x")},
		"trailing.gold.json": {Data: []byte(`{"doc":{"id":"d9"},"events":[]} {}`)},
		"trailing.txt":       {Data: []byte("x")},
	}
	cases, err := LoadFS(fsys)
	if len(cases) != 1 || cases[0].Name != "good" || cases[0].Text != "Hello world" || cases[0].Gold.Doc.ID != "d1" {
		t.Errorf("cases = %+v, want only good", cases)
	}
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{
		"notext.gold.json: missing text",
		"badjson.gold.json: decoding JSON",
		`typo.gold.json: decoding JSON: json: unknown field "fatalites"`,
		`badtype.gold.json: events[0]: unknown type "airstrike"`,
		`badet.gold.json: events[0]: event_type "battles", but type "attack" is "violence_against_civilians"`,
		"oob.gold.json: events[0]: evidence[1] [2, 99) out of bounds (text is 5 bytes)",
		"empty.gold.json: events[0]: evidence[0] [3, 3) out of bounds",
		"noid.gold.json: doc.id is missing",
		`z-dup.gold.json: doc.id "d1" already used by good.gold.json`,
		"trailing.gold.json: decoding JSON: trailing data",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if n := strings.Count(msg, "\n") + 1; n != 10 {
		t.Errorf("%d error lines, want 10:\n%s", n, msg)
	}
}

func TestLoadDirNamesPath(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.gold.json"), []byte(`{"doc":{"id":"a"},"events":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadDir(dir)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "a.gold.json")+": missing text") {
		t.Errorf("err = %v, want it to name %s", err, filepath.Join(dir, "a.gold.json"))
	}
	if _, err := LoadDir(filepath.Join(dir, "nowhere")); err == nil || errors.Is(err, ErrNoGold) {
		t.Errorf("absent dir: err = %v, want a listing error", err)
	}
	empty := t.TempDir()
	if _, err := LoadDir(empty); !errors.Is(err, ErrNoGold) {
		t.Errorf("empty dir: err = %v, want ErrNoGold", err)
	}
}

// Synthetic events for the pairing tests. The text is irrelevant to
// pairing; only spans matter.
var (
	deirLat, deirLon = 35.3359, 40.1408
)

func place(name string, lat, lon float64, prec int) *event.Place {
	return &event.Place{Name: name, Lat: lat, Lon: lon, Precision: prec}
}

func ev(typ string, spans ...[2]int) event.Event {
	e := event.Event{
		Type:      typ,
		EventType: event.Types[typ],
		CAMEO:     "190",
		Actor1:    &event.Actor{ID: "RUS.MIL"},
		Actor2:    &event.Actor{ID: "group:isis"},
		Location:  place("Deir ez-Zor", deirLat, deirLon, 1),
		Date:      event.Date{Value: str("2017-11-08"), Precision: "day"},
		Modality:  "asserted",
	}
	for _, s := range spans {
		e.Evidence = append(e.Evidence, event.Span{Start: s[0], End: s[1]})
	}
	return e
}

func oneCase(gold ...event.Event) []Case {
	return []Case{{Name: "t", Text: strings.Repeat("word ", 100), Gold: event.Gold{Doc: event.Document{ID: "t"}, Events: gold}}}
}

func sysIn(doc string, es ...event.Event) []event.Event {
	for i := range es {
		es[i].Doc = doc
	}
	return es
}

func optional(e event.Event) event.Event { e.Optional = true; return e }

func TestPairing(t *testing.T) {
	air := "air_drone_strike"
	clash := "armed_clash"
	far := func(e event.Event, km float64) event.Event {
		e.Location = place("elsewhere", north(deirLat, km), deirLon, 1)
		return e
	}
	wrongDate := func(e event.Event) event.Event { e.Date.Value = str("2000-01-01"); return e }
	wrongActor := func(e event.Event) event.Event { e.Actor2 = &event.Actor{ID: "SYR.REB"}; return e }
	tests := []struct {
		name          string
		gold, sys     []event.Event
		event, full   Counts
		optionalPairs int
		pairs         map[int]int // gold index → system index, among Wrong
	}{
		{
			name:  "overlap pairs",
			gold:  []event.Event{ev(air, [2]int{0, 10})},
			sys:   []event.Event{ev(air, [2]int{5, 20})},
			event: Counts{TP: 1}, full: Counts{TP: 1},
		},
		{
			name:  "touching spans do not overlap",
			gold:  []event.Event{ev(air, [2]int{0, 10})},
			sys:   []event.Event{ev(air, [2]int{10, 20})},
			event: Counts{FP: 1, FN: 1}, full: Counts{FP: 1, FN: 1},
		},
		{
			name:  "system without evidence never pairs a gold with evidence",
			gold:  []event.Event{ev(air, [2]int{0, 10})},
			sys:   []event.Event{ev(air)},
			event: Counts{FP: 1, FN: 1}, full: Counts{FP: 1, FN: 1},
		},
		{
			name:  "type mismatch is FP and FN",
			gold:  []event.Event{ev(clash, [2]int{0, 10})},
			sys:   []event.Event{ev(air, [2]int{0, 10})},
			event: Counts{FP: 1, FN: 1}, full: Counts{FP: 1, FN: 1},
			pairs: map[int]int{0: 0},
		},
		{
			name:  "same event_type, other sub-type is correct but not full",
			gold:  []event.Event{ev("shelling_artillery_missile_attack", [2]int{0, 10})},
			sys:   []event.Event{ev(air, [2]int{0, 10})},
			event: Counts{TP: 1}, full: Counts{FP: 1, FN: 1},
			pairs: map[int]int{0: 0},
		},
		{
			name:  "correct pair preferred over mismatched pair",
			gold:  []event.Event{ev(clash, [2]int{0, 10}), ev(air, [2]int{0, 10})},
			sys:   []event.Event{ev(air, [2]int{0, 10})},
			event: Counts{TP: 1, FN: 1}, full: Counts{TP: 1, FN: 1},
		},
		{
			name:  "most agreeing fields wins",
			gold:  []event.Event{wrongDate(ev(air, [2]int{0, 10})), ev(air, [2]int{0, 10})},
			sys:   []event.Event{ev(air, [2]int{0, 10})},
			event: Counts{TP: 1, FN: 1}, full: Counts{TP: 1, FN: 1},
		},
		{
			name:  "ties go to the lower gold index, then system index",
			gold:  []event.Event{ev(air, [2]int{0, 10}), ev(air, [2]int{0, 10})},
			sys:   []event.Event{wrongDate(ev(air, [2]int{0, 10})), wrongActor(ev(air, [2]int{0, 10}))},
			event: Counts{TP: 2}, full: Counts{FP: 2, FN: 2},
			pairs: map[int]int{0: 0, 1: 1},
		},
		{
			name:          "optional gold alone: neither TP nor FP nor FN",
			gold:          []event.Event{optional(ev(clash, [2]int{0, 10}))},
			sys:           []event.Event{ev(clash, [2]int{0, 10})},
			optionalPairs: 1,
		},
		{
			name:          "optional gold absorbs a mismatched system event",
			gold:          []event.Event{optional(ev(clash, [2]int{0, 10}))},
			sys:           []event.Event{ev(air, [2]int{0, 10})},
			optionalPairs: 1,
		},
		{
			name:  "unmatched optional gold is not FN",
			gold:  []event.Event{optional(ev(clash, [2]int{0, 10}))},
			sys:   nil,
			event: Counts{}, full: Counts{},
		},
		{
			name:  "non-optional gold first even with fewer agreeing fields",
			gold:  []event.Event{optional(ev(air, [2]int{0, 10})), wrongDate(ev(air, [2]int{0, 10}))},
			sys:   []event.Event{ev(air, [2]int{0, 10})},
			event: Counts{TP: 1}, full: Counts{FP: 1, FN: 1},
			pairs: map[int]int{1: 0},
		},
		{
			name:  "second system event goes to the optional gold",
			gold:  []event.Event{optional(ev(air, [2]int{0, 10})), ev(air, [2]int{0, 10})},
			sys:   []event.Event{ev(air, [2]int{0, 10}), ev(air, [2]int{5, 10})},
			event: Counts{TP: 1}, full: Counts{TP: 1},
			optionalPairs: 1,
		},
		{
			name:  "no evidence: same event_type within 50 km pairs",
			gold:  []event.Event{ev(air)},
			sys:   []event.Event{far(ev("shelling_artillery_missile_attack", [2]int{0, 10}), 40)},
			event: Counts{TP: 1}, full: Counts{FP: 1, FN: 1},
			pairs: map[int]int{0: 0},
		},
		{
			name:  "no evidence: beyond 50 km does not pair",
			gold:  []event.Event{ev(air)},
			sys:   []event.Event{far(ev(air, [2]int{0, 10}), 60)},
			event: Counts{FP: 1, FN: 1}, full: Counts{FP: 1, FN: 1},
		},
		{
			name:  "no evidence: other event_type does not pair",
			gold:  []event.Event{ev(air)},
			sys:   []event.Event{ev(clash)},
			event: Counts{FP: 1, FN: 1}, full: Counts{FP: 1, FN: 1},
		},
		{
			name: "no evidence: null locations pair, one null does not",
			gold: []event.Event{
				func() event.Event { e := ev(air); e.Location = nil; return e }(),
				ev(air),
			},
			sys:   []event.Event{func() event.Event { e := ev(air); e.Location = nil; return e }()},
			event: Counts{TP: 1, FN: 1}, full: Counts{TP: 1, FN: 1},
		},
		{
			name:  "each event pairs once",
			gold:  []event.Event{ev(air, [2]int{0, 10})},
			sys:   []event.Event{ev(air, [2]int{0, 10}), ev(air, [2]int{0, 10})},
			event: Counts{TP: 1, FP: 1}, full: Counts{TP: 1, FP: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Score(oneCase(tt.gold...), sysIn("t", tt.sys...))
			d := r.Docs[0]
			if d.Event != tt.event || d.Full != tt.full || d.Optional != tt.optionalPairs {
				t.Errorf("event %+v full %+v optional %d, want %+v %+v %d",
					d.Event, d.Full, d.Optional, tt.event, tt.full, tt.optionalPairs)
			}
			got := map[int]int{}
			for _, p := range d.Wrong {
				got[p.Gold.Index] = p.System.Index
			}
			if len(got) != len(tt.pairs) {
				t.Errorf("wrong pairs %v, want %v", got, tt.pairs)
			}
			for g, s := range tt.pairs {
				if got[g] != s {
					t.Errorf("wrong pairs %v, want %v", got, tt.pairs)
				}
			}
			if len(d.Missed) != d.Event.FN-countMismatch(d) || len(d.Spurious) != d.Event.FP-countMismatch(d) {
				t.Errorf("missed %d spurious %d inconsistent with %+v", len(d.Missed), len(d.Spurious), d.Event)
			}
		})
	}
}

func countMismatch(d DocReport) int {
	n := 0
	for _, p := range d.Wrong {
		if !p.Correct {
			n++
		}
	}
	return n
}

func TestMismatchListed(t *testing.T) {
	r := Score(oneCase(ev("armed_clash", [2]int{0, 10})), sysIn("t", ev("air_drone_strike", [2]int{0, 10})))
	w := r.Docs[0].Wrong
	if len(w) != 1 || w[0].Correct || len(w[0].Diffs) != 1 || w[0].Diffs[0].Field != FieldType {
		t.Fatalf("wrong = %+v", w)
	}
	// Mismatched pairs are not in field accuracy.
	if f, _ := r.Field(FieldType); f.N != 0 {
		t.Errorf("type field counted %d pairs, want 0", f.N)
	}
}

func TestIgnoredAndEmpty(t *testing.T) {
	cases := []Case{
		{Name: "a", Gold: event.Gold{Doc: event.Document{ID: "a"}}},
		{Name: "b", Gold: event.Gold{Doc: event.Document{ID: "b"}, Events: []event.Event{ev("attack", [2]int{0, 4})}}},
	}
	r := Score(cases, sysIn("zzz", ev("attack", [2]int{0, 4})))
	if r.Ignored != 1 {
		t.Errorf("ignored %d, want 1", r.Ignored)
	}
	if r.Docs[0].Event.F1() != 1 {
		t.Errorf("empty doc with no output: F1 %v, want 1", r.Docs[0].Event.F1())
	}
	if r.EventF1() != 0 || r.Event != (Counts{FN: 1}) {
		t.Errorf("F1 %v counts %+v, want 0 and FN 1", r.EventF1(), r.Event)
	}
	if f, _ := r.Field(FieldType); f.N != 0 || f.Accuracy() != 0 {
		t.Errorf("type field %+v", f)
	}
	if r := Score(nil, nil); r.EventF1() != 1 || r.FullF1() != 1 {
		t.Errorf("nothing at all: F1 %v %v", r.EventF1(), r.FullF1())
	}
}

func TestFieldAccuracyAverages(t *testing.T) {
	g1 := ev("air_drone_strike", [2]int{0, 10})
	g1.Weapons = []event.Weapon{{Class: "bomber_aircraft"}, {Class: "cruise_missile"}}
	g2 := ev("air_drone_strike", [2]int{20, 30})
	s1, s2 := g1, g2
	s1.Weapons = []event.Weapon{{Class: "bomber_aircraft"}}
	s2.Weapons = []event.Weapon{{Class: "drone"}}
	r := Score(oneCase(g1, g2), sysIn("t", s1, s2))
	f, _ := r.Field(FieldWeapons)
	if want := (2.0/3 + 0) / 2; f.N != 2 || math.Abs(f.Accuracy()-want) > 1e-9 {
		t.Errorf("weapons %+v accuracy %v, want %v over 2", f, f.Accuracy(), want)
	}
	if r.FullF1() != 1 {
		t.Errorf("weapons are not part of the full record: full F1 %v", r.FullF1())
	}
}

// reportFixture exercises every part of Write's output.
func reportFixture() ([]Case, []event.Event) {
	sentences := []string{
		"Russian bombers struck Deir ez-Zor on Wednesday, the ministry said.",
		"Clashes continued near Mayadin, according to the Observatory.",
		"A football match was played in Leipzig.",
		"US artillery shelled positions west of the city.",
	}
	text := strings.Join(sentences, " ")
	span := func(i int) event.Span {
		start := strings.Index(text, sentences[i])
		return event.Span{Start: start, End: start + len(sentences[i])}
	}
	s1, s2, s3, s4 := span(0), span(1), span(2), span(3)
	strike := ev("air_drone_strike")
	strike.Evidence = []event.Span{s1}
	strike.Weapons = []event.Weapon{{Class: "bomber_aircraft"}}
	strike.Sources = []event.Source{{Name: "Russian Ministry of Defence", Kind: "government"}}
	strike.Fatalities = &event.Fatalities{Best: 12}
	clash := ev("armed_clash")
	clash.Evidence = []event.Span{s2}
	clash.Location = place("Mayadin", 35.0207, 40.4518, 2)
	clash.Actor1 = &event.Actor{ID: "SYR.MIL"}
	background := optional(ev("armed_clash"))
	background.Evidence = []event.Span{s1}
	missing := ev("shelling_artillery_missile_attack")
	missing.Evidence = []event.Span{s4}
	missing.Actor1 = &event.Actor{ID: "USA"}

	sysStrike := strike
	sysStrike.Weapons = []event.Weapon{{Class: "bomber_aircraft"}, {Class: "cruise_missile"}}
	sysStrike.Sources = []event.Source{{Name: "ministère russe de la Défense", Kind: "government"}}
	sysStrike.Fatalities = nil
	sysStrike.Location = place("Deir ez-Zor airport", north(deirLat, 30), deirLon, 1)
	sysClash := clash
	sysClash.Type = "air_drone_strike"
	sysClash.EventType = event.Types["air_drone_strike"]
	sysClash.Actor1 = &event.Actor{ID: "SYR.GOV", Country: "SYR"}
	spurious := ev("other")
	spurious.Evidence = []event.Span{s3}
	spurious.Location = place("Leipzig", 51.34, 12.37, 1)
	sysBackground := background
	sysBackground.Optional = false
	sysBackground.Actor2 = nil

	cases := []Case{
		{Name: "deir-ezzor-test.en", Text: text, Gold: event.Gold{Doc: event.Document{ID: "t1"},
			Events: []event.Event{strike, clash, background, missing}}},
		{Name: "empty.en", Text: "Nothing happened.", Gold: event.Gold{Doc: event.Document{ID: "t2"}}},
		{Name: "perfect.en", Text: text, Gold: event.Gold{Doc: event.Document{ID: "t3"}, Events: []event.Event{strike}}},
	}
	sys := append(sysIn("t1", sysStrike, sysClash, spurious, sysBackground), sysIn("t3", strike)...)
	sys = append(sys, sysIn("unknown", strike)...)
	return cases, sys
}

func TestWriteGolden(t *testing.T) {
	cases, sys := reportFixture()
	r := Score(cases, sys)
	for _, verbose := range []bool{false, true} {
		name := "report.golden"
		if verbose {
			name = "report-verbose.golden"
		}
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := r.Write(&b, verbose); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata", name), b.Bytes())
		})
	}
}

// TestWriteGoldenDev scores a perturbed copy of the dev self-check: every
// fifth event dropped, every seventh given another date, every eleventh
// moved 40 km north.
func TestWriteGoldenDev(t *testing.T) {
	cases, err := LoadDir(devDir)
	if err != nil {
		t.Fatal(err)
	}
	var sys []event.Event
	for i, e := range selfCheck(cases) {
		switch {
		case i%5 == 0:
			continue
		case i%7 == 0:
			e.Date.Value = str("1999-12-31")
		case i%11 == 0 && e.Location != nil:
			l := *e.Location
			l.Lat = north(l.Lat, 40)
			e.Location = &l
		}
		sys = append(sys, e)
	}
	var b bytes.Buffer
	if err := Score(cases, sys).Write(&b, true); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, filepath.Join("testdata", "dev-perturbed.golden"), b.Bytes())
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Errorf("%s:%d:\n got: %q\nwant: %q", path, i+1, g, w)
			}
		}
	}
}

// TestSelfCheckHeldOut checks the format of the held-out sets written for
// the project: their gold, scored as system output, is perfect.
func TestSelfCheckHeldOut(t *testing.T) {
	for _, dir := range []string{"../../testdata/heldout", "../../testdata/heldout2", "../../testdata/heldout3", "../../testdata/heldout4", "../../testdata/heldout5", "../../testdata/heldout6", "../../testdata/heldout7"} {
		cases, err := LoadDir(dir)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		if len(cases) < 8 {
			t.Errorf("%s: loaded %d cases, want at least 8", dir, len(cases))
		}
		assertPerfect(t, cases, selfCheck(cases))
	}
}
