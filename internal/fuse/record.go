package fuse

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/sitrep/sitrep/event"
)

// Mention is one article's record of an event and what fusion reads of its
// document.
type Mention struct {
	Event  event.Event // the article's own record, with its evidence
	Outlet string      // the document's source (the outlet), "" when unknown
}

// Fused is the record of one real event derived from its mentions.
type Fused struct {
	Event event.Event
	// Mentions are the group's mentions sorted by id.
	Mentions []Mention
	// NumArticles counts the distinct documents of the mentions.
	NumArticles int
}

// Fuse derives the fused record of a group of mentions of one event. It
// reads the set, not the order: any order of the same mentions gives the
// same record. The rule, field by field:
//
//   - id: the smallest mention id. doc and evidence: those of the
//     representative mention, the most confident one (then the smallest id).
//   - type: the type most mentions give; a tie goes to the larger summed
//     confidence, then to the first value in lexical order. event_type
//     follows the type; cameo is the same vote among the mentions of that
//     type.
//   - actor1, actor2: the same vote on the actor id, among the mentions that
//     name one, except that the last tie-break prefers an id with a role
//     ("RUS.MIL" over "RUS"); the record is the most confident such
//     mention's.
//   - location: among the most precise locations (lowest precision), the
//     same vote on the place (geonameid, else name).
//   - date: among the most precise dates, the same vote on the value; a tie
//     goes to the earliest.
//   - fatalities: best is the lowest best of any mention (ACLED's most
//     conservative estimate), min the lowest min or best, max the highest
//     max or best; the text is that of the mention with the lowest best.
//   - weapons: the union by class and model, with the largest quantity.
//     targets: the union, sorted.
//   - sources: each mention's sources then its outlet (kind media), in
//     mention-id order, each name once (compared without case or accents).
//   - modality: the vote; a tie goes to the more certain (asserted,
//     reported, hedged, denied).
//   - confidence: 1 − ∏(1 − cᵢ) over the mentions, rounded to 0.001:
//     independent reports make the event surer.
//
// Each mention keeps its own values; Fused.Mentions carries them.
func Fuse(ms []Mention) Fused {
	ms = append([]Mention(nil), ms...)
	sort.Slice(ms, func(i, j int) bool { return ms[i].Event.ID < ms[j].Event.ID })
	if len(ms) == 0 {
		return Fused{}
	}
	rep := &ms[0].Event
	for i := range ms {
		if ms[i].Event.Confidence > rep.Confidence {
			rep = &ms[i].Event
		}
	}
	out := event.Event{
		ID:       ms[0].Event.ID,
		Doc:      rep.Doc,
		Evidence: append([]event.Span(nil), rep.Evidence...),
		Weapons:  []event.Weapon{},
		Targets:  []string{},
		Sources:  []event.Source{},
	}

	out.Type = vote(ms, func(e *event.Event) (string, bool) { return e.Type, e.Type != "" })
	out.EventType = event.Types[out.Type]
	if out.EventType == "" {
		out.EventType = vote(ms, func(e *event.Event) (string, bool) { return e.EventType, e.EventType != "" })
	}
	out.CAMEO = vote(ms, func(e *event.Event) (string, bool) { return e.CAMEO, e.Type == out.Type && e.CAMEO != "" })
	out.Actor1 = fuseActor(ms, func(e *event.Event) *event.Actor { return e.Actor1 })
	out.Actor2 = fuseActor(ms, func(e *event.Event) *event.Actor { return e.Actor2 })
	out.Location = fuseLocation(ms)
	out.Date = fuseDate(ms)
	out.Fatalities = fuseFatalities(ms)
	out.Weapons = fuseWeapons(ms)
	out.Targets = fuseTargets(ms)
	out.Sources = fuseSources(ms)
	out.Modality = fuseModality(ms)
	p := 1.0
	for i := range ms {
		c := math.Max(0, math.Min(1, ms[i].Event.Confidence))
		p *= 1 - c
	}
	out.Confidence = math.Round((1-p)*1000) / 1000

	docs := map[string]bool{}
	for i := range ms {
		docs[ms[i].Event.Doc] = true
	}
	return Fused{Event: out, Mentions: ms, NumArticles: len(docs)}
}

// vote returns the value most mentions give (key reports the value and
// whether the mention votes); ties go to the larger summed confidence,
// then to the smaller value. ms must be sorted by id.
func vote(ms []Mention, key func(*event.Event) (string, bool)) string {
	return voteBy(ms, key, func(a, b string) bool { return a < b })
}

// voteBy is vote with the last tie-break, before, given.
func voteBy(ms []Mention, key func(*event.Event) (string, bool), before func(a, b string) bool) string {
	type tally struct {
		n    int
		conf float64
	}
	t := map[string]*tally{}
	for i := range ms {
		k, ok := key(&ms[i].Event)
		if !ok {
			continue
		}
		if t[k] == nil {
			t[k] = &tally{}
		}
		t[k].n++
		t[k].conf += ms[i].Event.Confidence
	}
	best, bt := "", (*tally)(nil)
	for k, v := range t {
		switch {
		case bt == nil,
			v.n > bt.n,
			v.n == bt.n && v.conf > bt.conf,
			v.n == bt.n && v.conf == bt.conf && before(k, best):
			best, bt = k, v
		}
	}
	return best
}

// mostConfident returns the first mention (in id order) of the highest
// confidence among those ok accepts, or -1.
func mostConfident(ms []Mention, ok func(*event.Event) bool) int {
	best := -1
	for i := range ms {
		if ok(&ms[i].Event) && (best < 0 || ms[i].Event.Confidence > ms[best].Event.Confidence) {
			best = i
		}
	}
	return best
}

func fuseActor(ms []Mention, get func(*event.Event) *event.Actor) *event.Actor {
	id := voteBy(ms, func(e *event.Event) (string, bool) {
		a := get(e)
		return idOf(a), a != nil && a.ID != ""
	}, func(a, b string) bool {
		// A tie goes to the id with a role ("RUS.MIL" before "RUS").
		if ra, rb := hasRole(a), hasRole(b); ra != rb {
			return ra
		}
		return a < b
	})
	if id == "" {
		return nil
	}
	i := mostConfident(ms, func(e *event.Event) bool { a := get(e); return a != nil && a.ID == id })
	a := *get(&ms[i].Event)
	return &a
}

func hasRole(id string) bool { _, role := splitActor(id); return role != "" }

func idOf(a *event.Actor) string {
	if a == nil {
		return ""
	}
	return a.ID
}

func placeKey(p *event.Place) string {
	if p.GeonameID != 0 {
		return "g" + strconv.Itoa(p.GeonameID)
	}
	return "n" + p.Name
}

func fuseLocation(ms []Mention) *event.Place {
	prec := 0
	for i := range ms {
		if p := ms[i].Event.Location; p != nil && (prec == 0 || p.Precision < prec) {
			prec = p.Precision
		}
	}
	if prec == 0 {
		return nil
	}
	at := func(e *event.Event) bool { return e.Location != nil && e.Location.Precision == prec }
	k := vote(ms, func(e *event.Event) (string, bool) {
		if !at(e) {
			return "", false
		}
		return placeKey(e.Location), true
	})
	i := mostConfident(ms, func(e *event.Event) bool { return at(e) && placeKey(e.Location) == k })
	p := *ms[i].Event.Location
	return &p
}

// precisionRank orders date precisions from the finest.
var precisionRank = map[string]int{"day": 0, "week": 1, "month": 2, "year": 3}

func fuseDate(ms []Mention) event.Date {
	best := -1
	for i := range ms {
		d := ms[i].Event.Date
		if d.Value == nil {
			continue
		}
		r, ok := precisionRank[d.Precision]
		if !ok {
			r = 4
		}
		if best < 0 || r < best {
			best = r
		}
	}
	if best < 0 {
		return event.Date{Precision: "unknown"}
	}
	at := func(e *event.Event) bool {
		if e.Date.Value == nil {
			return false
		}
		r, ok := precisionRank[e.Date.Precision]
		if !ok {
			r = 4
		}
		return r == best
	}
	// The vote on dates breaks ties on the earliest day, not on confidence.
	t := map[string]int{}
	for i := range ms {
		if at(&ms[i].Event) {
			t[*ms[i].Event.Date.Value]++
		}
	}
	v, n := "", 0
	for k, c := range t {
		if c > n || (c == n && k < v) {
			v, n = k, c
		}
	}
	i := mostConfident(ms, func(e *event.Event) bool { return at(e) && *e.Date.Value == v })
	d := ms[i].Event.Date
	val := v
	d.Value = &val
	return d
}

func fuseFatalities(ms []Mention) *event.Fatalities {
	var out *event.Fatalities
	lo, hi := 0, 0
	hasMin, hasMax := false, false
	for i := range ms {
		f := ms[i].Event.Fatalities
		if f == nil {
			continue
		}
		fmin, fmax := f.Best, f.Best
		if f.Min != nil {
			fmin, hasMin = *f.Min, true
		}
		if f.Max != nil {
			fmax, hasMax = *f.Max, true
		}
		if out == nil {
			out = &event.Fatalities{Best: f.Best, Text: f.Text}
			lo, hi = fmin, fmax
			continue
		}
		if f.Best < out.Best {
			out.Best, out.Text = f.Best, f.Text
		}
		if fmin < lo {
			lo = fmin
		}
		if fmax > hi {
			hi = fmax
		}
	}
	if out == nil {
		return nil
	}
	if hasMin || lo != out.Best {
		out.Min = &lo
	}
	if hasMax || hi != out.Best {
		out.Max = &hi
	}
	return out
}

func fuseWeapons(ms []Mention) []event.Weapon {
	out := []event.Weapon{}
	at := map[string]int{}
	for i := range ms {
		for _, w := range ms[i].Event.Weapons {
			k := w.Class + "\x00" + w.Model
			if j, ok := at[k]; ok {
				if w.Quantity > out[j].Quantity {
					out[j].Quantity = w.Quantity
				}
				continue
			}
			at[k] = len(out)
			out = append(out, w)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Class != out[j].Class {
			return out[i].Class < out[j].Class
		}
		return out[i].Model < out[j].Model
	})
	return out
}

func fuseTargets(ms []Mention) []string {
	seen := map[string]bool{}
	out := []string{}
	for i := range ms {
		for _, t := range ms[i].Event.Targets {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	sort.Strings(out)
	return out
}

func fuseSources(ms []Mention) []event.Source {
	seen := map[string]bool{}
	out := []event.Source{}
	add := func(s event.Source) {
		k := Fold(s.Name)
		if k == "" || seen[k] {
			return
		}
		seen[k] = true
		out = append(out, s)
	}
	for i := range ms {
		for _, s := range ms[i].Event.Sources {
			add(s)
		}
		if ms[i].Outlet != "" {
			add(event.Source{Name: ms[i].Outlet, Kind: "media"})
		}
	}
	return out
}

// certainty orders modalities from the most certain.
var certainty = map[string]int{"asserted": 0, "reported": 1, "hedged": 2, "denied": 3}

func fuseModality(ms []Mention) string {
	t := map[string]int{}
	for i := range ms {
		if m := ms[i].Event.Modality; m != "" {
			t[m]++
		}
	}
	best, n := "", 0
	for m, c := range t {
		if c > n || (c == n && less(m, best)) {
			best, n = m, c
		}
	}
	return best
}

// less orders modalities by certainty, unknown ones last by name.
func less(a, b string) bool {
	ra, oka := certainty[a]
	rb, okb := certainty[b]
	switch {
	case oka && okb:
		return ra < rb
	case oka != okb:
		return oka
	default:
		return a < b
	}
}

// Fold lower-cases s, strips its accents and collapses its spaces, so that
// "Ministère" and "ministere" compare equal.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.Join(strings.Fields(strings.ToLower(s)), " ")
	}
	t, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		t = s
	}
	return strings.Join(strings.Fields(strings.ToLower(t)), " ")
}
