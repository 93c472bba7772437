package score

import (
	"math"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/sitrep/sitrep/event"
)

// FuzzLoadFS decodes arbitrary gold files. Invariants: no panic; a file
// that loads has known types and in-bounds evidence; and its self-check
// (every non-optional gold event scored as a system event) is perfect.
func FuzzLoadFS(f *testing.F) {
	for _, dir := range []string{devDir, seedDir} {
		golds, _ := filepath.Glob(filepath.Join(dir, "*"+goldSuffix))
		for _, g := range golds {
			gold, err1 := os.ReadFile(g)
			text, err2 := os.ReadFile(g[:len(g)-len(goldSuffix)] + ".txt")
			if err1 == nil && err2 == nil {
				f.Add(gold, text)
			}
		}
	}
	f.Add([]byte(`{"doc":{"id":"x"},"events":[{"type":"attack","evidence":[[0,1]],"sources":[{"name":""}]}]}`), []byte("ab"))
	f.Fuzz(func(t *testing.T, gold, text []byte) {
		cases, err := LoadFS(fstest.MapFS{
			"a.gold.json": {Data: gold},
			"a.txt":       {Data: text},
		})
		if err != nil {
			if len(cases) != 0 {
				t.Fatalf("error %v with %d cases", err, len(cases))
			}
			return
		}
		if len(cases) != 1 {
			t.Fatalf("%d cases, want 1", len(cases))
		}
		for i, e := range cases[0].Gold.Events {
			if _, ok := event.Types[e.Type]; !ok {
				t.Fatalf("events[%d]: unknown type %q loaded", i, e.Type)
			}
			for _, sp := range e.Evidence {
				if sp.Start < 0 || sp.End <= sp.Start || sp.End > len(text) {
					t.Fatalf("events[%d]: span %v out of bounds", i, sp)
				}
			}
		}
		sys := selfCheck(cases)
		r := Score(cases, sys)
		if r.EventF1() != 1 || r.FullF1() != 1 || r.Event.TP != len(sys) {
			t.Fatalf("self-check: event F1 %v full F1 %v counts %+v", r.EventF1(), r.FullF1(), r.Event)
		}
		for _, fs := range r.Fields {
			if fs.N != len(sys) || (fs.N > 0 && fs.Accuracy() != 1) {
				t.Fatalf("self-check: field %+v", fs)
			}
		}
	})
}

// FuzzScore perturbs the dev self-check with operations drawn from the
// fuzzer's bytes. Invariants: no panic; every P/R/F1 and field accuracy
// within [0, 1]; TP+FN is the number of non-optional gold events; TP+FP
// plus the optional pairs is the number of system events scored.
func FuzzScore(f *testing.F) {
	cases, err := LoadDir(devDir)
	if err != nil {
		f.Fatal(err)
	}
	base := selfCheck(cases)
	gold := 0
	for _, c := range cases {
		for _, e := range c.Gold.Events {
			if !e.Optional {
				gold++
			}
		}
	}
	f.Add([]byte{})
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
	f.Add([]byte("perturb the self-check of the dev corpus"))
	types := make([]string, 0, len(event.Types))
	for t := range event.Types {
		types = append(types, t)
	}
	f.Fuzz(func(t *testing.T, ops []byte) {
		sys := make([]event.Event, len(base))
		copy(sys, base)
		for i := 0; i+1 < len(ops) && len(sys) > 0; i += 2 {
			k := int(ops[i+1]) % len(sys)
			e := sys[k]
			switch ops[i] % 12 {
			case 0: // drop
				sys = append(sys[:k:k], sys[k+1:]...)
				continue
			case 1: // duplicate
				sys = append(sys, e)
				continue
			case 2:
				e.Type = types[int(ops[i+1])%len(types)]
				e.EventType = ""
			case 3:
				e.Evidence = nil
			case 4:
				e.Evidence = []event.Span{{Start: int(ops[i+1]) * 7, End: int(ops[i+1])*7 + 50}}
			case 5:
				e.Location = nil
			case 6:
				if e.Location != nil {
					l := *e.Location
					l.Lat += float64(ops[i+1]) / 100
					e.Location = &l
				}
			case 7:
				e.Actor1, e.Actor2 = e.Actor2, e.Actor1
			case 8:
				e.Sources = append([]event.Source{{Name: string(ops[i:])}}, e.Sources...)
			case 9:
				e.Weapons = e.Weapons[:0:0]
			case 10:
				e.Fatalities = &event.Fatalities{Best: int(ops[i+1])}
			case 11:
				e.Doc = "unknown"
			}
			sys[k] = e
		}
		r := Score(cases, sys)
		in01 := func(name string, v float64) {
			if math.IsNaN(v) || v < 0 || v > 1 {
				t.Fatalf("%s = %v", name, v)
			}
		}
		for _, c := range []Counts{r.Event, r.Full} {
			in01("precision", c.Precision())
			in01("recall", c.Recall())
			in01("F1", c.F1())
			if c.TP+c.FN != gold {
				t.Fatalf("TP+FN = %d, want %d", c.TP+c.FN, gold)
			}
		}
		optional := 0
		for _, d := range r.Docs {
			optional += d.Optional
			in01(d.Name+" F1", d.Event.F1())
		}
		if n := r.Event.TP + r.Event.FP + optional + r.Ignored; n != len(sys) {
			t.Fatalf("TP+FP+optional+ignored = %d, want %d", n, len(sys))
		}
		if r.Full.TP > r.Event.TP {
			t.Fatalf("full TP %d > event TP %d", r.Full.TP, r.Event.TP)
		}
		for _, fs := range r.Fields {
			in01(fs.Field, fs.Accuracy())
			if fs.N != r.Event.TP {
				t.Fatalf("field %s over %d pairs, want %d", fs.Field, fs.N, r.Event.TP)
			}
		}
	})
}
