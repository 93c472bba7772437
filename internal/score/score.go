// Package score scores extracted events against gold files, as set out in
// the "Scoring" section of spec/EVENTS.md. LoadDir reads a folder of
// NAME.txt + NAME.gold.json pairs, Score pairs the system's events with the
// gold events of each document and counts, and Report.Write prints the
// result for a terminal.
//
// What Score does, step by step, including the choices EVENTS.md leaves
// open (each marked "decision"):
//
//  1. System events are grouped by Doc; an event whose Doc matches no
//     case's Gold.Doc.ID is ignored and only counted in Report.Ignored.
//     Within a document, gold and system events keep their input order.
//  2. A gold event g and a system event s may pair when any evidence span
//     of g overlaps any of s. When g has no evidence they may pair when
//     their event_type is the same and their locations are within PairKm
//     (50 km, haversine); decision: two null locations count as within,
//     one null location does not. An event_type left empty is taken from
//     event.Types[type].
//  3. Pairs are chosen greedily, each event pairing at most once. Decision:
//     candidate pairs are taken in this order:
//     (a) pairs whose event_type agrees first (a pair that can be correct
//     beats one that cannot);
//     (b) then pairs with a non-optional gold before pairs with an optional
//     gold (a system event that could pair with either goes to the one that
//     is scored);
//     (c) then by the number of agreeing fields of step 3 of EVENTS.md,
//     most first, where a field agrees when its score is 1 (so weapons and
//     sources agree only at F1 = 1);
//     (d) ties broken by gold index, then system index, both ascending.
//  4. A system event paired with an optional gold is neither TP nor FP,
//     whatever its event_type (decision), and an optional gold is never an
//     FN. Such pairs are counted in DocReport.Optional.
//  5. A pair with a non-optional gold is correct (TP) when the event_types
//     are equal. Decision: a pair whose event_types differ counts the
//     system event as FP and the gold as FN, exactly as if neither had
//     paired; it is listed under Wrong with Correct false. Unpaired system
//     events are FP, unpaired non-optional golds FN.
//  6. Field accuracy is averaged over correct pairs only; weapons and
//     sources contribute their F1, the other fields 0 or 1. The field rules
//     are in fields.go: cameo compares the first two digits; an actor
//     matches on equal id, or, when the gold id is a bare ISO3 code with no
//     role, when the system actor's country or the ISO3 prefix of its id
//     is that code; location within NearKm (25 km), or RegionKm (100 km)
//     when the gold precision is 3 (decision: any precision other than 3,
//     including a missing one, uses 25 km); date compares value only;
//     fatalities compare best; for all of actor, location, date and
//     fatalities, both null is equal and one null is not. Sources are
//     matched one to one by a maximum bipartite matching; names match when,
//     lower-cased with accents folded, one contains the other (an empty
//     name matches only an empty name); decision: an anonymous gold source matches
//     only an anonymous system source with the same affiliation (its name
//     is a description, not a name, and is not compared).
//  7. Full-record scores count a correct pair as TP only when type,
//     actor1, actor2, location and date are all correct; otherwise that
//     pair's system event is an FP and its gold an FN.
//  8. Precision is TP/(TP+FP), or 1 when there is nothing in the
//     denominator; likewise recall; F1 is their harmonic mean, or 0 when
//     both are 0. A document with no gold event and no system event thus
//     scores 1.
//
// Decision on gold fields absent from the JSON ("only the fields that are
// known"): an absent field decodes as its zero value (null or empty) and is
// scored as such; it is not skipped. Fields are only scored on pairs with
// non-optional golds, and every non-optional event of the dev corpus and
// the seed gives all ten fields; only optional events (the seed's
// background clash) omit some, which then only affects which system event
// such an optional gold absorbs.
package score

import (
	"sort"

	"github.com/sitrep/sitrep/event"
)

// Counts are the true positives, false positives and false negatives of a
// score.
type Counts struct {
	TP, FP, FN int
}

// Precision is TP/(TP+FP), or 1 when TP+FP is 0.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN), or 1 when TP+FN is 0.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall, or 0 when both are 0.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (c *Counts) add(o Counts) {
	c.TP += o.TP
	c.FP += o.FP
	c.FN += o.FN
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// FieldScore is the accuracy of one field over the correct pairs.
type FieldScore struct {
	// Field is one of Fields.
	Field string
	// Sum adds each correct pair's score for the field (0 or 1, or an F1
	// for weapons and sources).
	Sum float64
	// N is the number of correct pairs.
	N int
}

// Accuracy is Sum/N, or 0 when N is 0 (Write prints "-" then).
func (f FieldScore) Accuracy() float64 {
	if f.N == 0 {
		return 0
	}
	return f.Sum / float64(f.N)
}

// EventRef names one event of a document: its index among the document's
// gold events or among the document's system events, in input order.
type EventRef struct {
	Index int
	Event event.Event
}

// FieldDiff is a field on which a paired system event differs from its
// gold, with both values formatted for reading.
type FieldDiff struct {
	Field  string
	Gold   string
	System string
}

// Pair is a non-optional gold event paired with a system event that
// differs from it on at least one field.
type Pair struct {
	Gold, System EventRef
	// Correct is false when the event_types differ (the pair then counts as
	// one FP and one FN).
	Correct bool
	// Diffs lists the differing fields in the order of Fields.
	Diffs []FieldDiff
}

// DocReport is the score of one document.
type DocReport struct {
	// Name is the case name (NAME) and Doc its document id.
	Name, Doc string
	// Text is the document's text, for quoting evidence.
	Text string
	// Gold is the number of non-optional gold events, GoldOptional the
	// number of optional ones, System the number of system events.
	Gold, GoldOptional, System int
	// Event and Full are the document's event and full-record counts.
	Event, Full Counts
	// Optional is the number of system events that paired with an optional
	// gold and were therefore not counted.
	Optional int
	// Missed are the unpaired non-optional gold events.
	Missed []EventRef
	// Spurious are the unpaired system events.
	Spurious []EventRef
	// Wrong are the pairs with a non-optional gold that differ on at least
	// one field, including pairs whose event_types differ.
	Wrong []Pair
}

// Report is the result of Score.
type Report struct {
	// Event counts correct events; Full counts fully correct records.
	Event, Full Counts
	// Fields holds one accuracy per field, in the order of Fields.
	Fields []FieldScore
	// Docs holds one report per case, in case order.
	Docs []DocReport
	// Ignored is the number of system events whose Doc matched no case.
	Ignored int
}

// EventF1 is the event F1 over all documents.
func (r *Report) EventF1() float64 { return r.Event.F1() }

// FullF1 is the full-record F1 over all documents.
func (r *Report) FullF1() float64 { return r.Full.F1() }

// Field returns the score of the named field, and false when there is no
// such field.
func (r *Report) Field(name string) (FieldScore, bool) {
	for _, f := range r.Fields {
		if f.Field == name {
			return f, true
		}
	}
	return FieldScore{}, false
}

// Score pairs system events with gold events per document (keyed by doc
// id; a system event whose Doc matches no case's Gold.Doc.ID is ignored)
// and computes the report. The package comment lists the rules. Score does
// not modify its arguments and its result depends only on their order.
// When two cases share a doc id, system events go to the first.
func Score(cases []Case, system []event.Event) *Report {
	r := &Report{Fields: make([]FieldScore, len(Fields))}
	for i, f := range Fields {
		r.Fields[i].Field = f
	}
	byDoc := map[string]int{}
	for i := range cases {
		if _, dup := byDoc[cases[i].Gold.Doc.ID]; !dup {
			byDoc[cases[i].Gold.Doc.ID] = i
		}
	}
	sys := make([][]event.Event, len(cases))
	for _, e := range system {
		i, ok := byDoc[e.Doc]
		if !ok {
			r.Ignored++
			continue
		}
		sys[i] = append(sys[i], e)
	}
	for i := range cases {
		d := scoreDoc(&cases[i], sys[i], r.Fields)
		r.Event.add(d.Event)
		r.Full.add(d.Full)
		r.Docs = append(r.Docs, d)
	}
	return r
}

// candidate is a gold/system pair that may pair, with its sort keys.
type candidate struct {
	g, s      int
	sameType  bool
	optional  bool
	agreeing  int
	fieldsCmp fieldScores
}

// pairable is step 2 of the package comment.
func pairable(g, s *event.Event) bool {
	if len(g.Evidence) == 0 {
		return eventType(g) == eventType(s) && withinPairKm(g.Location, s.Location)
	}
	for _, a := range g.Evidence {
		for _, b := range s.Evidence {
			if a.Overlaps(b) {
				return true
			}
		}
	}
	return false
}

func scoreDoc(c *Case, sys []event.Event, fields []FieldScore) DocReport {
	gold := c.Gold.Events
	d := DocReport{Name: c.Name, Doc: c.Gold.Doc.ID, Text: c.Text, System: len(sys)}
	for _, g := range gold {
		if g.Optional {
			d.GoldOptional++
		} else {
			d.Gold++
		}
	}

	var cands []candidate
	for gi := range gold {
		for si := range sys {
			if !pairable(&gold[gi], &sys[si]) {
				continue
			}
			fs := compare(&gold[gi], &sys[si])
			cands = append(cands, candidate{
				g: gi, s: si,
				sameType:  eventType(&gold[gi]) == eventType(&sys[si]),
				optional:  gold[gi].Optional,
				agreeing:  fs.agreeing(),
				fieldsCmp: fs,
			})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.sameType != b.sameType {
			return a.sameType
		}
		if a.optional != b.optional {
			return !a.optional
		}
		if a.agreeing != b.agreeing {
			return a.agreeing > b.agreeing
		}
		if a.g != b.g {
			return a.g < b.g
		}
		return a.s < b.s
	})

	goldPaired := make([]bool, len(gold))
	sysPaired := make([]bool, len(sys))
	var pairs []candidate
	for _, p := range cands {
		if goldPaired[p.g] || sysPaired[p.s] {
			continue
		}
		goldPaired[p.g], sysPaired[p.s] = true, true
		pairs = append(pairs, p)
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].g < pairs[j].g })

	for _, p := range pairs {
		if p.optional {
			d.Optional++
			continue
		}
		g, s := &gold[p.g], &sys[p.s]
		if p.sameType {
			d.Event.TP++
			if p.fieldsCmp.full() {
				d.Full.TP++
			} else {
				d.Full.FP++
				d.Full.FN++
			}
			for i := range fields {
				fields[i].Sum += p.fieldsCmp[i]
				fields[i].N++
			}
		} else {
			d.Event.FP++
			d.Event.FN++
			d.Full.FP++
			d.Full.FN++
		}
		if diffs := diff(g, s, p.fieldsCmp); len(diffs) > 0 || !p.sameType {
			d.Wrong = append(d.Wrong, Pair{
				Gold:    EventRef{p.g, *g},
				System:  EventRef{p.s, *s},
				Correct: p.sameType,
				Diffs:   diffs,
			})
		}
	}
	for gi := range gold {
		if !goldPaired[gi] && !gold[gi].Optional {
			d.Event.FN++
			d.Full.FN++
			d.Missed = append(d.Missed, EventRef{gi, gold[gi]})
		}
	}
	for si := range sys {
		if !sysPaired[si] {
			d.Event.FP++
			d.Full.FP++
			d.Spurious = append(d.Spurious, EventRef{si, sys[si]})
		}
	}
	return d
}

// diff lists the fields whose score is below 1, with both values.
func diff(g, s *event.Event, fs fieldScores) []FieldDiff {
	var out []FieldDiff
	for i, name := range Fields {
		if fs[i] == 1 {
			continue
		}
		gv, sv := formatField(name, g), formatField(name, s)
		switch name {
		case FieldLocation:
			if g.Location != nil && s.Location != nil {
				sv += formatKm(placeKm(g.Location, s.Location))
			}
		case FieldWeapons, FieldSources:
			sv += formatF1(fs[i])
		}
		out = append(out, FieldDiff{Field: name, Gold: gv, System: sv})
	}
	return out
}
