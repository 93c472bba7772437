package extract

import (
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/internal/lexicon"
	"github.com/sitrep/sitrep/internal/text"
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
	var known []event.Source            // every source named so far, for back-references
	people := map[string]event.Source{} // a titled person's surname → the title's source
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
		var foundSpans [][2]int
		for _, m := range srcs {
			if m.First < s.First || m.First >= s.Last || x.doc.QuoteAt(x.doc.Tokens[m.First].Start) >= 0 {
				continue
			}
			if o, ok := x.anonymousBefore(m, srcs); ok {
				// "a security official in Islamabad, speaking on
				// condition of anonymity, said": one source.
				m = o
			}
			src, ok := x.source(m, known)
			if !ok {
				continue
			}
			known = append(known, src)
			if name := x.personAfter(m.Last); name != "" {
				people[name] = src // "the governor, Oleh Synehubov"
			}
			if src.Kind != "anonymous" && (x.staffOf(m, srcs) || x.affiliationOf(m, srcs)) {
				// "des journalistes de l'AFP", "a spokesman of the
				// ministry": the body after the genitive is the source.
				continue
			}
			if attributed && x.nearCue(m, cues, s.First, s.Last) {
				x.sourceSpans = append(x.sourceSpans, [2]int{m.First, m.Last})
				foundSpans = append(foundSpans, [2]int{x.pastArticles(m.First, m.Last-1), m.Last})
				if !hasSource(found, src) {
					found = append(found, src)
				}
			}
		}
		if attributed && len(found) > 0 {
			// "a indiqué le Syndicat national des policiers haïtiens
			// (SYNAPOHA)": a proper name holding every source found
			// is the source, not the generic word inside it.
			if np, ok := x.namePhrase(s.First, s.Last, cues); ok && np.proper && inside(foundSpans, np.first, np.last) && generic(found) {
				found = []event.Source{np.src}
			}
		}
		np, npOK, unnamed := namePhrase{}, false, false
		if attributed && len(found) == 0 {
			np, npOK = x.namePhrase(s.First, s.Last, cues)
			if src, ok := people[x.surname(np, npOK)]; ok {
				// "Synehubov said", after "the governor, Oleh Synehubov".
				src.Text = np.src.Text
				np.src, np.proper = src, true
			}
			if npOK && np.proper {
				// "a rapporté le Centre d'analyse et de recherche en
				// droits de l'homme (CARDH)": a name no lexicon lists
				// comes before an actor inside it.
				found = append(found, np.src)
				x.useNamePhrase(np)
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
			} else if npOK && (np.proper || x.doc.Lang == "en") {
				// "the state emergency management agency said", "a
				// county security official said".
				found = append(found, np.src)
				x.useNamePhrase(np)
			} else if npOK {
				// "selon un porte-parole militaire": someone reports,
				// though the words are no English name to give.
				unnamed = true
			} else if pronoun {
				found = append(found, prev...)
			}
		}
		found = dropBareAnonymous(found)
		if attributed {
			info.sources = orderSources(found)
			if len(found) > 0 || unnamed {
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
		// "Residents blamed the federal army": who is blamed does not
		// report. "Shelling was reported": what is reported does not
		// either.
		if m.First >= c.Last && x.blames(c) || m.First < c.First && x.passiveCue(c) {
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
// past articles at most, in inverted order: "…, a précisé le parquet",
// "…, said the ministry". A verb that does not follow a comma or a quote
// has its subject before it; what follows it is whom it told ("a military
// source told local radio").
func (x *docState) sourceRightAfter(c lexicon.Match) bool {
	if c.First == 0 || x.doc.Tokens[c.First-1].Kind != text.Punct {
		return false
	}
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
		} else if a := x.anonymousOf(m); a != nil {
			// "a Peshmerga commander, speaking on condition of anonymity":
			// the person the anonymity clause follows says whose side.
			src.Affiliation = a.id
			src.Text = x.span(a.first, m.Last)
		} else if c, last := x.sourcePlace(m); c != "" {
			// "a security official in Islamabad": the country it speaks
			// from.
			src.Affiliation = c + "." + anonymousRole(e.Name)
			src.Text = x.span(m.First, last)
		} else if c, first, last := x.sourceDemonym(m); c != "" {
			// "une source militaire saoudienne", "a Saudi military
			// source": the demonym says whose side the source is on.
			src.Affiliation = c + "." + anonymousRole(e.Name)
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
		if k, ok := x.grammarAt[i]; ok && (k == "within" || k == "genitive") {
			// "une source au sein de la milice", "un officier de l'armée
			// camerounaise": a group or a state's forces, not a country
			// ("a source of Ukraine" says where, not whose).
			end := x.grammarEnd[i]
			as := within(x.actors, actorFirst, end, end+3)
			for j := range as {
				a := &as[j]
				if a.id != "" && (k == "within" || isGroup(a.id) || strings.Contains(a.id, ".")) {
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
			if d >= 0 && x.passiveCue(c) {
				continue // "Russian shelling of the town was reported"
			}
			if d < 0 {
				if x.blames(c) {
					continue // the one blamed
				}
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

// supported reports whether a "soutenu par" / "backed by" word, or a
// "lié à" before a group, stands right before the actor: a backer or a
// patron, not the one who speaks.
func (x *docState) supported(a *actorMention) bool {
	c := x.cueBefore(a.first)
	return c == "support" || c == "ledby" && isGroup(a.id) // "le JNIM, lié à Al-Qaïda, a revendiqué": the patron does not speak
}

// blames reports whether reporting verb c is an accusation ("blamed",
// "a accusé"): its source stands before it, the one accused after it.
func (x *docState) blames(c lexicon.Match) bool {
	k, ok := x.grammarAt[c.First]
	return ok && k == "blame"
}

// staffOf reports whether source match m is followed by a genitive and
// another source: "des journalistes de l'AFP", "a spokesman for the
// ministry" — the body is the source, not its staff.
func (x *docState) staffOf(m lexicon.Match, srcs []lexicon.Match) bool {
	for _, o := range srcs {
		if o.First > m.Last && o.First <= m.Last+3 && x.genitiveBetween(m.Last, o.First) {
			return true
		}
	}
	return false
}

// anonymousOf finds, for an anonymity clause set off by a comma ("…,
// speaking on condition of anonymity", "…, qui a requis l'anonymat"), the
// named actor of the phrase it follows: "a Peshmerga commander", "un
// officier de l'armée".
func (x *docState) anonymousOf(m lexicon.Match) *actorMention {
	toks := x.doc.Tokens
	if m.First == 0 || toks[m.First-1].Norm != "," {
		return nil
	}
	start := m.First - 1
	for start > 0 && m.First-start <= 8 && (toks[start-1].Kind != text.Punct || toks[start-1].Norm == "'" || toks[start-1].Norm == "-") {
		start--
	}
	as := within(x.actors, actorFirst, start, m.First-1)
	for j := len(as) - 1; j >= 0; j-- {
		if a := &as[j]; a.id != "" && a.last < m.First && a.kind != "civilians" && (isGroup(a.id) || strings.Contains(a.id, ".")) {
			return a
		}
	}
	return nil
}

// dropBareAnonymous drops a bare "anonymous source" (from an anonymity
// clause alone) when the same sentence names the anonymous source more
// precisely: "a military source, speaking on condition of anonymity".
func dropBareAnonymous(in []event.Source) []event.Source {
	precise := false
	for _, s := range in {
		if s.Kind == "anonymous" && s.Name != "anonymous source" {
			precise = true
		}
	}
	if !precise {
		return in
	}
	out := in[:0]
	for _, s := range in {
		if s.Kind != "anonymous" || s.Name != "anonymous source" {
			out = append(out, s)
		}
	}
	return out
}

// namePhrase is a source named in words no lexicon lists: the subject of
// a reporting verb ("the state emergency management agency said"), its
// inverted subject ("a rapporté le Centre d'analyse et de recherche en
// droits de l'homme (CARDH)") or the words after "selon" / "according to".
type namePhrase struct {
	first, last int // token range of the name
	// proper is set for a name in capitals ("Kurdistan Regional
	// Government") or one given with its acronym: it is taken before an
	// actor named inside it.
	proper bool
	src    event.Source
}

// maxNameWords bounds a name phrase; a longer run is a clause, not a name.
const maxNameWords = 9

// namePhrase finds the name phrase of the first reporting cue of
// sentence [first, last) that has one.
func (x *docState) namePhrase(first, last int, cues []lexicon.Match) (namePhrase, bool) {
	toks := x.doc.Tokens
	for _, c := range cues {
		if c.First < first || c.First >= last {
			continue
		}
		var a, b int
		switch kind := x.lex.Cues[c.Index].Kind; {
		case kind == "cue":
			a, b = x.phraseAfter(c.Last, last)
		case kind == "verb" || kind == "denial":
			if c.First > first && toks[c.First-1].Kind == text.Punct && toks[c.First-1].Norm != ")" && !x.blames(c) {
				a, b = x.phraseAfter(c.Last, last)
			} else {
				a, b = x.phraseBefore(c.First, first)
			}
		default:
			continue
		}
		if np, ok := x.makeNamePhrase(a, b); ok {
			return np, true
		}
	}
	return namePhrase{}, false
}

// phraseStop reports whether token i ends a name phrase: punctuation
// (but apostrophes, hyphens and brackets), a date, a cue, a trigger, or a
// grammar word that opens another phrase or clause.
func (x *docState) phraseStop(i int) bool {
	t := x.doc.Tokens[i]
	if t.Kind == text.Punct {
		switch t.Norm {
		case "'", "-", "(", ")":
			return false
		}
		return true
	}
	if x.triggerTok[i] || x.inDate(i) || x.inCategory(lexicon.Attribution, i) {
		return true
	}
	switch x.grammarAt[i] {
	case "edge", "pronoun", "locative", "passive", "clause", "relative", "target", "agent", "from", "subset", "support", "blame", "claim", "base", "aux", "also", "habit", "irrealis":
		return true
	}
	return false
}

// phraseAfter returns the words after a cue up to the next stop, past a
// date and articles: "selon un proche des otages", "said the Kurdistan
// Regional Government". A bracketed acronym within reach ends it.
func (x *docState) phraseAfter(i, last int) (int, int) {
	toks := x.doc.Tokens
	for i < last && (x.inDate(i) || isArticle(toks[i].Norm) || x.grammarAt[i] == "genitive") {
		i++
	}
	for j := i; j < last && j < i+16; j++ {
		if t := toks[j]; t.Kind == text.Punct && t.Norm != "'" && t.Norm != "-" && t.Norm != "(" {
			break
		}
		if toks[j].Norm == "(" && j+2 < last && toks[j+1].Upper && len(toks[j+1].Norm) >= 2 && toks[j+2].Norm == ")" {
			return i, j + 3
		}
	}
	capital := i < last && toks[i].Cap
	j := i
	for j < last && j-i <= maxNameWords {
		if x.phraseStop(j) {
			// "the Centre for Analysis": a stop word inside a name in
			// capitals.
			if !(capital && toks[j].Kind == text.Word && j+1 < last && toks[j+1].Cap && x.grammarAt[j] == "edge") {
				break
			}
		}
		j++
	}
	if j-i > maxNameWords {
		return 0, 0
	}
	return i, j
}

// phraseBefore returns the words before a reporting verb back to the
// start of its clause: "…, a county security official said".
func (x *docState) phraseBefore(end, first int) (int, int) {
	for end > first && (x.grammarAt[end-1] == "aux" || x.grammarAt[end-1] == "also") {
		end--
	}
	if end > first && x.grammarAt[end-1] == "passive" {
		return 0, 0 // "was reported"
	}
	j := end - 1
	for j >= first && j >= x.datelineEnd && end-j <= maxNameWords+1 {
		if x.phraseStop(j) {
			break
		}
		j--
	}
	if end-j > maxNameWords+1 {
		return 0, 0
	}
	return j + 1, end
}

// makeNamePhrase turns tokens [a, b) into a source: past leading articles
// and numbers; not a pronoun, a place, a lexicon source or an actor's own
// name (those have their own paths).
func (x *docState) makeNamePhrase(a, b int) (namePhrase, bool) {
	toks := x.doc.Tokens
	for a < b && (isArticle(toks[a].Norm) || toks[a].Kind == text.Number || x.inCategory(lexicon.Number, a) || x.grammarAt[a] == "speaker") {
		a++
	}
	for b > a && toks[b-1].Kind == text.Punct && toks[b-1].Norm != ")" {
		b--
	}
	if a >= b || toks[a].Kind != text.Word {
		return namePhrase{}, false
	}
	for _, k := range [...]string{"aux", "passive", "irrealis", "habit"} {
		if x.grammarIn(k, a-2, b) {
			return namePhrase{}, false // "n'a pas été revendiquée", "was reported"
		}
	}
	acronym := -1
	if b-a >= 4 && toks[b-1].Norm == ")" && toks[b-3].Norm == "(" && toks[b-2].Upper {
		acronym = b - 2
	}
	for i := a; i < b; i++ {
		if x.grammarAt[i] == "pronoun" {
			return namePhrase{}, false
		}
	}
	if x.covered(lexicon.Source, a, b) || x.placeCovers(a, b) {
		return namePhrase{}, false // the lexicon's or the gazetteer's name
	}
	lead := a // past a leading country: "Sudan's", "Ethiopian"
	for _, o := range within(x.actors, actorFirst, a-16, b) {
		if o.last <= a || o.first >= b {
			continue
		}
		if o.first <= a && o.bareCountry() && o.last < b {
			lead = o.last
			for lead < b && (toks[lead].Norm == "'" || toks[lead].Norm == "s") {
				lead++
			}
		}
	}
	for _, o := range within(x.actors, actorFirst, a-16, b) {
		if o.last <= a || o.first >= b || o.id == "" || o.bareCountry() && o.last < b {
			continue
		}
		// An actor that heads the phrase names the source ("Sudan's Rapid
		// Support Forces (RSF)"); one inside a longer name does not ("le
		// Syndicat national des policiers haïtiens").
		if o.first <= lead || !toks[a].Cap {
			return namePhrase{}, false
		}
	}
	proper := toks[a].Cap && (acronym >= 0 || x.doc.Lang == "en" && x.allCapitalized(a, b))
	name := x.span(a, b)
	if acronym >= 0 && x.doc.Lang != "en" {
		name = x.span(acronym, acronym+1) // the French name is not the English one; the acronym is both
	}
	if !proper && toks[a].Cap && x.doc.Lang == "en" {
		return namePhrase{}, false // "Moscow", "Kyiv": a name in capitals that is not all a name
	}
	src := event.Source{Name: name, Kind: "government", Text: x.span(a, b)}
	return namePhrase{first: a, last: b, proper: proper, src: src}, true
}

// allCapitalized reports whether every word of [a, b) but short linking
// words ("of", "for", "and", "the") starts with a capital.
func (x *docState) allCapitalized(a, b int) bool {
	for i := a; i < b; i++ {
		t := x.doc.Tokens[i]
		if t.Kind != text.Word || t.Cap {
			continue
		}
		if _, ok := x.grammarAt[i]; ok || isArticle(t.Norm) || len(t.Norm) <= 3 {
			continue
		}
		return false
	}
	return true
}

// covered reports whether matches of category c cover every token of
// [a, b).
func (x *docState) covered(c lexicon.Category, a, b int) bool {
	for i := a; i < b; i++ {
		if !x.inCategory(c, i) {
			return false
		}
	}
	return true
}

// placeCovers reports whether one place name covers tokens [a, b):
// "Kyiv said" names no source of its own.
func (x *docState) placeCovers(a, b int) bool {
	start, end := x.doc.Tokens[a].Start, x.doc.Tokens[b-1].End
	for _, p := range within(x.in.Places, placeStart, start-200, end) {
		if p.Start <= start && end <= p.End {
			return true
		}
	}
	return false
}

// inDate reports whether token i lies inside a date expression.
func (x *docState) inDate(i int) bool {
	for _, d := range x.sents[x.sentenceOf(i)].dates {
		if i >= d.First && i < d.Last {
			return true
		}
	}
	return false
}

// inside reports whether every span lies within tokens [first, last).
func inside(spans [][2]int, first, last int) bool {
	for _, sp := range spans {
		if sp[0] < first || sp[1] > last {
			return false
		}
	}
	return true
}

// passiveCue reports whether reporting verb c is a passive participle
// ("was reported", "ont été signalés"): what stands before it is what is
// reported, not who reports.
func (x *docState) passiveCue(c lexicon.Match) bool {
	for i := c.First - 1; i >= 0 && i >= c.First-2; i-- {
		switch x.grammarAt[i] {
		case "passive":
			return true
		case "aux", "also":
			continue
		}
		return false
	}
	return false
}

// generic reports whether every source has a generic lexicon name, in
// lower case ("union", "police"), rather than a body's own name.
func generic(srcs []event.Source) bool {
	for _, s := range srcs {
		if s.Name == "" || unicode.IsUpper([]rune(s.Name)[0]) {
			return false
		}
	}
	return true
}

// personAfter returns the folded surname of a person named right after a
// source's title, in apposition or not: "the governor, Oleh Synehubov",
// "regional governor Serhiy Lysak said". It is "" when no name follows.
func (x *docState) personAfter(i int) string {
	toks := x.doc.Tokens
	if i < len(toks) && toks[i].Norm == "," {
		i++
	}
	j := i
	for j < len(toks) && j-i < 4 && toks[j].Kind == text.Word && toks[j].Cap && !toks[j].Upper && !x.inCategory(lexicon.Source, j) && !x.inCategory(lexicon.Actor, j) {
		j++
	}
	if j-i < 2 {
		return ""
	}
	return toks[j-1].Norm
}

// surname is the folded last word of a name phrase, "" when there is none.
func (x *docState) surname(np namePhrase, ok bool) string {
	if !ok || np.last <= np.first {
		return ""
	}
	return x.doc.Tokens[np.last-1].Norm
}

// anonymousRole is the role an anonymous source's name gives its side:
// military for a military or security source or an officer, else
// government.
func anonymousRole(name string) string {
	if n := strings.ToLower(name); strings.Contains(n, "military") || strings.Contains(n, "security") || strings.Contains(n, "officer") {
		return "MIL"
	}
	return "GOV"
}

// sourcePlace finds a place right after an anonymous source and "in" /
// "à" ("a security official in Islamabad") and returns its country
// (alpha-3) and the token after the place.
func (x *docState) sourcePlace(m lexicon.Match) (string, int) {
	j := m.Last
	if j+1 >= len(x.doc.Tokens) || x.grammarAt[j] != "locative" {
		return "", 0
	}
	start := x.doc.Tokens[j+1].Start
	for _, p := range within(x.in.Places, placeStart, start, start+1) {
		if p.Start == start && p.Place.Country != "" {
			if c := x.alpha3(p.Place.Country); c != "" {
				return c, x.tokenAt(p.End-1) + 1
			}
		}
	}
	return "", 0
}

// anonymousBefore finds, for a bare anonymity clause set off by a comma
// ("…, speaking on condition of anonymity"), the anonymous source named
// right before it ("a security official in Islamabad").
func (x *docState) anonymousBefore(m lexicon.Match, srcs []lexicon.Match) (lexicon.Match, bool) {
	e := x.lex.Sources[m.Index]
	if e.Kind != "anonymous" || e.Name != "anonymous source" || m.First == 0 || x.doc.Tokens[m.First-1].Norm != "," {
		return m, false
	}
	for _, o := range srcs {
		if o.Last < m.First && m.First-o.Last <= 4 && x.lex.Sources[o.Index].Kind == "anonymous" && o.First != m.First {
			return o, true
		}
	}
	return m, false
}

// affiliationOf reports whether source match m names the side of an
// anonymous source right before it: "l'armée" in "un officier de l'armée
// camerounaise", "the SDF" in "a source within the SDF".
func (x *docState) affiliationOf(m lexicon.Match, srcs []lexicon.Match) bool {
	for _, o := range srcs {
		if o.Last < m.First && m.First-o.Last <= 3 && x.lex.Sources[o.Index].Kind == "anonymous" {
			if k := x.grammarAt[o.Last]; k == "genitive" || k == "within" {
				return true
			}
		}
	}
	return false
}

// useNamePhrase records a name phrase used as a source: its words are a
// source's, and a place inside it ("le Collectif pour la paix et le
// développement de Djugu (CPDD)") is where the body works, not where
// anything happened.
func (x *docState) useNamePhrase(np namePhrase) {
	x.sourceSpans = append(x.sourceSpans, [2]int{np.first, np.last})
	x.noEventPlaces(x.doc.Tokens[np.first].Start, x.doc.Tokens[np.last-1].End)
}
