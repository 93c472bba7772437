package extract

import (
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/geo"
	"github.com/sitrep/sitrep/internal/when"
)

// evt is a group of frames that tell of one event.
type evt struct {
	frames []*frame
	// anchors are frames that only name the event to date another by
	// ("quelques heures après l'attaque"): they date, they add nothing.
	anchors []*frame
}

// mergeWindow is how many sentences apart two frames may be and still be
// merged without a stronger link (a shared weapon model or place).
const mergeWindow = 2

// claimWindow is how many sentences back a claim ("a revendiqué
// l'attaque") looks for the attack it takes up.
const claimWindow = 5

// merge groups frames into events. A frame joins the event it is
// compatible with that has a frame in the same or one of the mergeWindow
// previous sentences, or shares a weapon model with it; among several,
// the one it shares most with (weapons, actors, place), the latest on a
// tie.
func (x *docState) merge() []*evt {
	var evs []*evt
	for _, f := range x.frames {
		var into *evt
		best := -1 << 30
		for i := len(evs) - 1; i >= 0; i-- {
			e := evs[i]
			last := e.frames[len(e.frames)-1]
			if f.fresh && f.sent != last.sent {
				continue // "une autre attaque": not one told before
			}
			// "L'attaque de Solhan": a definite noun with the place of an
			// event told before takes it up, however far back.
			near := f.sent-last.sent <= mergeWindow || sharesModel(e, f) || f.definite && sharesPlace(e, f) ||
				(f.claim || f.anaphoric) && f.sent-last.sent <= claimWindow // "Al-Shabaab claimed the bombing", "to protest against the abductions"
			if !near || x.apart(e, f) || !(x.compatible(e, f) || f.anaphoric && x.sameKind(e, f)) {
				continue
			}
			sc := affinity(e, f)

			if f.anaphoric && group(e.frames[0].family) == group(f.family) {
				sc += 3 // "the shelling" takes up a strike before a battle
			}
			if e.frames[len(e.frames)-1].sent == f.sent {
				sc += 4 // "a similar protest … met the demonstrators": one sentence, one event
			}
			if sc > best {
				into, best = e, sc
			}
		}
		switch {
		case into == nil && f.continuation:
			// a weapon named alone tells no event of its own
		case into == nil:
			evs = append(evs, &evt{frames: []*frame{f}})
		case f.offset != nil && f.anaphoric:
			into.anchors = append(into.anchors, f)
		default:
			into.frames = append(into.frames, f)
		}
	}
	return evs
}

// holds reports whether frame f is one of the event's frames or anchors.
func (e *evt) holds(f *frame) bool {
	for _, o := range e.frames {
		if o == f {
			return true
		}
	}
	for _, o := range e.anchors {
		if o == f {
			return true
		}
	}
	return false
}

// apart reports whether the sentence itself keeps the frame from the
// event: "quelques heures après l'attaque, une roquette a touché …" and
// "the strikes were retaliation for the blast" each tell two events.
func (x *docState) apart(e *evt, f *frame) bool {
	for _, o := range e.anchors {
		if o.sent == f.sent && f.offset == nil {
			return true
		}
	}
	for _, o := range e.frames {
		if o.sent != f.sent {
			continue
		}
		if (o.offset != nil) != (f.offset != nil) || x.answeredBetween(o.trig.First, f.trig.First) || x.deniedBetween(o.trig.First, f.trig.First) {
			return true
		}
	}
	return false
}

// deniedBetween reports whether a denial stands between tokens a and b
// of one sentence: what follows it is another, denied, claim.
func (x *docState) deniedBetween(a, b int) bool {
	if a > b {
		a, b = b, a
	}
	for _, d := range x.sents[x.doc.SentenceOf(a)].denials {
		if d > a && d < b {
			return true
		}
	}
	return false
}

// frameGroup is the group of a frame's family, where armed men who burn
// or storm ("Les assaillants ont mis le feu aux maisons") do violence, not
// riot, and seizing people is abducting them.
func frameGroup(f *frame) string {
	g := group(f.family)
	if g == "capture" && f.actor2 != nil && f.actor2.kind == "civilians" {
		return "abduct" // "seized 27 students": people taken, not ground
	}
	if g == "demonstration" && f.actor1 != nil && (f.actor1.kind == "non_state_armed_group" || isGroup(f.actor1.id) && f.actor1.kind != "civilians") {
		return "violence"
	}
	return g
}

// group is the coarse kind of a family: frames of different groups never merge.
func group(family string) string {
	switch family {
	case "hit", "strike", "kill", "destroy", "suicide", "chemical":
		return "violence"
	case "protest", "riot":
		return "demonstration"
	}
	return family
}

// armed reports whether a group of families is armed violence: strikes,
// fights and captures, which one sentence often tells together ("IS had
// retaken the town, using suicide car bombs").
func armed(g string) bool { return g == "violence" || g == "clash" || g == "capture" }

// sameKind is the weak test for an anaphoric frame ("the strikes", "ces
// frappes"): same group of families and no weapon platform in conflict.
func (x *docState) sameKind(e *evt, f *frame) bool {
	for _, o := range e.frames {
		og, fg := frameGroup(o), frameGroup(f)
		if og != fg && !(armed(og) && armed(fg)) || conflictPlatform(o, f) {
			return false
		}
	}
	return true
}

// killsIn reports whether a killing word may tell of an event of that
// group: violence, battles and riots kill; interceptions, arrests,
// deliveries and agreements do not.
func killsIn(g string) bool {
	switch g {
	case "violence", "clash", "demonstration", "abduct", "capture":
		return true
	}
	return false
}

func (x *docState) compatible(e *evt, f *frame) bool {
	g := frameGroup(f)
	ok := false
	for _, o := range e.frames {
		og := frameGroup(o)
		sameSentence := o.sent == f.sent && armed(g) && armed(og)
		// A bare "visé"/"hit" names no kind of its own: it takes up an
		// attack or a strike told near it.
		weak := f.family == "hit" && armed(og)
		// The same armed group attacking and burning: one raid.
		fight := func(g string) bool { return g == "violence" || g == "clash" }
		sameGroup := fight(g) && fight(og) && o.actor1 != nil && f.actor1 != nil && isGroup(o.actor1.id) && o.actor1.id == f.actor1.id
		// A capture told in a later sentence is not the toll's event: "Deux
		// civils ont été tués à Koupiansk … Le ministère a affirmé avoir
		// pris le contrôle de Kolisnykivka".
		killedThere := o.family == "kill" && killsIn(g) && (g != "capture" || o.sent == f.sent)
		if og == g || sameSentence || weak || sameGroup || (f.family == "kill" && killsIn(og)) || killedThere {
			ok = true
		}
	}
	if !ok {
		return false
	}
	for _, o := range e.frames {
		// Within one sentence, a doer found by position alone does not
		// keep two frames apart: clauses share their subject badly.
		weak := o.sent == f.sent && (!o.a1strong || !f.a1strong) || x.quotedEcho(f)
		// Protesters and the police who disperse them are both sides of
		// one demonstration.
		if !weak && g != "demonstration" && conflictActor(o.actor1, f.actor1) {
			return false
		}
		if ownStrike(o, f) || ownStrike(f, o) {
			return false
		}

		if conflictPlatform(o, f) || suicideVersusFire(o, f) || suicideVersusFire(f, o) {
			return false
		}
		if o.date != nil && f.date != nil {
			if !datesAgree(o.date.Resolve(x.in.Published), f.date.Resolve(x.in.Published)) {
				return false
			}
		}
		if conflictPlace(o.places, f.places) {
			return false
		}
	}
	return true
}

// suicideVersusFire reports whether a is a suicide attack and b names
// weapons fired from afar (mortars, rockets, artillery, missiles, aircraft):
// "a suicide bomber blew himself up … Overnight, mortar rounds fired by the
// militants landed near the airport" tells two attacks. ("The bomber"
// is the suicide bomber, not an aircraft.)
func suicideVersusFire(a, b *frame) bool {
	switch {
	case a.families["suicide"]:
		for _, w := range b.weapons {
			switch {
			case isMissile(w.class), w.class == "mortar", w.class == "artillery", platformOf(w) == "air" && w.class != "bomber_aircraft":
				return true
			}
		}
	case a.families["chemical"]:
		// "en représailles à l'attaque chimique … Trois missiles de
		// croisière ont été tirés depuis une frégate": the answer is
		// another attack (gas may fall from aircraft, not from a frigate).
		for _, w := range b.weapons {
			if w.class == "cruise_missile" || w.class == "ballistic_missile" || platformOf(w) == "sea" {
				return true
			}
		}
	}
	return false
}

// actorKey is who an actor is, as far as the text says: a group id, or a
// country and a role, either possibly unknown ("").
func actorKey(a *actorMention) (who, role string) {
	switch {
	case a == nil || a.ref != "":
		return "", ""
	case isGroup(a.id):
		return a.id, "group"
	case a.role != "":
		return "", a.role
	}
	if _, r, ok := strings.Cut(a.id, "."); ok {
		return a.country, r
	}
	return a.country, ""
}

// conflictActor reports whether two actors cannot be the same: different
// groups or countries, or different roles ("l'artillerie gouvernementale"
// and "les rebelles").
func conflictActor(a, b *actorMention) bool {
	if a != nil && a.reporter || b != nil && b.reporter {
		// A reporter may tell of another's act ("the SBU said …"), but
		// two reporters of two countries tell two acts: "Kyiv announced
		// that its forces had liberated Robotyne" after Moscow claimed it.
		return a != nil && b != nil && a.reporter && b.reporter && a.country != "" && b.country != "" && a.country != b.country
	}
	wa, ra := actorKey(a)
	wb, rb := actorKey(b)
	if wa != "" && wb != "" && wa != wb {
		return true
	}
	if ra == "REB" && rb == "group" || ra == "group" && rb == "REB" {
		return false // "a suicide bomber" may be the group's man
	}
	return ra != "" && rb != "" && ra != rb && !(ra == "GOV" && rb == "MIL" || ra == "MIL" && rb == "GOV")
}

func platforms(f *frame) map[string]bool {
	m := map[string]bool{}
	for _, w := range f.weapons {
		if p := platformOf(w); p != "" {
			m[p] = true
		}
	}
	return m
}

// platformOf says where a weapon is fired from, by its lexicon platform or
// its class.
func platformOf(w weaponMention) string {
	if w.platform != "" {
		return w.platform
	}
	switch w.class {
	case "bomber_aircraft", "fighter_aircraft", "helicopter", "drone":
		return "air"
	case "warship", "submarine":
		return "sea"
	}
	return ""
}

func conflictPlatform(a, b *frame) bool {
	pa, pb := platforms(a), platforms(b)
	if len(pa) == 0 || len(pb) == 0 {
		return false
	}
	for p := range pa {
		if pb[p] {
			return false
		}
	}
	return true
}

func conflictPlace(a, b []Place) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	for _, p := range a {
		for _, q := range b {
			if isWater(p.Place) || isWater(q.Place) || placesAgree(p, q) {
				return false
			}
		}
	}
	return true
}

// placesAgree: the same point within 100 km, or one is the region or
// country that holds the other.
func placesAgree(p, q Place) bool {
	if geo.Km(p.Place.Lat, p.Place.Lon, q.Place.Lat, q.Place.Lon) <= 100 {
		return true
	}
	if p.Place.Country != q.Place.Country {
		return false
	}
	if p.Place.Precision == 3 && (p.Place.Admin1 == "" || p.Place.Admin1 == q.Place.Admin1) {
		return true
	}
	return q.Place.Precision == 3 && (q.Place.Admin1 == "" || q.Place.Admin1 == p.Place.Admin1)
}

// sharesPlace reports whether the frame names a town or site (precision
// 1 or 2) within 25 km of one the event's frames name.
func sharesPlace(e *evt, f *frame) bool {
	for _, p := range f.places {
		if p.Place.Precision > 2 {
			continue
		}
		for _, o := range e.frames {
			for _, q := range o.places {
				if q.Place.Precision <= 2 && geo.Km(p.Place.Lat, p.Place.Lon, q.Place.Lat, q.Place.Lon) < 25 {
					return true
				}
			}
		}
	}
	return false
}

// sharesModel reports whether the frame names a weapon model (Kalibr,
// Tu-22M3) that one of the event's frames names too: the same strike told
// again, however far apart. Chemical weapons count as a model: an article rarely tells of two
// chemical attacks, and the denial comes paragraphs after the attack.
func sharesModel(e *evt, f *frame) bool {
	for _, w := range f.weapons {
		if w.model == "" && w.class != "chemical" {
			continue
		}
		for _, o := range e.frames {
			for _, v := range o.weapons {
				if v.model == w.model && v.class == w.class {
					return true
				}
			}
		}
	}
	return false
}

// affinity scores how much a frame shares with an event: weapon models and
// classes, actors and places in common, less the distance in sentences.
func affinity(e *evt, f *frame) int {
	sc := 0
	last := e.frames[len(e.frames)-1]
	sc -= 2 * (f.sent - last.sent)
	for _, o := range e.frames {
		for _, w := range f.weapons {
			for _, v := range o.weapons {
				switch {
				case w.model != "" && w.model == v.model:
					sc += 6
				case w.class == v.class:
					sc += 3
				case isMissile(w.class) && isMissile(v.class),
					platformOf(w) != "" && platformOf(w) == platformOf(v):
					sc += 2 // "The missiles were launched from the destroyers"
				}
			}
		}
		if f.actor1 != nil && o.actor1 != nil && f.actor1.id == o.actor1.id && f.actor1.id != "" {
			sc += 3
		}
		if f.actor2 != nil && o.actor2 != nil && f.actor2.id == o.actor2.id && f.actor2.id != "" {
			sc += 2
		}
		for _, p := range f.places {
			for _, q := range o.places {
				if !isWater(p.Place) && geo.Km(p.Place.Lat, p.Place.Lon, q.Place.Lat, q.Place.Lon) < 25 {
					sc += 2
				}
			}
		}
	}
	return sc
}

// datesAgree reports whether two dates may be the same day: equal days,
// or a coarser date ("fin mars", "last week") that holds the finer one.
func datesAgree(a, b when.Date) bool {
	if a.Value == "" || b.Value == "" {
		return true
	}
	if a.Precision == b.Precision {
		return a.Value == b.Value
	}
	if precisionRank(a.Precision) < precisionRank(b.Precision) {
		a, b = b, a // a is the coarser
	}
	switch a.Precision {
	case when.Year:
		return a.Value[:4] == b.Value[:4]
	case when.Month:
		return a.Value[:7] == b.Value[:7]
	case when.Week:
		ta, err1 := time.Parse("2006-01-02", a.Value)
		tb, err2 := time.Parse("2006-01-02", b.Value)
		return err1 == nil && err2 == nil && !tb.Before(ta) && tb.Sub(ta) < 7*24*time.Hour
	}
	return false
}

// precisionRank orders precisions from the finest (day, 0) to the coarsest.
func precisionRank(p string) int {
	switch p {
	case when.Day:
		return 0
	case when.Week:
		return 1
	case when.Month:
		return 2
	case when.Year:
		return 3
	}
	return 4
}

// ownStrike reports whether frame a is a strike an army reports as its
// own and frame b an armed group's act: "les assaillants … L'armée
// malienne a affirmé avoir neutralisé une vingtaine de terroristes lors de
// frappes" tells the raid and the answer to it.
func ownStrike(a, b *frame) bool {
	return a.family == "strike" && a.actor1 != nil && a.actor1.reporter && stateForce(a.actor1) && b.actor1 != nil && irregular(b.actor1)
}

// stateForce reports whether an actor is a state's army or police of a
// known country.
func stateForce(a *actorMention) bool {
	return a.country != "" && (a.kind == "state_military" || a.kind == "police")
}

// irregular reports whether an actor is an armed group, named or not.
func irregular(a *actorMention) bool {
	return a.role == "REB" || isGroup(a.id) && a.kind == "non_state_armed_group"
}

// quotedEcho reports whether frame f is told in a quotation with no place
// or date of its own ("«Our troops are fighting street by street», the
// spokesman said"): the speaker's words about the event told before, whose
// sides they name from where they stand.
func (x *docState) quotedEcho(f *frame) bool {
	return len(f.places) == 0 && f.date == nil && x.doc.QuoteAt(x.doc.Tokens[f.trig.First].Start) >= 0
}
