package extract

import (
	"strings"
	"time"

	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/internal/lexicon"
	"github.com/sitrep/sitrep/internal/text"
	"github.com/sitrep/sitrep/internal/when"
)

// frame is one trigger with the arguments found around it.
type frame struct {
	sent              int
	trig              lexicon.Match
	family            string
	typ, cameo        string
	families          map[string]bool
	arrest            *lexicon.TriggerEntry // an arrest word of the clause, should the clause's strike be a police raid
	segFirst, segLast int                   // the clause the trigger sits in

	actor1, actor2 *actorMention
	a1strong       bool // actor1 came from an explicit cue (agent, genitive, adjective)
	a1blamed       bool // actor1 is the one a source blames ("blamed Syrian government jets")
	a2strong       bool
	weapons        []weaponMention
	targets        []string
	civilSite      *targetMention // the first civilian site hit: "un hôpital", "a market"
	places         []Place
	fatal          *event.Fatalities
	date           *when.Expr
	offset         *when.Expr // "24 heures après <this frame>"
	stmtDate       *when.Expr // the day a source spoke ("a annoncé mercredi")
	evidence       []event.Span
	sources        []event.Source
	modality       string
	anaphoric      bool // the trigger is a noun taken up again: "the strikes", "ces frappes"
	definite       bool // a definite article before the trigger noun: "l'attaque de Solhan"
	fresh          bool // "une autre attaque", "another strike": a new event
	claim          bool // "Al-Shabaab claimed the bombing": it takes up an attack told before
	continuation   bool // no event word, only a weapon: it joins an event or is dropped
}

// segments cuts sentence s into clauses at commas, semicolons, colons,
// brackets and dashes, and before a response word ("in retaliation for");
// quotes stay whole.
func (x *docState) segments(s text.Sentence) [][2]int {
	var segs [][2]int
	start := s.First
	for i := s.First; i < s.Last; i++ {
		t := x.doc.Tokens[i]
		if x.grammarAt[i] == "response" && i > start && x.doc.QuoteAt(t.Start) < 0 {
			// "in retaliation for a chemical attack": the earlier event
			// has a clause of its own.
			segs = append(segs, [2]int{start, i})
			start = i
			continue
		}
		if t.Kind != text.Punct {
			continue
		}
		switch t.Norm {
		case ",", ";", ":", "(", ")", "–", "—":
		default:
			continue
		}
		if x.doc.QuoteAt(t.Start) >= 0 {
			continue
		}
		if i > start {
			segs = append(segs, [2]int{start, i})
		}
		start = i + 1
	}
	if start < s.Last {
		segs = append(segs, [2]int{start, s.Last})
	}
	return segs
}

// buildFrames opens a frame on every trigger and gives it its arguments.
func (x *docState) buildFrames() {
	trigs := x.byCat[lexicon.Trigger]
	for si, s := range x.doc.Sentences {
		info := x.sents[si]
		segs := x.segments(s)
		var fs []*frame
		segOf := func(tok int) int {
			for k, g := range segs {
				if tok >= g[0] && tok < g[1] {
					return k
				}
			}
			return -1
		}
		seizedTo, irrealisEnd := 0, -1
		if x.habitual(s) {
			continue // "they typically target isolated army posts": a pattern, no event
		}
		for _, m := range within(trigs, matchFirst, s.First, s.Last) {
			if m.First < x.datelineEnd || x.insideModel(m) || x.insideActorName(m) {
				continue
			}
			k := segOf(m.First)
			if k < 0 {
				continue
			}
			e := x.lex.Triggers[m.Index]
			if x.aggregated(m.First) {
				continue // "have stepped up attacks on security forces": a campaign, no one event
			}
			if x.inProperName(m) {
				continue // "Sudan People's Liberation Movement", "Baloch Liberation Army": a name, no event
			}
			if y := x.yearOf(m); y > 0 && !x.in.Published.IsZero() && y < x.in.Published.Year() {
				continue // "a 2018 peace deal", "the 2013-2018 civil war", "l'accord de 2015": history
			}
			if e.Family == "protest" && x.targetOfTrigger(m.First) {
				continue // "une frappe visant un rassemblement de combattants": what was hit, no protest
			}
			if e.Family == "agreement" && (x.negated(m.First, segs[k][0]) || x.irrealisAfter(m.Last, segs[k][1])) {
				// "sans annoncer d'accord sur le texte d'un traité de
				// paix", "un accord pourrait être signé".
				irrealisEnd = m.Last
				continue
			}
			if x.irrealisBefore(segs[k][0], m.First) || m.First >= segs[k][0] && m.First-irrealisEnd <= 8 && irrealisEnd > segs[k][0] {
				// "menace de frapper", "plans to strike": no event; nor
				// what is coordinated with it ("ont proposé une trêve …
				// et un échange de prisonniers").
				irrealisEnd = m.Last
				continue
			}
			if x.sinceIn(info.dates, segs[k]) || len(segs) > 1 && k > 0 && !x.hasTrigger(segs[0][0], segs[0][1]) && x.sinceIn(info.dates, segs[0]) {
				// "Depuis 2015, les attaques jihadistes se sont
				// multipliées": an opening clause of its own scopes over
				// the sentence.
				continue // "under sustained bombardment since December": a campaign, not an event
			}
			if x.attemptBefore(segs[k][0], m.First) || e.Family == "agreement" && x.grammarIn("attempt", segs[k][0], m.First) {
				switch e.Family {
				case "intercept", "agreement":
					// "des policiers ont tenté d'abattre ces engins", "tentent
					// de relancer les négociations de cessez-le-feu"
					continue // "des policiers ont tenté d'abattre ces engins"
				case "capture":
					e.Family, e.Type, e.CAMEO = "clash", "armed_clash", "190" // "ont tenté de reprendre la ville": a fight
				}
			}
			if x.inResponseWord(m.First) {
				continue // "En riposte, les frappes …": the answer, not a fight
			}
			if x.cueBefore(m.First) == "support" {
				continue // "appuyés par des frappes aériennes russes": backing, not the event
			}
			if e.Family == "intercept" && !x.weaponInClause(segs[k]) {
				continue // "abattu la statue": torn down, nothing shot out of the sky
			}
			if m.First < seizedTo {
				continue // "seizing two rifles and grenades": a weapon seized
			}
			if e.Family == "destroy" && x.airWeaponAfter(m.Last) {
				// "air defences destroyed 14 of 17 Shahed-type drones":
				// shot down, not destroyed on the ground.
				if ie, ok := x.interceptEntry(); ok {
					e = ie
				}
			}
			if e.Family == "capture" && x.grammarAt[x.afterArticles(m.Last)] == "power" {
				continue // "the generals who seized power": a coup, not ground taken
			}
			if e.Family == "capture" && x.weaponAfter(m.Last) {
				seizedTo = x.weaponListEnd(m.Last)
				continue // "seizing an AK-47 rifle": weapons seized, no ground taken
			}
			// Triggers of one clause make one frame ("a frappé … tuant").
			var same *frame
			for _, f := range fs {
				if f.segFirst == segs[k][0] {
					same = f
				}
			}
			if same != nil && group(same.family) == "demonstration" && x.cueBefore(m.First) == "target" {
				continue // "to protest against the abductions": the protest's cause, not another event
			}
			if same != nil {
				same.families[e.Family] = true
				if e.Family == "arrest" {
					same.arrest = &e
				}
				same.anaphoric = same.anaphoric || x.anaphoric(m.First)
				if rank(e.Family) > rank(same.family) {
					same.family, same.typ, same.cameo, same.trig = e.Family, e.Type, e.CAMEO, m
				} else if e.Family == same.family && severity(e.Type) > severity(same.typ) {
					// "des manifestants … ont été dispersés à coups de gaz
					// lacrymogène": the protest met an intervention.
					same.typ, same.cameo = e.Type, e.CAMEO
				}
				continue
			}
			fs = append(fs, &frame{
				anaphoric: x.anaphoric(m.First) || x.anaphoricSubject(segs[k][0], m.First),
				definite:  x.definite(m.First),
				fresh:     x.grammarKindBefore(m.First) == "other",
				claim:     x.claimAt(m),
				sent:      si, trig: m, family: e.Family, typ: e.Type, cameo: e.CAMEO,
				families: map[string]bool{e.Family: true},
				segFirst: segs[k][0], segLast: segs[k][1],
				evidence: []event.Span{{Start: s.Start, End: s.End}},
				sources:  info.sources, modality: info.modality,
			})
		}
		if len(fs) == 0 {
			// A sentence with no event word that names a weapon model
			// ("Les débris correspondent à des drones Shahed-136") may go
			// on telling the event before it: a frame that can only join.
			// So may one that blames someone: "The defence minister
			// blamed the National Liberation Army (ELN)".
			var m lexicon.Match
			for _, w := range within(x.weapons, weaponFirst, s.First, s.Last) {
				if w.model != "" {
					m = lexicon.Match{First: w.first, Last: w.last}
					break
				}
			}
			if m.Last == 0 {
				for _, a := range within(x.actors, actorFirst, s.First, s.Last) {
					if isGroup(a.id) && a.kind == "non_state_armed_group" && x.blamed(&a) {
						m = lexicon.Match{First: a.first, Last: a.last}
						break
					}
				}
			}
			if m.Last == 0 || x.doc.QuoteAt(s.Start) >= 0 {
				continue
			}
			fs = append(fs, &frame{
				sent: si, trig: m, family: "hit", typ: "", continuation: true,
				families: map[string]bool{"hit": true},
				segFirst: s.First, segLast: s.Last,
				evidence: []event.Span{{Start: s.Start, End: s.End}},
				sources:  info.sources, modality: info.modality,
			})
		}
		// Each clause's arguments go to the frame of that clause, or to
		// the nearest frame when the clause has none.
		owner := func(tok int) *frame {
			// In the clause: the trigger that governs the word (the last
			// one before it), else the first after it; outside any frame's
			// clause: the nearest trigger.
			var gov, after, near *frame
			nearD := 1 << 30
			for _, f := range fs {
				if tok >= f.segFirst && tok < f.segLast {
					if f.trig.First <= tok {
						gov = f
					} else if after == nil {
						after = f
					}
				}
				d := f.trig.First - tok
				if d < 0 {
					d = -d
				}
				if d < nearD {
					near, nearD = f, d
				}
			}
			switch {
			case gov != nil:
				return gov
			case after != nil:
				return after
			}
			return near
		}
		// holder is the frame a weapon, target or place at tok belongs
		// to: past an offset date ("a day after a Houthi drone slammed
		// into …"), the earlier event's frame, or none.
		holder := func(tok int) *frame {
			f := owner(tok)
			if g, other := x.acrossOffset(s, fs, f, tok); other {
				return g
			}
			return f
		}
		for _, w := range within(x.weapons, weaponFirst, s.First, s.Last) {
			if !x.negated(w.first, s.First) && !x.aimedAt(w.first) && !x.civilian(w) {
				if f := holder(w.first); f != nil {
					f.weapons = append(f.weapons, w)
				}
			}
		}
		// "SDF units … arrested a man in a raid": a raid with an arrest
		// and no weapon is a police raid, not an air raid.
		for _, f := range fs {
			if f.arrest != nil && f.family != "arrest" && group(f.family) == "violence" && len(f.weapons) == 0 {
				f.family, f.typ, f.cameo = f.arrest.Family, f.arrest.Type, f.arrest.CAMEO
			}
		}
		for _, t := range within(x.targets, targetFirst, s.First, s.Last) {
			if f := holder(t.first); f != nil && !x.inSource(t.first, t.last) {
				f.targets = appendUniq(f.targets, t.name)
				if f.civilSite == nil && civilSites[t.name] {
					f.civilSite = &t
				}
			}
		}
		for _, p := range within(x.in.Places, placeStart, s.Start, s.End) {
			if !p.isEvent() || x.basedAt(p) {
				continue
			}
			f := holder(x.tokenAt(p.Start))
			if f == nil {
				continue
			}
			f.places = append(f.places, p)
			x.placeOwner[p.Start] = f
		}
		for i := range info.dates {
			d := info.dates[i]
			if x.isDateline(d) || x.background(d) || d.Kind == when.Duration {
				continue // "since the February 1 coup": a starting point
			}
			if d.Kind == when.Offset {
				// "24 heures après le tir …": the frame after the cue is the
				// earlier event; the other frame of the sentence is its anchor.
				for _, f := range fs {
					// "The strike came a day after a Houthi drone slammed
					// into …, killing one man": when the event told stands
					// before the offset, the toll after it is the earlier
					// event's too.
					if f.trig.First >= d.Last && (f.trig.First <= d.Last+4 || f.family == "kill" && fs[0].trig.First < d.First) {
						f.offset = &info.dates[i]
						// "après l'attaque": it takes up an event told
						// before, it does not tell a new one.
						f.anaphoric = f.anaphoric || x.anaphoric(f.trig.First) || x.definite(f.trig.First)
					}
				}
				continue
			}
			if x.afterReportingVerb(d.First) || x.statementClause(segs, d) {
				// "a reconnu lundi", "said on Friday": the day of the
				// statement, used only when nothing dates the event itself.
				for _, f := range fs {
					if f.stmtDate == nil {
						f.stmtDate = &info.dates[i]
					}
				}
				continue
			}
			f := owner(d.First)
			if f.date == nil {
				f.date = &info.dates[i]
			}
		}
		// A date stated once in the sentence holds for all its frames.
		for _, f := range fs {
			if f.date == nil && f.offset == nil {
				for i := range info.dates {
					d := info.dates[i]
					if d.Kind != when.Offset && d.Kind != when.Duration && !x.background(d) && !x.isDateline(d) && !x.afterReportingVerb(d.First) && !x.statementClause(segs, d) &&
						!x.answeredBetween(d.First, f.trig.First) && !x.relativeBetween(f.trig.First, d.First) {
						f.date = &info.dates[i]
						break
					}
				}
			}
		}
		// A denial scopes over what follows it: "The SDF said its fighters
		// had repelled an incursion, and denied Turkish claims that
		// villages had fallen" denies the fall, not the repelling.
		if info.modality == Denied {
			kept := fs[:0]
			for _, f := range fs {
				if !x.namesDenied(info, f) || len(fs) == 1 {
					kept = append(kept, f)
				}
			}
			fs = kept
			for _, f := range fs {
				if !x.deniedAt(info, f.trig.First) && x.deniedAfter(info, f) {
					// "Russia's defence ministry claimed its forces had
					// captured the village, but Ukraine's General Staff
					// denied it": the claim is denied.
					continue
				}
				if !x.deniedAt(info, f.trig.First) {
					f.modality = Asserted
					if len(info.sources) > 0 {
						f.modality = Reported
					}
				}
			}
		}
		// A hedge scopes over its clause, and over the trigger it stands
		// right before ("aurait tué", "reportedly pounded"); a conditional
		// under a named source is the source's claim: reported.
		for _, h := range info.hedges {
			for _, f := range fs {
				inClause := h >= f.segFirst && h < f.segLast
				before := h < f.trig.First && f.trig.First-h <= 3
				// Right before the trigger ("had reportedly pounded", "aurait
				// tué") it hedges even a named source's account.
				adjacent := h < f.trig.First && f.trig.First-h <= 2
				if adjacent || (inClause || before) && len(info.sources) == 0 {
					f.modality = Hedged
				}
			}
		}
		if x.deniedNext(si) {
			// "Russia's defence ministry said its troops had taken the
			// village. Ukraine's General Staff rejected the claim, …":
			// the claim told just before is denied.
			for _, f := range fs {
				if f.modality == Reported {
					f.modality = Denied
				}
			}
		}
		x.assignActors(s, fs, holder)
		fs = x.policeRaids(fs)
		x.assignFatalities(s, fs)
		x.frames = append(x.frames, fs...)
	}
}

// policeRaids drops the strikes of a sentence that tells an arrest when
// they name no weapon and no doer: "detained five suspects …, in a raid in
// the city of Hasakah" is one arrest, not an arrest and an air raid.
func (x *docState) policeRaids(fs []*frame) []*frame {
	var arrest *frame
	for _, f := range fs {
		if f.family == "arrest" && arrest == nil {
			arrest = f
		}
	}
	if arrest == nil {
		return fs
	}
	kept := fs[:0]
	for _, f := range fs {
		if group(f.family) == "violence" && len(f.weapons) == 0 && f.actor1 == nil {
			// Its places ("in the city of Hasakah") are the arrest's.
			for _, p := range f.places {
				arrest.places = append(arrest.places, p)
				x.placeOwner[p.Start] = arrest
			}
			continue
		}
		kept = append(kept, f)
	}
	return kept
}

// severity orders the types of one family where a clause may name
// several: a protest, one met by an intervention, one met by deadly force.
func severity(typ string) int {
	switch typ {
	case "protest_with_intervention":
		return 1
	case "excessive_force_against_protesters":
		return 2
	}
	return 0
}

// rank orders families when two triggers share a clause: the more
// specific one names the frame ("frappe" over "tué").
func rank(f string) int {
	switch f {
	case "hit":
		return -1
	case "kill":
		return 0
	case "destroy":
		return 1
	case "clash":
		return 2
	case "strike":
		return 3
	case "protest":
		return 4
	}
	return 5
}

func appendUniq(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// tokenAt returns the index of the token that holds byte pos.
func (x *docState) tokenAt(pos int) int {
	toks := x.doc.Tokens
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].End <= pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// negated reports whether a "ne … pas" / "not" / "no" stands in the few
// words before token i (weapons a side could not use are not its weapons).
func (x *docState) negated(i, from int) bool {
	for j := i - 1; j >= from && j >= i-5; j-- {
		switch x.doc.Tokens[j].Norm {
		case "pas", "not", "no", "jamais", "never", "n'", "ne", "sans", "aucun", "aucune", "without":
			return true
		}
	}
	return false
}

// isDateline reports whether a date is the article's dateline ("Damas,
// 10 novembre 2017 -", "KYIV, April 8, 2022 -"): in the first sentence,
// among its first dozen tokens, and followed by a dash.
func (x *docState) isDateline(d when.Expr) bool {
	if d.Last <= x.datelineEnd {
		return true
	}
	if len(x.doc.Sentences) == 0 || d.First >= x.doc.Sentences[0].Last || d.First > 12 {
		return false
	}
	for j := d.Last; j < d.Last+2 && j < len(x.doc.Tokens); j++ {
		switch x.doc.Tokens[j].Norm {
		case "-", "–", "—":
			return true
		}
	}
	return false
}

// candidate is an actor mention weighed for a frame's roles.
type candidate struct {
	a      *actorMention
	role   int  // 1 or 2
	strong bool // a grammatical cue said so, not only the position
}

// assignActors gives each frame its actor1 and actor2:
//   - actor1 is the first actor a cue marks as the doer (the agent "par
//     les États-Unis", the genitive "tirs de Daech", the adjective
//     "frappes russes"), else the first actor before the trigger;
//   - actor2 is the first actor a cue marks as the target ("contre
//     Daech"), else the first actor after the trigger;
//   - with an agent named and no target, the subject is the one acted on
//     ("les FDS ont reçu des armes fournies par les États-Unis").
func (x *docState) assignActors(s text.Sentence, fs []*frame, holder func(int) *frame) {
	cands := map[*frame][]candidate{}
	as := within(x.actors, actorFirst, s.First, s.Last)
	for j := range as {
		a := &as[j]
		if a.ref == "=speaker" && !x.resolveSpeaker(a) {
			continue
		}
		if x.inAnchorClause(s, a.first) {
			continue // "24 hours after Ukrainian troops drove …": the other event's
		}
		f := holder(a.first)
		if f == nil {
			continue // past "a day after" with no frame of its own: the earlier event's
		}
		if x.answered(a.first, f.trig.First) {
			continue // "The US fired missiles … in retaliation for a chemical attack"
		}
		role, strong := x.actorRole(a, f)
		if a.reporter && role == 2 && !strong {
			continue // "…, selon l'armée irakienne": who reports is not who is hit
		}
		cands[f] = append(cands[f], candidate{a: a, role: role, strong: strong})
	}
	// An actor in the frame's own clause comes before one in another
	// clause, whose cues speak of that clause's verb: "Russian light
	// armoured vehicles had entered Kharkiv, but Ukrainian forces
	// repelled them".
	for f, cs := range cands {
		var in, out []candidate
		for _, c := range cs {
			switch {
			case c.a.first >= f.segFirst && c.a.first < f.segLast:
				in = append(in, c)
			case !c.strong && x.inRelativeClause(s, c.a.first):
				// "The missile, which Ukrainian officials identified as
				// …, damaged": an aside's actors are not the verb's.
			default:
				out = append(out, c)
			}
		}
		if len(in) == 0 {
			cands[f] = out
		}
		if len(in) > 0 && len(out) > 0 {
			kept := out[:0]
			for _, c := range out {
				if c.role == 2 && !c.strong && c.a.first > f.trig.First && x.clauseSubject(c.a.first) {
					continue // "…, as Moscow pressed an offensive": the subject of another clause
				}
				if c.role == 1 && !x.blamed(c.a) {
					c.strong = false
				}
				kept = append(kept, c)
			}
			cands[f] = append(in, kept...)
		}
	}
	pick := func(cs []candidate, role int, strong bool, not *actorMention) *actorMention {
		for _, c := range cs {
			if c.role == role && c.strong == strong && (not == nil || c.a != not && (c.a.id == "" || c.a.id != not.id)) {
				return c.a
			}
		}
		return nil
	}
	for _, f := range fs {
		cs := cands[f]
		// Whom a source blames outranks every other cue: "could not
		// determine whether Syrian or Russian aircraft …, while rescuers
		// blamed Syrian government jets".
		for _, c := range cs {
			if c.role == 1 && x.blamed(c.a) {
				f.actor1, f.a1strong, f.a1blamed = c.a, true, true
				break
			}
		}
		if f.actor1 != nil {
		} else if f.actor1 = pick(cs, 1, true, nil); f.actor1 != nil {
			f.a1strong = true
		} else {
			f.actor1 = pick(cs, 1, false, nil)
		}
		if f.actor2 = pick(cs, 2, true, f.actor1); f.actor2 != nil {
			f.a2strong = true
		} else if f.actor2 = pick(cs, 2, false, f.actor1); f.actor2 == nil && f.a1strong {
			f.actor2 = pick(cs, 1, false, f.actor1)
		}
		if f.actor1 == nil && f.actor2 != nil && !f.a2strong && group(f.family) == "clash" {
			// "les combats avec les djihadistes ont fait plusieurs morts
			// dans les rangs des forces irakiennes": a fight has two
			// sides, whatever the words that name them.
			f.actor1 = pick(cs, 2, false, f.actor2)
		}
		if f.actor1 != nil && f.actor2 == nil && group(f.family) == "clash" {
			f.actor2 = pick(cs, 1, false, f.actor1)
		}
		if f.actor1 != nil && f.actor2 != nil && f.actor1.id == f.actor2.id && f.actor1.id != "" {
			// "les FDS … tuant des dizaines de combattants": a back-reference
			// that resolved to the other side means the group named before.
			f.actor2 = x.reresolve(f.actor2, f.actor1.id)
		}
		// Police or soldiers acting on a demonstration: the protesters
		// are the ones acted on.
		if group(f.family) == "demonstration" && f.actor1 != nil && (f.actor1.kind == "police" || f.actor1.kind == "state_military" || f.actor1.role == "POL" || f.actor1.role == "MIL") {
			for _, c := range cs {
				if c.a.kind == "civilians" {
					f.actor2 = c.a
					break
				}
			}
		}
		if f.actor1 != nil && f.actor1.kind == "civilians" && f.actor2 == nil && group(f.family) != "demonstration" {
			f.actor2, f.actor1 = f.actor1, nil
		}
		if f.actor1 == nil {
			f.actor1 = x.sourceSide(s, f)
		} else if f.actor1.role == "MIL" && (f.actor1.possessive || f.family == "strike" || f.family == "intercept" || f.family == "hit") {
			// "The Turkish Defence Ministry said jets … had hit": a state's
			// ministry or army speaks of its own forces.
			if side := x.sourceSide(s, f); side != nil {
				f.actor1 = side
			}
		}
	}
}

// answered reports whether a response word ("in retaliation for", "en
// représailles à") stands between the actor at token a and the trigger
// at token trig: the trigger names the earlier event the sentence
// answers, and the actor before the word is the one who answers.
func (x *docState) answered(a, trig int) bool {
	return x.grammarIn("response", a+1, trig)
}

// grammarIn reports whether a grammar word of the kind lies wholly in
// tokens [first, last).
func (x *docState) grammarIn(kind string, first, last int) bool {
	for _, m := range x.matchesIn(lexicon.Grammar, first, last) {
		if x.lex.Grammar[m.Index].Kind == kind && m.Last <= last {
			return true
		}
	}
	return false
}

// inResponseWord reports whether token i lies inside a response word
// ("en riposte", "in retaliation").
func (x *docState) inResponseWord(i int) bool {
	for _, m := range x.matchesIn(lexicon.Grammar, i-4, i+1) {
		if x.lex.Grammar[m.Index].Kind == "response" && m.First <= i && i < m.Last {
			return true
		}
	}
	return false
}

// answeredBetween reports whether a response word stands between tokens
// a and b, in either order: what comes after it is another event.
func (x *docState) answeredBetween(a, b int) bool {
	if a > b {
		a, b = b, a
	}
	return x.answered(a, b+1)
}

// inRelativeClause reports whether token i lies in a clause of sentence s
// that opens with a relative word ("which", "qui"): an aside about
// something named before.
func (x *docState) inRelativeClause(s text.Sentence, i int) bool {
	for _, g := range x.segments(s) {
		if i >= g[0] && i < g[1] {
			return x.grammarAt[g[0]] == "relative"
		}
	}
	return false
}

// clauseSubject reports whether the actor at token i opens a clause after
// a clause word ("as Moscow pressed", "tandis que Moscou a promis").
func (x *docState) clauseSubject(i int) bool {
	return x.grammarKindBefore(x.beforeArticles(i)+1) == "clause"
}

// inAnchorClause reports whether token i lies in the clause of an offset
// date that holds no trigger of its own ("Less than 24 hours after
// Ukrainian troops drove Russian units out of the city, rockets …"): that
// clause tells the other event.
func (x *docState) inAnchorClause(s text.Sentence, i int) bool {
	for _, d := range x.sents[x.doc.SentenceOf(i)].dates {
		if d.Kind != when.Offset || i < d.First {
			continue
		}
		for _, g := range x.segments(s) {
			if d.First >= g[0] && d.First < g[1] {
				return i < g[1] && !x.hasTrigger(g[0], g[1])
			}
		}
	}
	return false
}

// sourceSide is the doer of a strike or an interception that names none,
// when a government or military source of one country reports it: "Russia's
// Defence Ministry said six Tu-22M3 bombers struck…", "Ukraine's air force
// said 43 missiles had been shot down". States report their own strikes
// and interceptions; the source's country is the one that acted.
func (x *docState) sourceSide(s text.Sentence, f *frame) *actorMention {
	own := f.actor1 != nil && f.actor1.possessive // "said its forces had taken"
	if f.family != "strike" && f.family != "intercept" && f.family != "hit" && !own {
		return nil
	}
	for _, src := range x.sents[f.sent].sources {
		if (src.Kind != "government" && src.Kind != "military") || src.Country == "" {
			continue
		}
		if f.actor2 != nil && f.actor2.country == src.Country {
			return nil
		}
		// A government reporting a strike on its own soil is the victim's:
		// "Ukrainian officials said" of a strike in Kramatorsk.
		if f.family != "intercept" && !own && x.frameCountry(f) == src.Country {
			return nil
		}
		for _, sp := range within(x.sourceSpans, spanFirst, s.First, s.Last) {
			{
				name := src.Country
				if c, ok := x.lex.Countries[src.Country]; ok {
					name = c.Name
				}
				return &actorMention{first: sp[0], last: sp[1], id: src.Country + ".MIL", kind: "state_military",
					country: src.Country, name: roleName("MIL", name), sent: f.sent, reporter: true}
			}
		}
	}
	return nil
}

// resolveSpeaker turns "nous"/"we" in a quote into the quoted source's
// side: an anonymous source's affiliation, or the actor that speaks.
func (x *docState) resolveSpeaker(a *actorMention) bool {
	for si := a.sent; si >= 0 && si >= a.sent-2; si-- {
		for _, src := range x.sents[si].sources {
			if src.Affiliation != "" {
				for _, o := range x.actors {
					if o.id == src.Affiliation {
						a.id, a.kind, a.country, a.name = o.id, o.kind, o.country, o.name
						a.ref = ""
						return true
					}
				}
			}
		}
	}
	return false
}

// actorRole decides whether a is the frame's actor1 (1) or actor2 (2), and
// whether a grammatical cue said so (strong) or only its position did.
func (x *docState) actorRole(a *actorMention, f *frame) (int, bool) {
	if x.accuser(a) {
		return 0, false // the accuser: "Zelensky accused Russia of…", "Russia also accused"
	}
	if a.role != "" && x.weaponTok[a.first] != 0 && a.first > f.trig.First {
		return 0, false // "pilonné … à l'artillerie lourde": the weapon, not a party
	}
	if a.first < f.trig.Last && f.trig.First < a.last && a.kind != "civilians" {
		return 1, true // the trigger names its doer: "un kamikaze", "les ravisseurs", "a suicide bomber"
	}
	if a.kind == "civilians" {
		if f.family == "intercept" {
			return 0, false // "un civil a été légèrement blessé": no side of an interception
		}
		if group(f.family) == "demonstration" && !x.targeted(a) && !x.passive(x.nextTrigger(a.last, f.trig.First)) {
			return 1, false // protesters and rioters are the ones acting
		}
		return 2, false // "opened fire on protesters"
	}
	// Look at the words right before the actor, past an article.
	j := x.beforeArticles(a.first)
	// "combats entre l'armée et les rebelles", "clashes between government
	// troops and jihadists": the first side, then the second.
	if j >= 0 && (f.family == "clash" || f.family == "kill") {
		switch x.joinEnd[j] {
		case "between":
			return 1, true
		case "and":
			for _, o := range within(x.actors, actorFirst, j-16, j) {
				if o.last != j {
					continue
				}
				if p := x.beforeArticles(o.first); p >= 0 && x.joinEnd[p] == "between" {
					return 2, true
				}
			}
		}
	}
	if j >= 0 {
		k, kFirst := x.grammarBefore(j)
		if c := x.cueBefore(a.first); k == "genitive" && c != "genitive" && c != "" && (c != "agent" || kFirst-f.trig.Last <= 3) {
			// A partitive after a preposition: "enlevés par des hommes
			// armés"; an agent far from the trigger is another verb's
			// ("tenue depuis un an par des insurgés").
			k = c
		}
		switch k {
		case "subset":
			if a.kind != "civilians" {
				return 0, false // "14 morts, dont un VDP": one of the dead, not a side
			}
		case "blame":
			return 1, true // "accused Russia of targeting civilians"
		case "from":
			if f.family == "capture" {
				return 2, true // "recaptured the villages from the group"
			}
			return 0, false // "missiles from Russia": where they came from
		case "support", "ledby":
			// "soutenues par Washington", "la coalition emmenée par les
			// États-Unis": a backer or a leader, not a party.
			return 0, false
		case "target":
			// "contre Daech", "on ISIS positions"; in an arrest or a
			// delivery such a word belongs to another, nested event.
			g := group(f.family)
			return 2, g == "violence" || g == "clash" || g == "intercept"
		case "agent":
			if group(f.family) == "demonstration" && kFirst-f.trig.Last > 3 && x.participle(kFirst-1) {
				// "ont marché … pour réclamer la levée du blocus imposé
				// par les jihadistes": another verb's agent.
				return 0, false
			}
			if f.family == "intercept" && x.weaponBetween(f.trig.First, kFirst) {
				// "intercepté neuf drones lancés par les Houthis": who
				// launched what was shot down.
				return 2, true
			}
			return 1, true
		case "genitive":
			// "tirs de mortiers de Daech", "frappes de l'aviation russe": the
			// genitive of a trigger or weapon noun names who fired; that of a
			// target ("dépôts d'armes de Daech") names whose it was.
			h := kFirst - 1
			if h >= 0 && (x.weaponTok[h] != 0 || x.triggerTok[h]) && !x.targetTok[h] {
				switch group(f.family) {
				case "violence", "clash", "intercept":
					return 1, true
				}
				// "la prise de Raqqa", "forcer l'entrée de l'ambassade":
				// what was taken or stormed.
				return 2, true
			}
			if h >= 0 && x.targetTok[h] {
				return 2, true
			}
		}
		// An adjective after a trigger or weapon noun: "frappes russes",
		// "bombardiers russes", "sous-marin russe", "une attaque
		// jihadiste".
		if j == a.first-1 && (x.usedWeapon(j) || x.triggerTok[j]) && (a.bareCountry() || a.trait != "" && x.triggerTok[j]) && !x.doc.Tokens[a.first].Cap {
			if x.cueBefore(x.phraseStart(j)) == "support" {
				return 0, false // "appuyés par des frappes aériennes russes": a backer
			}
			if f.family == "intercept" && x.weaponTok[j] != 0 {
				return 2, true // "ont abattu 30 drones russes": whose drones were downed
			}
			return 1, true
		}
	}
	// A demonym or a group right before a weapon or trigger noun:
	// "Russian jets", "Russian airstrikes", "IS counterattacks" (not in a
	// delivery, whose subject receives: "les FDS ont reçu").
	if (a.bareCountry() || isGroup(a.id) && f.family != "supply") && a.last < len(x.doc.Tokens) && (x.usedWeapon(a.last) || x.triggerTok[a.last]) {
		if f.family == "intercept" && x.weaponTok[a.last] != 0 {
			return 2, true // "shot down 30 Russian drones"
		}
		return 1, true
	}
	if a.first < f.trig.First {
		if x.passive(x.nextTrigger(a.last, f.trig.First)) && !a.reporter {
			return 2, false // "12 combattants ont été tués", "the station was hit"
		}
		return 1, false
	}
	return 2, false
}

// phraseStart is the first token of the trigger or weapon phrase that
// holds token j ("frappes aériennes" for "aériennes").
func (x *docState) phraseStart(j int) int {
	for _, m := range x.matchesIn(lexicon.Trigger, j-6, j+1) {
		if m.First <= j && j < m.Last {
			return m.First
		}
	}
	if w := x.weaponTok[j]; w != 0 {
		return x.weapons[w-1].first
	}
	return j
}

// grammarBefore returns the grammar word that ends at token j, and its first token.
func (x *docState) grammarBefore(j int) (string, int) {
	// The longest word wins: "attribuent l'attaque à" (blame) over its
	// last word "à" (locative).
	for start := max(j-5, 0); start <= j; start++ {
		if k, ok := x.grammarAt[start]; ok && x.grammarEnd[start] == j+1 {
			return k, start
		}
	}
	return "", -1
}

func isArticle(n string) bool {
	switch n {
	case "le", "la", "les", "l'", "un", "une", "the", "a", "an", "ses", "leurs", "its", "their", "ces", "this", "these", "those":
		return true
	}
	return false
}

func isGroup(id string) bool { return len(id) > 6 && id[:6] == "group:" }

// assignFatalities binds a death toll to frames with a kill trigger: the
// count of people nearest to the killing word.
func (x *docState) assignFatalities(s text.Sentence, fs []*frame) {
	for _, f := range fs {
		var kills []lexicon.Match
		for _, m := range x.matchesIn(lexicon.Trigger, s.First, s.Last) {
			if x.lex.Triggers[m.Index].Family == "kill" {
				kills = append(kills, m)
			}
		}
		if !f.families["kill"] {
			// "les combats ont fait vingt morts", "leaving 12 dead": a
			// count of the dead in a battle's or a strike's sentence.
			if g := group(f.family); g != "violence" && g != "clash" {
				continue
			}
			kills = kills[:0]
			for _, m := range x.matchesIn(lexicon.Grammar, s.First, s.Last) {
				if x.lex.Grammar[m.Index].Kind == "dead" {
					kills = append(kills, m)
				}
			}
			if !x.deadCounted(kills) {
				continue
			}
		}
		best, bestD := -1, 1<<30
		lo := sortSearchNumbers(x.numbers, s.First)
		for ni := lo; ni < len(x.numbers) && x.numbers[ni].first < s.Last; ni++ {
			n := x.numbers[ni]
			if n.last > s.Last {
				continue
			}
			if !x.countsPeople(n) || x.notDead(n) {
				continue
			}
			for _, k := range kills {
				d := k.First - n.last
				if d < 0 {
					d = n.first - k.Last
				}
				if d < bestD {
					best, bestD = ni, d
				}
			}
		}
		if best < 0 {
			continue
		}
		n := x.numbers[best]
		fat := &event.Fatalities{Best: n.value, Text: x.span(n.first, n.last+x.personLen(n))}
		if n.min > 0 {
			v := n.min
			fat.Min = &v
		}
		if n.max > 0 {
			v := n.max
			fat.Max = &v
		}
		f.fatal = fat
	}
}

// countsPeople reports whether a number counts people: it is followed by a
// person noun ("12 civils", "de nombreux combattants") or stands right
// after a killing word ("killing 12").
// notDead reports whether a count of people is no death toll: the
// wounded ("300 blessés"), part of a toll already given ("dont 20
// enfants", "among them four Americans"), or a witness or source ("a
// raconté à l'AFP un habitant").
func (x *docState) notDead(n numberMention) bool {
	end := n.last + x.personLen(n)
	for j := end; j < end+3 && j < len(x.doc.Tokens); j++ {
		if x.grammarAt[j] == "hurt" {
			return true
		}
		if x.doc.Tokens[j].Kind != text.Word || x.grammarAt[j] == "clause" {
			break // "killed two children and wounded their mother": the wounded are others
		}
	}
	if k, _ := x.grammarBefore(x.beforeArticles(n.first)); k == "subset" {
		return true
	}
	return x.inSource(n.first, end)
}

func (x *docState) countsPeople(n numberMention) bool {
	return x.personLen(n) > 0 || (n.first > 0 && x.killWordAt(n.first-1))
}

// killWordAt reports whether token i is part of a killing word: "tuant
// trois", "killing 12" count people; "a frappé une fête" does not.
func (x *docState) killWordAt(i int) bool {
	for _, m := range x.matchesIn(lexicon.Trigger, i-4, i+1) {
		if m.First <= i && i < m.Last && x.lex.Triggers[m.Index].Family == "kill" {
			return true
		}
	}
	return false
}

func (x *docState) personLen(n numberMention) int {
	for j := n.last; j < n.last+3 && j < len(x.doc.Tokens); j++ {
		if k, ok := x.grammarAt[j]; ok && (k == "person" || k == "dead") {
			return x.grammarEnd[j] - n.last
		}
		if x.doc.Tokens[j].Kind != text.Word || x.triggerTok[j] {
			return 0 // "une attaque jihadiste" counts an attack, not jihadists
		}
	}
	return 0
}

// anaphoric reports whether the trigger at token i is introduced by a
// demonstrative or a definite article that takes up an event already told
// ("the strikes", "ces frappes", "cette attaque").
func (x *docState) anaphoric(i int) bool {
	if i == 0 {
		return false
	}
	switch x.doc.Tokens[i-1].Norm {
	case "the", "these", "this", "those", "ces", "cette", "ce", "cet":
		return true
	}
	// "a revendiqué l'attaque", "claimed the bombing", "L'attaque a été
	// revendiquée par le GSIM": a claim takes up an event told before.
	return x.claimAt(lexicon.Match{First: i, Last: x.nextNonTrigger(i)})
}

// claimAt reports whether a claim word stands right before the trigger m
// ("claimed the bombing") or right after it ("L'attaque a été revendiquée").
func (x *docState) claimAt(m lexicon.Match) bool {
	if x.cueBefore(m.First) == "claim" || x.grammarKindBefore(m.First) == "claim" {
		return true // "a revendiqué l'attaque", "claimed the bombing"
	}
	for j := m.Last; j < m.Last+3 && j < len(x.doc.Tokens); j++ {
		if x.grammarAt[j] == "claim" {
			return true
		}
	}
	return false
}

// nextNonTrigger is the first token at or after i that is no trigger's.
func (x *docState) nextNonTrigger(i int) int {
	for i < len(x.doc.Tokens) && x.triggerTok[i] {
		i++
	}
	return i
}

// grammarKindBefore is the kind of the grammar word right before token i
// (no articles skipped): "autre" in "une autre attaque".
func (x *docState) grammarKindBefore(i int) string {
	k, _ := x.grammarBefore(i - 1)
	return k
}

// definite reports whether a definite article stands right before token i.
func (x *docState) definite(i int) bool {
	if i == 0 {
		return false
	}
	switch x.doc.Tokens[i-1].Norm {
	case "le", "la", "l'", "les", "the":
		return true
	}
	return false
}

// reresolve resolves a back-reference again, skipping the group except;
// it returns nil for a mention that is no back-reference or finds none.
func (x *docState) reresolve(a *actorMention, except string) *actorMention {
	if a.trait == "" {
		return nil
	}
	n := 0
	for n < len(x.actors) && x.actors[n].first < a.first {
		n++
	}
	g := x.lastGroup(a.trait, n, except)
	if g == nil {
		return nil
	}
	c := *a
	c.id, c.kind, c.country, c.name = g.id, g.kind, g.country, g.name
	return &c
}

// datelineLimit is how far into an article a dateline may run ("BAGHUZ,
// Syria, March 23, 2019 -").
const datelineLimit = 16

// findDateline returns the token index just past the article's dateline
// — the words before the first spaced dash near the start, when a date
// or a capitalised word opens the text — or 0 when there is none.
func (x *docState) findDateline() int {
	toks := x.doc.Tokens
	if len(x.doc.Sentences) == 0 || len(toks) == 0 || !toks[0].Cap {
		return 0
	}
	last := x.doc.Sentences[0].Last
	for i := 1; i < last && i < datelineLimit; i++ {
		switch toks[i].Norm {
		case "-", "–", "—":
			spaced := toks[i].Start > toks[i-1].End && i+1 < len(toks) && toks[i+1].Start > toks[i].End
			if spaced {
				return i + 1
			}
		}
	}
	return 0
}

// aimedAt reports whether the words before token i say it was aimed at
// ("targeting aircraft", "contre des avions"): then a weapon word names a
// target, not the weapon used.
func (x *docState) aimedAt(i int) bool {
	j := i - 1
	for j >= 0 && (isArticle(x.doc.Tokens[j].Norm) || x.isRoleWord(j)) {
		j-- // "struck a Russian landing ship": past articles and demonyms
	}
	if j < 0 {
		return false
	}
	if k, _ := x.grammarBefore(j); k == "target" && !x.triggerTok[j] {
		return true // not "a sauté sur une mine": the target word ends the trigger, the mine is what blew up
	}
	for _, m := range x.matchesIn(lexicon.Trigger, j-16, j+1) {
		if m.Last == j+1 && x.lex.Triggers[m.Index].Family == "hit" {
			// "hit by a Tochka-U": after an agent word it is the weapon.
			k, _ := x.grammarBefore(j)
			return k != "agent"
		}
	}
	return false
}

// statementClause reports whether date d stands in a clause of its own
// that opens a statement: "Mercredi, le ministère russe de la Défense a
// avancé une autre version : …" dates the statement, not the strike. The
// clause after the date holds a reporting verb and no trigger before it.
func (x *docState) statementClause(segs [][2]int, d when.Expr) bool {
	for k, g := range segs {
		if d.First < g[0] || d.First >= g[1] {
			continue
		}
		if k+1 >= len(segs) || x.hasTrigger(g[0], g[1]) {
			return false
		}
		next := segs[k+1]
		for _, m := range x.matchesIn(lexicon.Attribution, next[0], next[1]) {
			if k := x.lex.Cues[m.Index].Kind; k == "verb" || k == "gloss" || k == "denial" {
				return !x.hasTrigger(next[0], m.First)
			}
		}
		return false
	}
	return false
}

// hasTrigger reports whether a trigger word lies in tokens [first, last).
func (x *docState) hasTrigger(first, last int) bool { return x.nextTrigger(first, last) < last }

// afterReportingVerb reports whether the date at token i follows a
// reporting verb with at most one word between ("a annoncé mercredi",
// "said on Friday", "a reconnu lundi").
func (x *docState) afterReportingVerb(i int) bool {
	for _, m := range x.matchesIn(lexicon.Attribution, i-16, i+1) {
		k := x.lex.Cues[m.Index].Kind
		if (k == "verb" || k == "gloss" || k == "denial") && m.Last <= i && i-m.Last <= 1 &&
			(m.Last == i || x.doc.Tokens[m.Last].Kind != text.Punct) && x.doc.SentenceOf(m.First) == x.doc.SentenceOf(i) {
			return true
		}
	}
	return false
}

// passive reports whether a passive auxiliary stands right before the
// trigger at token i, with at most one word between ("ont été tués", "was
// hit", "were reportedly killed").
func (x *docState) passive(i int) bool {
	// The trigger may itself open with the auxiliary: "avait été reprise".
	for j := i; j >= 0 && j >= i-2; j-- {
		if k, ok := x.grammarAt[j]; ok && k == "passive" {
			return true
		}
	}
	return false
}

// anaphoricSubject reports whether the clause before the trigger opens
// with a demonstrative and a weapon or actor word: "Ces appareils …
// auraient détruit", "These aircraft struck".
func (x *docState) anaphoricSubject(first, trig int) bool {
	for i := first; i < trig && i < first+3; i++ {
		switch x.doc.Tokens[i].Norm {
		case "ces", "cet", "cette", "these", "those", "this", "the":
			return i+1 < trig && x.weaponTok[i+1] != 0 // "The missile, which …, damaged"
		}
	}
	return false
}

// frameCountry is the alpha-3 code of the country where the frame's event
// took place: its own place, else the article's place before it.
func (x *docState) frameCountry(f *frame) string {
	if p := bestPlace(f.places); p != nil {
		return x.alpha3(p.Place.Country)
	}
	if len(f.evidence) > 0 {
		if p := x.contextPlace(f.evidence[0].Start, nil); p != nil {
			return x.alpha3(p.Place.Country)
		}
	}
	return ""
}

// irrealisBefore reports whether a threat, plan or condition stands in
// the clause before the trigger at token trig, within four tokens ("menace
// de frapper", "plans to strike", "could hit").
func (x *docState) irrealisBefore(first, trig int) bool {
	for j := max(first, trig-4); j < trig; j++ {
		if k, ok := x.grammarAt[j]; ok && k == "irrealis" {
			return true
		}
	}
	return false
}

// deadCounted reports whether one of the death words is counted: a number
// right before it ("vingt morts", "12 dead").
func (x *docState) deadCounted(dead []lexicon.Match) bool {
	for _, d := range dead {
		for _, n := range within(x.numbers, numberFirst, d.First-16, d.First) {
			if n.last <= d.First && d.First-n.last <= 1 {
				return true
			}
		}
	}
	return false
}

// blamed reports whether an accusation word stands right before the actor
// ("blamed Syrian government jets", "accuse la Russie").
func (x *docState) blamed(a *actorMention) bool { return x.cueBefore(a.first) == "blame" }

// nextTrigger is the first trigger token at or after token i and before
// limit+1, else limit: the verb the actor at i is the subject of ("deux
// soldats … avaient été tués lorsque …").
func (x *docState) nextTrigger(i, limit int) int {
	for j := i; j < limit; j++ {
		if x.triggerTok[j] {
			return j
		}
	}
	return limit
}

// basedAt reports whether a place follows "basés à" / "based at": where
// forces are based is not where they struck.
func (x *docState) basedAt(p Place) bool {
	j := x.tokenAt(p.Start) - 1
	k, _ := x.grammarBefore(j)
	return k == "base"
}

// targeted reports whether a target word ("contre", "on") stands right
// before the actor, past an article.
func (x *docState) targeted(a *actorMention) bool { return x.cueBefore(a.first) == "target" }

// deniedAt reports whether a denial of the sentence stands before token i,
// or in the same clause ("Kiev a démenti : «Les combats se poursuivent»"
// puts the denial first; "… ont nié toute implication" after the verb of
// the same clause).
func (x *docState) deniedAt(info sentInfo, i int) bool {
	for _, d := range info.denials {
		if d < i {
			return true
		}
	}
	s := x.doc.Sentences[x.doc.SentenceOf(i)]
	for _, g := range x.segments(s) {
		if i >= g[0] && i < g[1] {
			for _, d := range info.denials {
				if d >= g[0] && d < g[1] {
					return true
				}
			}
		}
	}
	return false
}

// deniedAfter reports whether a denial follows frame f in a later clause
// of its sentence that a conjunction opens: "…, but Kyiv said no such
// strike had taken place", "…, mais l'armée a démenti".
func (x *docState) deniedAfter(info sentInfo, f *frame) bool {
	for _, d := range info.denials {
		if d <= f.trig.Last || !x.denialOfWhatCame(d) {
			continue
		}
		for i := f.trig.Last; i < d; i++ {
			if x.grammarAt[i] == "clause" && i > 0 && x.doc.Tokens[i-1].Norm == "," {
				return true
			}
		}
	}
	return false
}

// denialOfWhatCame reports whether the denial starting at token d denies
// what was told before it rather than what follows: "denied it", "rejected
// the claim", "a démenti toute arrestation", "a démenti, assurant …", "no
// such strike". In "denied Turkish claims that villages had fallen" the
// denied news follows.
func (x *docState) denialOfWhatCame(d int) bool {
	end := x.denialEnd(d)
	if end >= len(x.doc.Tokens) {
		return true
	}
	return x.doc.Tokens[end].Kind == text.Punct || x.grammarAt[end] == "anaphor" || x.triggerTok[end]
}

// deniedNext reports whether the sentence after si opens by denying what
// was told before ("Ukraine's General Staff rejected the claim", "A
// military spokesman dismissed the claim as 'pure fiction'", "L'armée a
// démenti, assurant …"): a denial of what came, in its first clause,
// before any event word.
func (x *docState) deniedNext(si int) bool {
	if si+1 >= len(x.sents) {
		return false
	}
	next := x.sents[si+1]
	s := x.doc.Sentences[si+1]
	for _, d := range next.denials {
		if !x.denialOfWhatCame(d) {
			continue
		}
		for i := s.First; i < d; i++ {
			if x.triggerTok[i] || x.doc.Tokens[i].Kind == text.Punct && x.doc.Tokens[i].Norm != "'" && x.doc.Tokens[i].Norm != "-" {
				return false
			}
		}
		return true
	}
	return false
}

// denialEnd is the token after the denial cue that starts at token d.
func (x *docState) denialEnd(d int) int {
	end := d + 1
	for _, m := range x.matchesIn(lexicon.Attribution, d, d+1) {
		if m.First == d {
			end = max(end, m.Last)
		}
	}
	return end
}

// namesDenied reports whether frame f's trigger is the event a denial
// right before it names: "Kyiv said no such strike had taken place".
func (x *docState) namesDenied(info sentInfo, f *frame) bool {
	for _, d := range info.denials {
		end := x.denialEnd(d)
		if x.grammarAt[end] == "anaphor" {
			end = x.grammarEnd[end] // "a démenti toute arrestation"
		}
		if end == f.trig.First {
			return true
		}
	}
	return false
}

// irrealisAfter reports whether an irrealis word follows the trigger
// that ends at token end, within two tokens and its clause: "un accord
// pourrait être signé".
func (x *docState) irrealisAfter(end, segEnd int) bool {
	for j := end; j < end+2 && j < segEnd; j++ {
		if x.grammarAt[j] == "irrealis" {
			return true
		}
	}
	return false
}

// attemptBefore reports whether an attempt word ("ont tenté de", "tried
// to") stands right before the trigger at token trig, within its clause.
func (x *docState) attemptBefore(first, trig int) bool {
	for j := max(first, trig-3); j < trig; j++ {
		if x.grammarAt[j] == "attempt" {
			return true
		}
	}
	return false
}

// habitual reports whether sentence s holds a habit word ("typically",
// "généralement") outside quotes.
func (x *docState) habitual(s text.Sentence) bool {
	for _, m := range x.matchesIn(lexicon.Grammar, s.First, s.Last) {
		if x.lex.Grammar[m.Index].Kind == "habit" && x.doc.QuoteAt(x.doc.Tokens[m.First].Start) < 0 {
			return true
		}
	}
	return false
}

// afterArticles is the index of the first token at or after token i that
// is not an article.
func (x *docState) afterArticles(i int) int {
	for i < len(x.doc.Tokens) && isArticle(x.doc.Tokens[i].Norm) {
		i++
	}
	return i
}

// beforeArticles is the index of the last token before token i that is
// not an article (-1 at the start of the text).
func (x *docState) beforeArticles(i int) int {
	j := i - 1
	for j >= 0 && isArticle(x.doc.Tokens[j].Norm) && !(x.doc.Lang == "fr" && x.doc.Tokens[j].Norm == "a") {
		j-- // French "à" folds to the English article "a"; it is no article
	}
	return j
}

// cueBefore is the kind of the grammar word that ends right before token
// i, past articles ("contre les FDS" → "target"), or "".
func (x *docState) cueBefore(i int) string {
	k, first := x.grammarBefore(x.beforeArticles(i))
	if k == "genitive" {
		// A partitive after a preposition: "attribue le raid à des
		// avions", "appuyés par des frappes", "tués par des hommes armés",
		// "contre des positions".
		switch b, _ := x.grammarBefore(first - 1); b {
		case "blame", "support", "agent", "target", "ledby":
			return b
		}
	}
	return k
}

// inSource reports whether tokens [first, last) overlap a source that
// attribution used ("le ministère russe de la Défense" is no target).
func (x *docState) inSource(first, last int) bool {
	for _, sp := range within(x.sourceSpans, spanFirst, first-40, last) {
		if sp[0] < last && first < sp[1] {
			return true
		}
	}
	return false
}

// civilian reports whether a civil word qualifies the weapon word — before
// it in English ("a commercial ship"), after it in French ("un navire
// marchand"): then it is a target.
func (x *docState) civilian(w weaponMention) bool {
	if k, _ := x.grammarBefore(w.first - 1); k == "civil" {
		return true
	}
	if k, ok := x.grammarAt[w.last]; ok && k == "civil" {
		return true
	}
	return false
}

// background reports whether a date is a starting point long past ("since
// 2015", "since the February 1 coup" a month before: anything over two
// weeks): the start of a state of things, not an event's day. A recent
// one ("detained since last week") dates the event.
func (x *docState) background(d when.Expr) bool {
	if !d.Since {
		return false
	}
	r := d.Resolve(x.in.Published)
	if r.Value == "" || x.in.Published.IsZero() {
		return true
	}
	t, err := time.Parse("2006-01-02", r.Value)
	return err != nil || x.in.Published.Sub(t) > 14*24*time.Hour
}

// sinceIn reports whether a starting-point date ("since December",
// "depuis 2015") stands in the clause seg.
func (x *docState) sinceIn(ds []when.Expr, seg [2]int) bool {
	for _, d := range ds {
		if x.background(d) && d.First >= seg[0] && d.First < seg[1] {
			return true
		}
	}
	return false
}

// weaponBetween reports whether a weapon is named in tokens [a, b).
func (x *docState) weaponBetween(a, b int) bool {
	return a < b && len(within(x.weapons, weaponFirst, a, b)) > 0
}

// weaponInClause reports whether a weapon is named in the clause seg.
func (x *docState) weaponInClause(seg [2]int) bool {
	return x.weaponBetween(seg[0], seg[1])
}

// airWeaponAfter reports whether drones or missiles are named within a few
// tokens after token i, past numbers, articles and grammar words ("14 of
// 17 Shahed-type drones").
func (x *docState) airWeaponAfter(i int) bool {
	for end := i + 7; i < len(x.doc.Tokens) && i < end; i++ {
		if w := x.weaponTok[i]; w != 0 {
			c := x.weapons[w-1].class
			return c == "drone" || isMissile(c)
		}
		t := x.doc.Tokens[i]
		if t.Kind == text.Punct {
			return false
		}
	}
	return false
}

// interceptEntry is the lexicon's entry for an interception, as the
// triggers file gives it.
func (x *docState) interceptEntry() (lexicon.TriggerEntry, bool) {
	for _, e := range x.lex.Triggers {
		if e.Family == "intercept" {
			return e, true
		}
	}
	return lexicon.TriggerEntry{}, false
}

// weaponListEnd is the end of the list of weapons that starts at token
// i: weapons, articles, numbers and grammar words ("two rifles and
// grenades"), up to punctuation or another word.
func (x *docState) weaponListEnd(i int) int {
	for ; i < len(x.doc.Tokens); i++ {
		t := x.doc.Tokens[i]
		if x.weaponTok[i] == 0 && (t.Kind == text.Punct || !isArticle(t.Norm) && t.Kind != text.Number && !x.isGrammar(i)) {
			break
		}
	}
	return i
}

// weaponAfter reports whether a weapon is named at token i, past articles
// and numbers: the object of the verb before it.
func (x *docState) weaponAfter(i int) bool {
	for end := i + 4; i < len(x.doc.Tokens) && i < end; i++ {
		if x.weaponTok[i] != 0 {
			return true
		}
		t := x.doc.Tokens[i]
		if t.Kind == text.Punct || !isArticle(t.Norm) && t.Kind != text.Number && !x.isGrammar(i) {
			return false
		}
	}
	return false
}

// insideActorName reports whether a trigger lies inside a longer actor
// name: "Liberation" in "National Liberation Army".
func (x *docState) insideActorName(m lexicon.Match) bool {
	for _, a := range x.matchesIn(lexicon.Actor, m.First-6, m.First+1) {
		if a.First <= m.First && m.Last <= a.Last && a.Last-a.First > m.Last-m.First {
			return true
		}
	}
	return false
}

// insideModel reports whether a trigger match lies inside a named weapon
// model ("Storm" of "Storm Shadow") or past the first word of a weapon
// phrase ("combat" of "avions de combat"): a name, not an event word.
func (x *docState) insideModel(m lexicon.Match) bool {
	w := x.weaponTok[m.First]
	if w == 0 {
		return false
	}
	wm := x.weapons[w-1]
	if m.First > wm.first && m.Last <= wm.last {
		return true // "avions de combat": a word of the weapon's name
	}
	return wm.model != "" && m.First >= wm.first && m.Last <= wm.last
}

// usedWeapon reports whether token i is part of a weapon that was used,
// not one aimed at ("struck a Russian landing ship") or a civilian craft.
func (x *docState) usedWeapon(i int) bool {
	w := x.weaponTok[i]
	if w == 0 {
		return false
	}
	wm := x.weapons[w-1]
	return !x.aimedAt(wm.first) && !x.civilian(wm)
}

// accuser reports whether a blame verb follows actor a, past "also" and
// auxiliaries: "Zelensky accused", "Russia also accused", "a accusé".
func (x *docState) accuser(a *actorMention) bool {
	for i := a.last; i < len(x.doc.Tokens) && i <= a.last+2; i++ {
		switch x.grammarAt[i] {
		case "blame":
			return true
		case "also", "aux":
			continue
		}
		return false
	}
	return false
}

// participle reports whether token i looks like a past participle ("imposé",
// "imposed"): an agent right after one is that verb's.
func (x *docState) participle(i int) bool {
	if i < 0 || x.triggerTok[i] {
		return false
	}
	n := x.doc.Tokens[i].Norm // folded: "imposé" reads "impose"
	switch x.doc.Lang {
	case "fr":
		t := x.span(i, i+1)
		return strings.HasSuffix(t, "é") || strings.HasSuffix(t, "ée") || strings.HasSuffix(t, "és") || strings.HasSuffix(t, "ées")
	case "en":
		return strings.HasSuffix(n, "ed")
	}
	return false
}

// targetOfTrigger reports whether the word at token i is the object of
// another event word or of a target word right before it, past articles:
// "visant un rassemblement", "struck a gathering".
func (x *docState) targetOfTrigger(i int) bool {
	j := x.beforeArticles(i)
	if j < 0 {
		return false
	}
	if x.triggerTok[j] {
		return true
	}
	k, _ := x.grammarBefore(j)
	return k == "target"
}

// yearOf returns a year that names trigger m's own time: right before it
// ("a 2018 peace deal", "the 2013-2018 civil war", the later year of a
// range) or after "de"/"of" right after it ("l'accord de paix de 2015"),
// else 0.
func (x *docState) yearOf(m lexicon.Match) int {
	toks := x.doc.Tokens
	year := func(i int) int {
		if i < 0 || i >= len(toks) || toks[i].Kind != text.Number {
			return 0 // a year in figures, not a decade
		}
		y, _ := when.YearAt(toks, i, len(toks))
		return y
	}
	if y := year(m.First - 1); y > 0 {
		return y
	}
	// "de paix de 2015": past the trigger's own complement, two words.
	for j := m.Last; j < m.Last+3 && j+1 < len(toks); j++ {
		if n := toks[j].Norm; n == "de" || n == "of" {
			if y := year(j + 1); y > 0 {
				return y
			}
		}
	}
	return 0
}

// inProperName reports whether trigger m is a capitalised word inside a
// run of capitalised words mid-sentence: part of a name no lexicon lists.
func (x *docState) inProperName(m lexicon.Match) bool {
	toks := x.doc.Tokens
	for i := m.First; i < m.Last; i++ {
		if toks[i].Kind != text.Word || !toks[i].Cap || toks[i].Upper {
			return false
		}
	}
	if s := x.doc.Sentences[x.sentenceOf(m.First)]; m.First == s.First || m.First < x.datelineEnd+1 {
		return false
	}
	capWord := func(i int) bool {
		return i >= 0 && i < len(toks) && toks[i].Kind == text.Word && toks[i].Cap
	}
	before := capWord(m.First-1) || m.First >= 3 && toks[m.First-1].Norm == "s" && toks[m.First-2].Norm == "'" && capWord(m.First-3)
	return before || capWord(m.Last)
}

// acrossOffset reports whether token i stands after an offset date ("a
// day after", "24 heures après") that frame f's trigger stands before: i
// belongs to the earlier event the offset names. It returns that event's
// frame, the first whose trigger follows the offset, or nil.
func (x *docState) acrossOffset(s text.Sentence, fs []*frame, f *frame, i int) (*frame, bool) {
	for _, d := range x.sents[x.doc.SentenceOf(i)].dates {
		if d.Kind != when.Offset || i < d.Last || f.trig.First >= d.First {
			continue
		}
		for _, g := range fs {
			if g.trig.First >= d.Last {
				return g, true
			}
		}
		return nil, true
	}
	return nil, false
}

// aggregated reports whether an aggregate word ("have stepped up", "ont
// multiplié") stands right before the event word at token i, past
// articles and possessives.
func (x *docState) aggregated(i int) bool {
	k, _ := x.grammarBefore(x.beforeArticles(i)) // past "les", "their", "leurs"
	return k == "aggregate"
}

// relativeBetween reports whether a relative clause opens between the
// trigger at token t and a date at token d after it, in d's segment: "Police
// fired tear gas to disperse the protesters, who were demanding … since a
// gunfight on Monday" dates the gunfight, not the dispersal.
func (x *docState) relativeBetween(t, d int) bool {
	if d <= t {
		return false
	}
	for i := t + 1; i < d; i++ {
		if x.grammarAt[i] == "relative" {
			return true
		}
	}
	return false
}
