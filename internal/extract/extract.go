// Package extract turns an analysed document into event records.
//
// Events runs these steps, each a plain function over the document's
// layers:
//
//  1. mentions: lexicon matches become actor, weapon, target, number,
//     source and cue mentions (actors composed from role words and
//     demonyms, weapon head nouns joined to their models, quantities bound
//     to the noun they count, references such as "les djihadistes"
//     resolved to the armed group last named);
//  2. attribution: each sentence gets its sources and modality from its
//     cues ("selon", "a annoncé", "reportedly"); a reporting verb with a
//     pronoun subject ("explique-t-il") keeps the previous source;
//  3. frames: each trigger opens a frame; the sentence is cut into
//     clauses at commas and brackets, and a clause's arguments go to its
//     trigger (a clause without one gives its arguments to the nearest
//     trigger); actors take their roles from grammatical cues (subject
//     before the trigger, "par"/"by" agent, "contre"/"against" target, the
//     agent genitive "tirs de mortiers de Daech", the adjective of a
//     nominal trigger "frappes russes");
//  4. merge: frames of one sentence, then of nearby sentences, that agree
//     (family, actors, weapon platform, place, date) become one event with
//     several evidence spans;
//  5. decide: the type and CAMEO code come from the trigger, the weapons
//     (a missile from a ship is shelling, from an aircraft an air strike)
//     and the actors (a state's own army retaking a town regains
//     territory); dates are resolved against publication and against the
//     other events of the sentence ("24 heures après le tir");
//     bare-country actors take the role the event gives them;
//  6. filter: a group with too little said (a trigger word alone, a bare
//     "hit" without a weapon, a denial alone) or a confidence under
//     minConfidence is no event; confidence is documented on
//     (*docState).confidence.
package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/internal/lexicon"
	"github.com/sitrep/sitrep/internal/text"
)

// Place is a place mention found by the geocoder, reduced to what
// extraction needs.
type Place struct {
	Start, End  int // the name's byte span
	PhraseStart int // start of the phrase with its context words
	Place       event.Place
	// Role is what the place is to the text: "event" (where something may
	// have happened), "launch" (a launch or take-off area), "overflown",
	// "dateline" (where the report was filed), "title" (part of an
	// official's title or a capital standing for its government), "clock"
	// (a time zone: "heure de Damas").
	Role string
	// notEvent is set when extraction decides the name is not an event
	// place after all (a country that names an actor: "les États-Unis").
	notEvent bool
}

// Input is everything Events reads.
type Input struct {
	DocID     string
	Doc       *text.Doc
	Lex       *lexicon.Lexicon
	Places    []Place // in text order
	Published time.Time
	// Trace, when not nil, receives a readable account of the frames built
	// and how they were merged (sitrep extract --explain).
	Trace io.Writer
}

// Events extracts the event records of one document, in text order of
// their first evidence. The result is deterministic.
func Events(in Input) []event.Event {
	x := newDoc(in)
	x.findMentions()
	x.attribute()
	x.dropSourceActors()
	x.buildFrames()
	evs := x.merge()
	x.events = evs
	if in.Trace != nil {
		x.trace(in.Trace)
	}
	out := make([]event.Event, 0, len(evs))
	for _, e := range evs {
		if r, ok := x.record(e); ok {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Evidence[0].Start < out[j].Evidence[0].Start })
	x.inheritDates(out)
	interceptedSide(out)
	return out
}

// docState holds the layers built for one document.
type docState struct {
	in      Input
	doc     *text.Doc
	lex     *lexicon.Lexicon
	matches []lexicon.Match
	byCat   [][]lexicon.Match // per category, by First

	// token-indexed marks
	grammarAt  map[int]string // first token of a grammar word → kind
	grammarEnd map[int]int    // first token → last token (exclusive)
	joinEnd    map[int]string // last token of "entre"/"between" or "et"/"and" → its kind
	weaponTok  []int          // token → weapon mention index+1
	targetTok  []bool         // token is part of a target phrase
	triggerTok []bool         // token is part of a trigger

	actors  []actorMention
	weapons []weaponMention
	numbers []numberMention
	targets []targetMention

	sourceSpans [][2]int // token ranges of the sources attribution used
	datelineEnd int      // tokens before it are the dateline ("Damas, 10 novembre 2017 -")

	placeOwner map[int]*frame // byte start of an event place → the frame it went to
	prevActor1 *event.Actor   // the doer of the last event recorded, for "also"
	prevActor2 *event.Actor   // the one it acted on, for a fight that goes on

	sents  []sentInfo
	frames []*frame
	events []*evt
}

func newDoc(in Input) *docState {
	x := &docState{in: in, doc: in.Doc, lex: in.Lex}
	x.in.Places = append([]Place(nil), in.Places...) // marked below; the caller's slice stays as it was
	x.matches = in.Lex.Match(in.Doc.Tokens)
	x.byCat = make([][]lexicon.Match, lexicon.Grammar+1)
	n := len(in.Doc.Tokens)
	x.grammarAt = map[int]string{}
	x.grammarEnd = map[int]int{}
	x.joinEnd = map[int]string{}
	x.placeOwner = map[int]*frame{}
	x.weaponTok = make([]int, n)
	x.targetTok = make([]bool, n)
	x.triggerTok = make([]bool, n)
	// An acronym in capitals is the actor it names, not the ordinary
	// word it folds to: "IS had retaken" is no passive "is", "US forces"
	// no "us".
	acronym := map[int]bool{}
	for _, m := range x.matches {
		if m.Cat == lexicon.Actor && m.Last-m.First == 1 && in.Doc.Tokens[m.First].Upper && len(in.Doc.Tokens[m.First].Norm) >= 2 {
			acronym[m.First] = true
		}
	}
	kept := x.matches[:0]
	for _, m := range x.matches {
		if m.Cat == lexicon.Grammar && m.Last-m.First == 1 && acronym[m.First] {
			continue
		}
		kept = append(kept, m)
	}
	x.matches = kept
	for _, m := range x.matches {
		if int(m.Cat) < len(x.byCat) {
			x.byCat[m.Cat] = append(x.byCat[m.Cat], m)
		}
		switch m.Cat {
		case lexicon.Grammar:
			x.grammarAt[m.First] = in.Lex.Grammar[m.Index].Kind
			x.grammarEnd[m.First] = m.Last
		case lexicon.Target:
			for i := m.First; i < m.Last; i++ {
				x.targetTok[i] = true
			}
		case lexicon.Trigger:
			for i := m.First; i < m.Last; i++ {
				x.triggerTok[i] = true
			}
		case lexicon.Number:
			if k := in.Lex.Numbers[m.Index].Kind; k == "between" || k == "and" {
				x.joinEnd[m.Last-1] = k
			}
		}
	}
	return x
}

// span returns the original text of tokens [first, last).
func (x *docState) span(first, last int) string {
	if first >= last {
		return ""
	}
	return x.doc.Text[x.doc.Tokens[first].Start:x.doc.Tokens[last-1].End]
}

// eventID is a content hash of the document id, the type and the evidence.
func eventID(doc, typ string, ev []event.Span) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s", doc, typ)
	for _, s := range ev {
		fmt.Fprintf(h, "\x00%d-%d", s.Start, s.End)
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// trace writes the frames of each merged group, one line each.
func (x *docState) trace(w io.Writer) {
	name := func(a *actorMention) string {
		if a == nil {
			return "-"
		}
		id := a.id
		if id == "" {
			id = "." + a.role + a.ref
		}
		return fmt.Sprintf("%s%q", id, x.span(a.first, a.last))
	}
	for _, a := range x.actors {
		fmt.Fprintf(w, "actor s%d %s\n", a.sent, name(&a))
	}
	for i, e := range x.events {
		fmt.Fprintf(w, "event %d\n", i)
		for _, f := range e.frames {
			fmt.Fprintf(w, "  s%d %s %q a1=%s a2=%s", f.sent, f.family, x.span(f.trig.First, f.trig.Last), name(f.actor1), name(f.actor2))
			for _, wp := range f.weapons {
				fmt.Fprintf(w, " w=%s/%s", wp.class, wp.model)
			}
			for _, p := range f.places {
				fmt.Fprintf(w, " @%s/%d", p.Place.Name, p.Place.Precision)
			}
			if f.date != nil {
				fmt.Fprintf(w, " d=%q", x.doc.Text[f.date.Start:f.date.End])
			}
			fmt.Fprintf(w, " %s\n", f.modality)
		}
	}
}

// isEvent reports whether the place may be where an event happened.
func (p Place) isEvent() bool { return p.Role == "event" && !p.notEvent }
