package extract

import (
	"strings"

	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/internal/lexicon"
	"github.com/sitrep/sitrep/internal/when"
)

// Modalities, as EVENTS.md names them.
const (
	Asserted = "asserted"
	Reported = "reported"
	Hedged   = "hedged"
	Denied   = "denied"
)

// sentInfo is what one sentence says about who reports and how.
type sentInfo struct {
	dates    []when.Expr
	sources  []event.Source
	modality string
	hedges   []int // first tokens of the hedges ("aurait", "reportedly"); they scope over their clause
	denials  []int // first tokens of the denials ("a démenti", "denied"); they scope over what follows them
	irrealis bool
	// claimed is set when a reporting verb other than a denial tells the
	// event in the sentence ("claimed that its forces had captured …, but
	// Kyiv denied it"): a denied event told here, not one told elsewhere.
	claimed bool
}

// attribute fills each sentence's sources and modality.
//
// A sentence is attributed when it holds a cue ("selon", "according to")
// or a reporting verb ("a annoncé", "said"): its sources are the sources
// named in it outside quotes ("l'agence" and "l'ONG" refer back to the
// agency or NGO last named), else the actor that is the verb's subject,
// else — for a pronoun subject ("explique-t-il", "he said") — the previous
// attributed sentence's sources. An anonymous source takes its affiliation
// from "au sein de X" / "within X". A hedge makes the sentence hedged, a
// denial denied.
func (x *docState) attribute() {
	var prev []event.Source
	var known []event.Source // every source named so far, for back-references
	for si, s := range x.doc.Sentences {
		cues := x.matchesIn(lexicon.Attribution, s.First, s.Last)
		srcs := x.matchesIn(lexicon.Source, s.First, s.Last)
		info := &x.sents[si]
		info.modality = Asserted
		attributed, pronoun := false, false
		for _, m := range cues {
			if m.First < s.First || m.First >= s.Last {
				continue
			}
			switch x.lex.Cues[m.Index].Kind {
			case "hedge":
				info.hedges = append(info.hedges, m.First)
			case "denial":
				if info.modality != Hedged {
					info.modality = Denied
				}
				info.denials = append(info.denials, m.First)
				attributed = true
				pronoun = pronoun || x.pronounNear(m.First, m.Last)
			default:
				attributed = true
				info.claimed = info.claimed || x.lex.Cues[m.Index].Kind != "gloss"
				pronoun = pronoun || x.pronounNear(m.First, m.Last)
			}
		}
		for _, m := range x.matchesIn(lexicon.Grammar, s.First, s.Last) {
			if x.lex.Grammar[m.Index].Kind == "irrealis" {
				info.irrealis = true
			}
		}
		var found []event.Source
		for _, m := range srcs {
			if m.First < s.First || m.First >= s.Last || x.doc.QuoteAt(x.doc.Tokens[m.First].Start) >= 0 {
				continue
			}
			src, ok := x.source(m, known)
			if !ok {
				continue
			}
			known = append(known, src)
			if attributed && x.nearCue(m, cues, s.First, s.Last) {
				x.sourceSpans = append(x.sourceSpans, [2]int{m.First, m.Last})
				if !hasSource(found, src) {
					found = append(found, src)
				}
			}
		}
		if attributed && len(found) == 0 {
			// The actor right before the verb: "Sudan's Rapid Support
			// Forces (RSF) said …", before any source farther off.
			if a := x.subjectActor(s.First, s.Last, cues, 3); a != nil {
				found = append(found, actorSource(*a, x.span(a.first, a.last)))
			}
		}
		if attributed && len(found) == 0 {
			// A source named farther from the verb: "Ukraine's SBU security
			// service detained …, the agency said."
			for _, m := range srcs {
				if m.First < s.First || m.First >= s.Last || x.doc.QuoteAt(x.doc.Tokens[m.First].Start) >= 0 {
					continue
				}
				if src, ok := x.source(m, known); ok && !hasSource(found, src) {
					found = append(found, src)
					x.sourceSpans = append(x.sourceSpans, [2]int{m.First, m.Last})
				}
			}
		}
		if attributed && len(found) == 0 {
			if a := x.subjectActor(s.First, s.Last, cues, cueWindow); a != nil {
				found = append(found, actorSource(*a, x.span(a.first, a.last)))
			} else if pronoun {
				found = append(found, prev...)
			}
		}
		if attributed {
			info.sources = orderSources(found)
			if len(found) > 0 {
				prev = info.sources
				if info.modality == Asserted {
					info.modality = Reported
				}
			}
		}
	}
}

// cueWindow is how many tokens a source may stand from its cue or
// reporting verb: "selon l'agence russe Sputnik", "a annoncé mercredi le
// ministère russe de la Défense".
const cueWindow = 8

// nearCue reports whether source match m stands within cueWindow tokens of
// an attribution cue of the same sentence.
func (x *docState) nearCue(m lexicon.Match, cues []lexicon.Match, first, last int) bool {
	for _, c := range cues {
		if c.First < first || c.First >= last || x.lex.Cues[c.Index].Kind == "hedge" {
			continue
		}
		// "selon X", "according to X": the source follows its cue.
		if x.lex.Cues[c.Index].Kind == "cue" && m.First < c.First {
			continue
		}
		// "…, a précisé le parquet régional": an inverted subject right
		// after the verb is its source; one named before belongs to the
		// clause ("utilisés par l'armée russe").
		if m.First < c.First && x.sourceRightAfter(c) {
			continue
		}
		if m.First-c.Last <= cueWindow && c.First-m.Last <= cueWindow {
			return true
		}
	}
	return false
}

// sourceRightAfter reports whether a source follows reporting verb c,
// past articles at most: "a précisé le parquet", "said the ministry".
func (x *docState) sourceRightAfter(c lexicon.Match) bool {
	i := c.Last
	for i < len(x.doc.Tokens) && isArticle(x.doc.Tokens[i].Norm) {
		i++
	}
	for _, m := range x.matchesIn(lexicon.Source, i, i+1) {
		if m.First == i {
			return true
		}
	}
	return false
}

// dropSourceActors removes the actor mentions that are part of a source
// used for attribution ("Ukrainian officials said", "selon le ministère"):
// they report the event, they do not act in it. Armed groups, armies and
// police stay: they often report what they did themselves.
func (x *docState) dropSourceActors() {
	kept := x.actors[:0]
	for _, a := range x.actors {
		drop := false
		for _, sp := range within(x.sourceSpans, spanFirst, a.first-40, a.last+4) {
			// "un photographe de l'AFP", "le président Recep Tayyip
			// Erdogan": a title or a trade right before its source.
			staff := (a.kind == "media" || a.role != "") && (sp[0] == a.last || x.genitiveBetween(a.last, sp[0]))
			if !staff && !(a.first < sp[1]+1 && sp[0] < a.last+1 && (a.first < sp[1] && sp[0] < a.last || a.bareCountry())) {
				continue
			}
			if isGroup(a.id) || a.kind == "state_military" || a.kind == "police" {
				// An armed group, an army or a security service that
				// reports its own action still acts in it ("the SBU said it
				// had detained…"), but as a reporter it does not keep its
				// frame apart from others.
				a.reporter = true
				break
			}
			drop = true
			break
		}
		if !drop {
			kept = append(kept, a)
		}
	}
	x.actors = kept
}

// pronounNear reports whether a pronoun subject sits next to a reporting
// verb ("explique-t-il", "il a ajouté", "he said").
func (x *docState) pronounNear(first, last int) bool {
	for i := first - 2; i <= last; i++ {
		if k, ok := x.grammarAt[i]; ok && k == "pronoun" {
			return true
		}
	}
	// The verb form itself may end in the inverted pronoun.
	for i := first; i < last; i++ {
		if n := x.doc.Tokens[i].Norm; n == "il" || n == "elle" || n == "ils" {
			return true
		}
	}
	return false
}

// source turns a sources.tsv match into a Source. Names starting with
// "=" refer back to the last source of that kind ("=media": "l'agence").
func (x *docState) source(m lexicon.Match, known []event.Source) (event.Source, bool) {
	e := x.lex.Sources[m.Index]
	txt := x.phraseText(m.First, m.Last)
	if strings.HasPrefix(e.Name, "=") {
		kind := e.Name[1:]
		for i := len(known) - 1; i >= 0; i-- {
			if known[i].Kind == kind || kind == "any" {
				s := known[i]
				s.Text = txt
				return s, true
			}
		}
		return event.Source{}, false
	}
	src := event.Source{Name: e.Name, Kind: e.Kind, Country: e.Country, Text: txt}
	if e.Kind == "anonymous" {
		if a := x.affiliation(m.Last); a != nil {
			src.Affiliation = a.id
			if a.name != "" {
				src.Name = e.Name + " in the " + a.name
			}
			src.Text = x.span(m.First, a.last)
		} else if c, first, last := x.sourceDemonym(m); c != "" {
			// "une source militaire saoudienne", "a Saudi military
			// source": the demonym says whose side the source is on.
			role := "GOV"
			if n := strings.ToLower(e.Name); strings.Contains(n, "military") || strings.Contains(n, "security") || strings.Contains(n, "officer") {
				role = "MIL"
			}
			src.Affiliation = c + "." + role
			src.Text = x.span(first, last)
		}
	}
	return src, true
}

// sourceDemonym finds a bare country or demonym right after an anonymous
// source (French: "une source militaire saoudienne") or right before it
// (English: "a Saudi military source"), and returns its country and the
// source phrase's token range with it.
func (x *docState) sourceDemonym(m lexicon.Match) (string, int, int) {
	for _, a := range within(x.actors, actorFirst, m.First-2, m.Last+2) {
		if !a.bareCountry() {
			continue
		}
		if a.first == m.Last || a.last == m.First || a.first >= m.First && a.last <= m.Last {
			return a.country, min(a.first, m.First), max(a.last, m.Last)
		}
	}
	return "", 0, 0
}

// phraseText widens a match to its article and adjectives: "l'agence russe
// Sputnik" for the match "Sputnik" is left to the lexicon; here only a
// leading elided article is added.
func (x *docState) phraseText(first, last int) string {
	if first > 0 && x.doc.Tokens[first-1].Kind == 4 /* text.Elision */ {
		first--
	}
	return x.span(first, last)
}

// affiliation finds "au sein de la milice" / "within the SDF" after an
// anonymous source and returns the actor it names.
func (x *docState) affiliation(after int) *actorMention {
	for i := after; i < after+2 && i < len(x.doc.Tokens); i++ {
		if k, ok := x.grammarAt[i]; ok && k == "within" {
			end := x.grammarEnd[i]
			as := within(x.actors, actorFirst, end, end+3)
			for j := range as {
				a := &as[j]
				if a.id != "" {
					return a
				}
			}
		}
	}
	return nil
}

// subjectActor is the actor that reports in an attributed sentence with no
// named source: the actor outside quotes nearest to a reporting verb,
// within maxD tokens ("the Syrian army said", "a affirmé l'armée").
func (x *docState) subjectActor(first, last int, cues []lexicon.Match, maxD int) *actorMention {
	var best *actorMention
	bestD := maxD + 1
	for _, c := range cues {
		if k := x.lex.Cues[c.Index].Kind; c.First < first || c.First >= last || k != "verb" && k != "gloss" && k != "denial" {
			continue
		}
		as := within(x.actors, actorFirst, first, last)
		for j := range as {
			a := &as[j]
			if a.id == "" || a.ref != "" || a.kind == "civilians" {
				continue // an unresolved back-reference names no source
			}
			if x.doc.QuoteAt(x.doc.Tokens[a.first].Start) >= 0 || x.supported(a) {
				continue
			}
			d := c.First - a.last
			if d < 0 {
				d = a.first - c.Last
			}
			if d >= 0 && d < bestD {
				best, bestD = a, d
			}
		}
	}
	return best
}

func actorSource(a actorMention, txt string) event.Source {
	kind := "government"
	switch a.kind {
	case "state_military":
		kind = "military"
	case "non_state_armed_group":
		kind = "armed_group"
	case "media":
		kind = "media"
	case "international_org":
		kind = "international_org"
	}
	name := a.name
	if name == "" {
		name = a.id
	}
	return event.Source{Name: name, Kind: kind, Country: a.country, Text: txt}
}

func hasSource(list []event.Source, s event.Source) bool {
	for _, o := range list {
		if o.Name == s.Name && o.Affiliation == s.Affiliation {
			return true
		}
	}
	return false
}

// orderSources puts the innermost sources first: who issued the statement,
// then the media that relayed it. A generic name that a more specific one
// contains ("mayor" beside "Mayor of Kyiv") is dropped.
func orderSources(in []event.Source) []event.Source {
	out := make([]event.Source, 0, len(in))
	for _, media := range []bool{false, true} {
		for i, s := range in {
			if (s.Kind == "media") != media || subsumed(in, i) {
				continue
			}
			out = append(out, s)
		}
	}
	return out
}

// subsumed reports whether in[i]'s name is contained in another source's
// longer name.
func subsumed(in []event.Source, i int) bool {
	n := strings.ToLower(in[i].Name)
	for j, o := range in {
		if j != i && len(o.Name) > len(n) && strings.Contains(strings.ToLower(o.Name), n) {
			return true
		}
	}
	return false
}

// supported reports whether a "soutenu par" / "backed by" word stands
// right before the actor: a backer, not the one who speaks or acts.
func (x *docState) supported(a *actorMention) bool { return x.cueBefore(a.first) == "support" }
