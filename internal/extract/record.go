package extract

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/internal/when"
)

// record builds the event record of a merged group, or reports false when
// the group says too little to be an event (a trigger word alone).
func (x *docState) record(e *evt) (event.Event, bool) {
	r := event.Event{Doc: x.in.DocID, Weapons: []event.Weapon{}, Targets: []string{}, Sources: []event.Source{}}
	head := e.frames[0]
	for _, f := range e.frames[1:] {
		if rank(f.family) > rank(head.family) {
			head = f
		}
	}
	// Evidence, sources, targets, weapons, fatalities: unions.
	var a1, a2 *actorMention
	a1strong, a2strong, a1blamed := false, false, false
	var places []Place
	hedged, reported, denied, asserted := false, false, false, false
	for _, f := range e.frames {
		for _, s := range f.evidence {
			if !hasSpan(r.Evidence, s) {
				r.Evidence = append(r.Evidence, s)
			}
		}
		for _, s := range f.sources {
			if !hasSource(r.Sources, s) {
				r.Sources = append(r.Sources, s)
			}
		}
		for _, t := range f.targets {
			r.Targets = appendUniq(r.Targets, t)
		}
		for _, w := range f.weapons {
			r.Weapons = addWeapon(r.Weapons, w, x.span(w.first, w.last))
		}
		if f.fatal != nil {
			r.Fatalities = mergeFatal(r.Fatalities, f.fatal)
		}
		if f.actor1 != nil && (a1 == nil || f.a1strong && !a1strong || f.a1blamed && !a1blamed || (a1.role == "REB" && a1.id == "" || a1.ref != "") && isGroup(f.actor1.id) && (f.a1strong || f.anaphoric || f.claim)) {
			// An unnamed attacker ("a suicide bomber", "une attaque
			// jihadiste" before any group is named) gives way to the group
			// named as the doer ("Islamic State claimed the bombing").
			a1, a1strong, a1blamed = f.actor1, f.a1strong, f.a1blamed
		}
		if f.actor2 != nil && (a2 == nil || f.a2strong && !a2strong || !a2strong && f.actor2.kind == "civilians" && a2.kind != "civilians" && f.fatal != nil) {
			a2, a2strong = f.actor2, f.a2strong
		}
		places = append(places, f.places...)
		switch f.modality {
		case Hedged:
			hedged = true
		case Reported:
			reported = true
		case Denied:
			denied = true
		default:
			asserted = true
		}
	}
	// Civilians (so named: "civils", not "personnes") counted among the
	// dead (the toll counts them) are the ones acted on, whatever
	// post or fighters the attackers aimed at first ("Au moins cent
	// civils ont été tués … Les assaillants ont d'abord visé le poste des
	// VDP").
	for _, f := range e.frames {
		if f.fatal != nil && f.actor2 != nil && f.actor2.kind == "civilians" && f.actor2.name != "" &&
			strings.Contains(f.fatal.Text, x.span(f.actor2.first, f.actor2.last)) {
			a2, a2strong = f.actor2, true
			break
		}
	}
	sort.Slice(r.Evidence, func(i, j int) bool { return r.Evidence[i].Start < r.Evidence[j].Start })
	r.Sources = orderSources(r.Sources)
	// Hedged when the event is first told hedged; else reported when any mention is
	// attributed; a denial alone is denied.
	switch {
	case hedged && e.frames[0].modality == Hedged:
		r.Modality = Hedged
	case denied && len(e.frames) == 1:
		r.Modality = Denied
	case reported || denied:
		r.Modality = Reported
	default:
		r.Modality = Asserted
	}

	// Place: the most precise named in the event's clauses, else the last
	// place named before it in the article (the article's frame of
	// reference), else the first after.
	loc := bestPlace(places)
	switch {
	case loc == nil && head.family == "intercept" && a1 != nil && a1.country != "":
		// "La plupart des projectiles ont été interceptés": where the
		// strike told just before fell; "L'armée de l'air ukrainienne
		// affirme avoir abattu 37 drones au cours de la journée": over
		// the interceptor's country.
		if loc = x.strikeBefore(e); loc == nil {
			// Over the interceptor's country, unless the article is about
			// another one: "U.S. air defences at the base" in Iraq.
			if c := x.contextPlace(r.Evidence[0].Start, e); c != nil && x.alpha3(c.Place.Country) != a1.country && c.Place.Country != "" {
				loc = c
			} else {
				loc = x.countryPlace(a1.country)
			}
		}
	case loc == nil:
		loc = x.contextPlace(r.Evidence[0].Start, e)
	case isCountry(loc.Place):
		// "dans l'ouest de la Syrie", "«À bas la France»": a country says
		// less than the town the article is about, when that town is in
		// it or the country is only quoted.
		if c := x.contextPlace(r.Evidence[0].Start, e); c != nil && !isCountry(c.Place) &&
			(c.Place.Country == loc.Place.Country || x.doc.QuoteAt(loc.Start) >= 0) {
			loc = c
		}
	}
	if loc != nil {
		p := loc.Place
		p.Text = x.in.Doc.Text[loc.PhraseStart:loc.End]
		r.Location = &p
	}

	r.Type, r.CAMEO = x.decideType(head, e, r.Weapons, a1, a2, r.Location)
	if r.Type == "suicide_bomb" {
		// "the bomber had targeted …" after a suicide bombing is the
		// man, not an aircraft.
		kept := r.Weapons[:0]
		for _, w := range r.Weapons {
			if w.Class != "bomber_aircraft" {
				kept = append(kept, w)
			}
		}
		r.Weapons = kept
	}
	if r.Type == "" {
		return r, false
	}
	r.EventType = event.Types[r.Type]
	if r.Type == "peaceful_protest" && a2 != nil && (a2.kind == "police" || a2.kind == "state_military" || a2.role == "POL" || a2.role == "MIL") {
		a2 = nil // "sous la surveillance des forces de l'ordre": watching is no intervention
	}
	switch {
	case r.Type == "excessive_force_against_protesters" && a1 != nil && a2 != nil && a1.kind == "civilians" && a2.kind != "civilians":
		// Lethal force is the forces' violence: ACLED puts them first.
		a1, a2 = a2, a1
	case r.Type != "excessive_force_against_protesters" && event.Types[r.Type] == "protests" && a1 != nil && a2 != nil && a2.kind == "civilians" && a1.kind != "civilians":
		// ACLED puts the protesters first in a protest, also when the
		// police intervene.
		a1, a2 = a2, a1
	}
	r.Actor1 = x.actor(a1, head.family, r.Location, 1)
	if r.Actor1 == nil && a1 == nil {
		// "Le ministère russe de la Défense a affirmé avoir pris le
		// contrôle du village": the state that claims to have done it.
		if c := x.claimedByState(e); c != "" {
			r.Actor1 = &event.Actor{ID: c + ".MIL", Name: roleName("MIL", x.countryName(c)), Kind: "state_military", Country: c}
		}
	}
	r.Actor2 = x.actor(a2, head.family, r.Location, 2)
	if r.Actor1 == nil && x.prevActor1 != nil && x.alsoIn(e) && (r.Actor2 == nil || r.Actor2.Country != x.prevActor1.Country) {
		// "Kalibr missiles had also hit Odesa": one more of the doer's.
		a := *x.prevActor1
		a.Text = ""
		r.Actor1 = &a
	}
	if r.Actor1 == nil && r.Actor2 != nil && x.prevActor1 != nil && x.prevActor2 != nil && x.prevActor2.ID == r.Actor2.ID &&
		x.prevActor1.ID != r.Actor2.ID && group(head.family) == "clash" {
		// "des dizaines de membres de l'EI ont été tués dans ces derniers
		// affrontements" after the SDF took the stadium from IS: the
		// fight goes on between the same sides.
		a := *x.prevActor1
		a.Text = ""
		r.Actor1 = &a
	}
	if r.Actor1 != nil && r.Actor2 != nil && r.Actor1.ID == r.Actor2.ID {
		r.Actor2 = nil
	}
	x.nameArmy(&r)
	if r.Actor2 == nil && (r.EventType == "explosions_remote_violence" || r.Type == "looting_property_destruction") {
		r.Actor2 = x.civilians(e, r.Location)
	}
	if r.Actor1 == nil && r.Location != nil && unclaimedAttack(r.Type) {
		// A bomb or an attack with no doer named: ACLED's "Unidentified
		// Armed Group" of the country where it happened.
		if c := x.alpha3(r.Location.Country); c != "" {
			r.Actor1 = &event.Actor{ID: c + ".REB", Name: roleName("REB", x.countryName(c)), Kind: "non_state_armed_group", Country: c}
		}
	}
	if r.Actor2 == nil && r.Type == "non_state_actor_overtakes_territory" {
		r.Actor2 = x.defender(r.Actor1, r.Location)
	}
	r.Date = x.date(e)
	x.affiliateSources(&r)

	filled := 0
	for _, ok := range []bool{r.Actor1 != nil, r.Actor2 != nil, len(r.Weapons) > 0, r.Fatalities != nil, len(r.Targets) > 0, r.Location != nil} {
		if ok {
			filled++
		}
	}
	if x.isHistory(r.Date) {
		return r, false // "en 2014, l'EI avait proclamé…": a recap, not news
	}
	if denied && !hedged && !reported && !asserted && !x.claimedIn(e) {
		return r, false // a denial alone takes up an event told elsewhere, or none
	}
	if head.family == "supply" && len(r.Weapons) == 0 && (r.Actor1 != nil && r.Actor1.Kind == "civilians" || r.Actor2 != nil && r.Actor2.Kind == "civilians") {
		return r, false // "a reçu une délégation de manifestantes": a visit, no delivery
	}
	if head.family == "hit" && len(r.Weapons) == 0 {
		return r, false // "a visé le poste" alone tells of no event
	}
	if filled < 2 || (r.Actor1 == nil && r.Actor2 == nil && len(r.Weapons) == 0 && r.Fatalities == nil) {
		return r, false
	}
	r.Confidence = x.confidence(r, head)
	if r.Confidence < minConfidence {
		return r, false
	}
	r.ID = eventID(r.Doc, r.Type, r.Evidence)
	if r.Actor1 != nil {
		x.prevActor1, x.prevActor2 = r.Actor1, r.Actor2
	}
	return r, true
}

func hasSpan(list []event.Span, s event.Span) bool {
	for _, o := range list {
		if o == s {
			return true
		}
	}
	return false
}

// addWeapon adds a weapon to a record's list. The same class twice is
// one weapon; a missile or rocket word with no model after a named missile
// ("the rocket" after "a Tochka-U ballistic missile") takes it up rather
// than adding one: the press uses these words loosely. Other kinds are
// listed each (a delivery of machine guns and assault rifles is two).
func addWeapon(list []event.Weapon, w weaponMention, txt string) []event.Weapon {
	for i, o := range list {
		if o.Class == w.class || !isMissile(o.Class) || !isMissile(w.class) {
			continue
		}
		switch {
		case w.model == "":
			return list
		case o.Model == "":
			// "missiles … Tochka-U": the named model says what the word meant.
			list[i] = event.Weapon{Class: w.class, Model: w.model, Text: txt, Quantity: max(w.quantity, o.Quantity)}
			return list
		}
	}
	for i, o := range list {
		if o.Class == w.class && (o.Model == w.model || o.Model == "" || w.model == "") {
			if o.Model == "" {
				list[i].Model = w.model
			}
			if w.quantity > o.Quantity {
				list[i].Quantity = w.quantity
			}
			return list
		}
	}
	return append(list, event.Weapon{Class: w.class, Model: w.model, Text: txt, Quantity: w.quantity})
}

// mergeFatal keeps the lowest credible count as best and the highest as max.
func mergeFatal(a, b *event.Fatalities) *event.Fatalities {
	if a == nil {
		c := *b
		return &c
	}
	if b.Best == a.Best {
		return a
	}
	lo, hi := a, b
	if b.Best < a.Best {
		lo, hi = b, a
	}
	out := *lo
	m := hi.Best
	out.Max = &m
	return &out
}

// bestPlace is the most precise place (lowest precision number); the first
// such in text order. A sea or other water body is chosen only when
// nothing else is named: ships fire from it at targets on land.
func bestPlace(ps []Place) *Place {
	var best *Place
	for i := range ps {
		switch {
		case best == nil:
			best = &ps[i]
		case isWater(best.Place) && !isWater(ps[i].Place):
			best = &ps[i]
		case isWater(ps[i].Place):
		case ps[i].Place.Precision < best.Place.Precision:
			best = &ps[i]
		}
	}
	if best != nil && isWater(best.Place) {
		return nil // the caller falls back to the article's place
	}
	return best
}

// isCountry reports whether a place is a whole country.
func isCountry(p event.Place) bool { return p.Precision == 3 && p.Admin1 == "" && p.Country != "" }

// isWater reports whether a place is a sea, gulf or other water body: a
// region-level place of no country.
func isWater(p event.Place) bool { return p.Country == "" && p.Precision == 3 }

// contextPlace is the last event place named before pos, else the first
// after it. A place that a frame of another event in the same sentence
// holds is not the context of event e ("… ont frappé plusieurs sites, en
// représailles à l'attaque chimique de Douma": Douma is the other
// event's).
func (x *docState) contextPlace(pos int, e *evt) *Place {
	if p := x.contextPlaceOf(pos, e, true); p != nil {
		return p
	}
	return x.contextPlaceOf(pos, e, false)
}

// contextPlaceOf is contextPlace over the places some event frame holds
// (framed), or over every place: a town named where nothing happened ("a
// lancé le chef de l'État lors d'un discours à Canakkale") frames no
// event, unless nothing else does.
func (x *docState) contextPlaceOf(pos int, e *evt, framed bool) *Place {
	var before, after, country *Place
	sent := x.doc.SentenceOf(x.tokenAt(pos))
	for i := range x.in.Places {
		p := &x.in.Places[i]
		if !p.isEvent() || isWater(p.Place) {
			continue
		}
		o := x.placeOwner[p.Start]
		if e != nil && o != nil && o.sent == sent && !e.holds(o) {
			continue
		}
		if framed && o == nil {
			continue
		}
		if p.Place.Admin1 == "" && p.Place.Precision == 3 {
			// A country ("en Syrie") frames the story but rarely places
			// one event: the last resort.
			if country == nil || p.Start < pos {
				country = p
			}
			continue
		}
		if p.Start < pos {
			// "Khan Cheikhoun, dans la province d'Idleb": a region
			// that only locates the town named before it does not
			// replace the town.
			if before != nil && p.Place.Precision == 3 && before.Place.Precision < 3 &&
				p.Place.Country == before.Place.Country && p.Place.Admin1 == before.Place.Admin1 {
				continue
			}
			before = p
		} else if after == nil {
			after = p
		}
	}
	switch {
	case before != nil:
		return before
	case after != nil:
		return after
	}
	return country
}

// date resolves the event's date: the first frame's stated date, else an
// offset from another event of the same sentence ("24 heures après").
func (x *docState) date(e *evt) event.Date {
	// The finest date the frames state ("le 27 mars" over "fin mars"),
	// the first on a tie.
	var best when.Date
	bestTxt := ""
	for _, f := range e.frames {
		if f.date == nil {
			continue
		}
		d := f.date.Resolve(x.in.Published)
		if f.date.Kind == when.Same {
			d = f.date.After(x.dateBefore(f))
		}
		if d.Value != "" && (best.Value == "" || precisionRank(d.Precision) < precisionRank(best.Precision)) {
			best, bestTxt = d, x.in.Doc.Text[f.date.Start:f.date.End]
		}
	}
	if best.Value != "" {
		return toDate(best, bestTxt)
	}
	for _, f := range e.frames {
		if f.stmtDate != nil && f.offset == nil {
			return toDate(f.stmtDate.Resolve(x.in.Published), x.in.Doc.Text[f.stmtDate.Start:f.stmtDate.End])
		}
	}
	for _, f := range e.frames {
		if f.offset == nil {
			continue
		}
		for _, o := range x.frames {
			if o.sent == f.sent && o != f && o.offset == nil {
				anchor := x.frameDate(o)
				d := f.offset.Shift(anchor)
				return toDate(d, x.in.Doc.Text[f.offset.Start:f.offset.End])
			}
		}
		// "Five years after Iraq declared victory, the group's cells
		// still operate": counted back from the present of the report.
		if f.offset.Hours >= 24*30 && !x.in.Published.IsZero() {
			now := when.Date{Value: x.in.Published.Format("2006-01-02"), Precision: when.Day}
			return toDate(f.offset.Shift(now), x.in.Doc.Text[f.offset.Start:f.offset.End])
		}
	}
	// The main clause of "N heures après <event told before>, …".
	for _, f := range e.frames {
		for _, o := range x.frames {
			if o.sent == f.sent && o != f && o.offset != nil {
				if d := o.offset.Unshift(x.frameDate(o)); d.Value != "" {
					return toDate(d, x.in.Doc.Text[o.offset.Start:o.offset.End])
				}
			}
		}
	}
	return event.Date{Precision: when.Unknown}
}

// frameDate is the date of the event that frame o ended up in.
func (x *docState) frameDate(o *frame) when.Date {
	for _, f := range x.groupOf(o) {
		if f.date != nil {
			return f.date.Resolve(x.in.Published)
		}
	}
	return when.Date{Precision: when.Unknown}
}

// groupOf returns the frames merged with o (o alone if merge has not run).
func (x *docState) groupOf(o *frame) []*frame {
	for _, e := range x.events {
		if e.holds(o) {
			return e.frames
		}
	}
	return []*frame{o}
}

func toDate(d when.Date, txt string) event.Date {
	if d.Value == "" {
		return event.Date{Precision: when.Unknown}
	}
	v := d.Value
	return event.Date{Value: &v, Precision: d.Precision, Text: txt}
}

// inheritWindow is how many sentences that tell of events an undated
// event looks back over for the date of the event it continues.
const inheritWindow = 3

// inheritDates gives an event whose sentences state no date the date of
// the event told just before it ("the shelling came as…", "L'artillerie a
// par ailleurs pilonné…", "des combattants pro-turcs ont pillé…"): a wire
// report tells one day's events in a row. Quoted speech is left alone: a
// witness or a spokesman often speaks of other days; so are deliveries and
// agreements, which are no part of the fighting.
func (x *docState) inheritDates(out []event.Event) {
	var last *event.Event
	lastSent := -1
	for i := range out {
		r := &out[i]
		sent := x.doc.SentenceOf(x.tokenAt(r.Evidence[0].Start))
		if r.Date.Value != nil {
			last, lastSent = r, x.doc.SentenceOf(x.tokenAt(r.Evidence[len(r.Evidence)-1].Start))
			continue
		}
		if last == nil || x.eventSentences(lastSent, sent) > inheritWindow {
			continue
		}
		if x.doc.QuoteAt(r.Evidence[0].Start) >= 0 {
			continue
		}
		// A delivery or an agreement is no part of the fighting told
		// before it: its day is its own; so is "a separate case".
		if r.Type == "other" || r.Type == "agreement" || x.opensOtherIn(r.Evidence) {
			continue
		}
		v := *last.Date.Value
		r.Date = event.Date{Value: &v, Precision: last.Date.Precision, Text: last.Date.Text}
	}
}

// opensOther reports whether sentence si opens on another story: an
// "other" word in its first clause ("In a separate case, …", "Dans une
// autre affaire, …").
func (x *docState) opensOther(si int) bool {
	s := x.doc.Sentences[si]
	segs := x.segments(s)
	if len(segs) == 0 {
		return false
	}
	return x.grammarIn("other", segs[0][0], segs[0][1])
}

// opensOtherIn reports whether one of the evidence sentences opens on
// another story.
func (x *docState) opensOtherIn(ev []event.Span) bool {
	for _, sp := range ev {
		if x.opensOther(x.doc.SentenceOf(x.tokenAt(sp.Start))) {
			return true
		}
	}
	return false
}

// eventSentences counts the sentences after a and up to b that tell of
// some event: a quote or a comment in between does not move the story to
// another day.
func (x *docState) eventSentences(a, b int) int {
	n := 0
	seen := -1
	for _, f := range x.frames {
		if f.sent > a && f.sent <= b && f.sent != seen {
			n++
			seen = f.sent
		}
	}
	return n
}

// dateBefore is the date of the last frame before f, in an earlier
// sentence, whose date is stated outright: what "le même jour" and "the
// next day" count from.
func (x *docState) dateBefore(f *frame) when.Date {
	for i := len(x.frames) - 1; i >= 0; i-- {
		o := x.frames[i]
		if o.sent >= f.sent || o.date == nil || o.date.Kind == when.Same {
			continue
		}
		return o.date.Resolve(x.in.Published)
	}
	return when.Date{Precision: when.Unknown}
}

// minConfidence is the confidence below which a record is not reported:
// on the dev corpus, records under it are mostly spurious.
const minConfidence = 0.45

// confidence is the extractor's estimate that a record is right: how much
// of the record the text stated, not guessed. It starts at 0.30 and adds
// 0.15 for a named doer (actor1), 0.10 each for a named target (actor2),
// a place more precise than a region, a stated date, and weapons or a
// death toll; 0.10 when a specific trigger (not a bare "hit" or "killed")
// named the event, and 0.05 for each further sentence that tells of it
// (at most 0.10). It takes 0.15 off a hedged or denied event and 0.10 off
// one told only in quoted speech. The result is clamped to [0.05, 0.95].
// On the dev corpus, events that score correct have a higher mean
// confidence than spurious ones (TestConfidence).
func (x *docState) confidence(r event.Event, head *frame) float64 {
	c := 0.30
	if r.Actor1 != nil {
		c += 0.15
	}
	if r.Actor2 != nil {
		c += 0.10
	}
	if r.Location != nil && r.Location.Precision < 3 {
		c += 0.10
	}
	if r.Date.Value != nil {
		c += 0.10
	}
	if len(r.Weapons) > 0 || r.Fatalities != nil {
		c += 0.10
	}
	if head.family != "hit" && head.family != "kill" {
		c += 0.10
	}
	if extra := len(r.Evidence) - 1; extra > 0 {
		c += 0.05 * float64(min(extra, 2))
	}
	if r.Modality == Hedged || r.Modality == Denied {
		c -= 0.15
	}
	quoted := true
	for _, s := range r.Evidence {
		if x.doc.QuoteAt(s.Start) < 0 {
			quoted = false
		}
	}
	if quoted {
		c -= 0.10
	}
	c = math.Round(c*100) / 100
	return max(0.05, min(0.95, c))
}

// affiliateSources gives an anonymous military or security source with no
// stated affiliation the army of the country where the event happened:
// "selon des sources sécuritaires" in a report from Burkina Faso is the
// Burkinabè forces speaking.
func (x *docState) affiliateSources(r *event.Event) {
	if r.Location == nil {
		return
	}
	c := x.alpha3(r.Location.Country)
	if c == "" {
		return
	}
	for i := range r.Sources {
		s := &r.Sources[i]
		if s.Kind != "anonymous" || s.Affiliation != "" {
			continue
		}
		n := strings.ToLower(s.Name)
		if strings.Contains(n, "military") || strings.Contains(n, "security") || strings.Contains(n, "officer") {
			s.Affiliation = c + ".MIL"
		}
	}
}

// isMissile reports whether a class is one of the missiles and rockets.
func isMissile(c string) bool {
	switch c {
	case "cruise_missile", "ballistic_missile", "rocket", "guided_missile":
		return true
	}
	return false
}

// interceptedSide names the side whose weapons were shot down when an
// interception does not: the doer of the last strike told before it whose
// country is not the interceptor's ("Russia fired 84 missiles … Ukraine's
// air force said 43 had been shot down").
func interceptedSide(out []event.Event) {
	for i := range out {
		r := &out[i]
		if r.Type != "disrupted_weapons_use" || r.Actor2 != nil || r.Actor1 == nil {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			o := out[j]
			if o.EventType == "explosions_remote_violence" && o.Actor1 != nil && o.Actor1.Country != r.Actor1.Country && o.Actor1.Country != "" {
				a := *o.Actor1
				r.Actor2 = &a
				break
			}
		}
		if r.Actor2 == nil {
			r.Actor2 = adversary(out, r.Actor1.Country)
		}
	}
}

// adversary is the armed force the article shows fighting country c: the
// other side of an event of violence between c's forces and another
// state's ("Kyiv claimed the strike on Russian soldiers" makes Russia
// the side whose drones Ukraine shot down). Nil when there is none, or
// more than one.
func adversary(out []event.Event, c string) *event.Actor {
	var found *event.Actor
	for _, o := range out {
		if o.EventType != "explosions_remote_violence" && o.EventType != "battles" || o.Actor1 == nil || o.Actor2 == nil {
			continue
		}
		var other *event.Actor
		switch {
		case o.Actor1.Country == c:
			other = o.Actor2
		case o.Actor2.Country == c:
			other = o.Actor1
		default:
			continue
		}
		if other.Kind != "state_military" || other.Country == c || other.Country == "" {
			continue
		}
		if found != nil && found.ID != other.ID {
			return nil
		}
		a := *other
		found = &a
	}
	if found != nil {
		found.Text = ""
	}
	return found
}

// historyDays is how long before publication an event is a recap of
// history rather than news.
const historyDays = 180

// isHistory reports whether a date lies more than historyDays before
// publication.
func (x *docState) isHistory(d event.Date) bool {
	if d.Value == nil || x.in.Published.IsZero() {
		return false
	}
	t, err := time.Parse("2006-01-02", *d.Value)
	if err != nil {
		return false
	}
	return x.in.Published.Sub(t) > historyDays*24*time.Hour
}

// alsoIn reports whether an "also" word stands in the clause of one of
// the event's frames.
func (x *docState) alsoIn(e *evt) bool {
	for _, f := range e.frames {
		if x.grammarIn("also", f.segFirst, f.segLast) {
			return true
		}
	}
	return false
}

// unclaimedAttack reports whether an event of the type is the work of an
// armed group when no doer is named: bombs, suicide attacks, attacks on
// civilians and abductions (states shell and strike; they do not plant
// roadside bombs).
func unclaimedAttack(typ string) bool {
	switch typ {
	case "remote_explosive_landmine_ied", "suicide_bomb", "attack", "abduction_forced_disappearance":
		return true
	}
	return false
}

// defender is who held a town a foreign force or an armed group took,
// when the text names no one: the forces of the country the town is in
// ("Wagner a pris le contrôle de Bakhmout" takes it from Ukraine's army,
// "IS had retaken most of the town" from Syria's).
func (x *docState) defender(a1 *event.Actor, loc *event.Place) *event.Actor {
	if a1 == nil || a1.Country == "" && a1.Kind != "non_state_armed_group" || loc == nil || loc.Country == "" {
		return nil
	}
	c := x.alpha3(loc.Country)
	if c == "" || c == a1.Country && a1.Kind != "non_state_armed_group" {
		return nil
	}
	return &event.Actor{ID: c + ".MIL", Name: roleName("MIL", x.countryName(c)), Kind: "state_military", Country: c}
}

// strikeBefore is the place of the strike told in the sentence before an
// interception, or in its own, when it used weapons of the kind shot down
// (missiles for missiles, drones for drones; unnamed kinds agree with any).
func (x *docState) strikeBefore(e *evt) *Place {
	first := e.frames[0]
	for i := len(x.events) - 1; i >= 0; i-- {
		o := x.events[i]
		if o == e || o.frames[0].sent > first.sent || group(o.frames[0].family) != "violence" {
			continue
		}
		last := o.frames[len(o.frames)-1]
		if first.sent-last.sent > 1 {
			return nil
		}
		if !sameKindOfWeapons(o, e) {
			return nil
		}
		var ps []Place
		for _, f := range o.frames {
			ps = append(ps, f.places...)
		}
		return bestPlace(ps)
	}
	return nil
}

// sameKindOfWeapons reports whether two events name weapons of one kind,
// or one of them names none.
func sameKindOfWeapons(a, b *evt) bool {
	kinds := func(e *evt) map[string]bool {
		m := map[string]bool{}
		for _, f := range e.frames {
			for _, w := range f.weapons {
				switch {
				case isMissile(w.class):
					m["missile"] = true
				case w.class == "drone":
					m["drone"] = true
				}
			}
		}
		return m
	}
	ka, kb := kinds(a), kinds(b)
	if len(ka) == 0 || len(kb) == 0 {
		return true
	}
	for k := range ka {
		if kb[k] {
			return true
		}
	}
	return false
}

// countryPlace is a whole country as a place, at its capital's point
// (common/countries.tsv), or nil.
func (x *docState) countryPlace(iso3 string) *Place {
	c, ok := x.lex.Countries[iso3]
	if !ok {
		return nil
	}
	return &Place{Role: "event", Place: event.Place{Name: c.Name, Lat: c.Lat, Lon: c.Lon, Country: c.Alpha2, Precision: 3}}
}

// claimedIn reports whether a sentence of the event also claims it
// outright, outside quotes: "X claimed …, but Y denied it" (in "Kiev a
// démenti : «Les combats se poursuivent», a assuré …" the verb only tags
// the quote).
func (x *docState) claimedIn(e *evt) bool {
	for _, f := range e.frames {
		if x.sents[f.sent].claimed && x.doc.QuoteAt(x.doc.Tokens[f.trig.First].Start) < 0 {
			return true
		}
	}
	return false
}

// civilSites are the targets (by their English name in targets.tsv) whose
// people are civilians: a strike that hits one and names no other target
// hits civilians.
var civilSites = map[string]bool{
	"hospital": true, "school": true, "market": true, "residential building": true,
	"residential area": true, "house": true, "houses": true, "homes": true, "apartment blocks": true,
	"wedding party": true, "funeral": true, "bus": true, "school bus": true, "bus station": true,
	"railway station": true, "camp for displaced people": true, "playground": true, "shops": true,
}

// civilians is the target of a strike or a looting that names none but
// hit a civilian site ("une roquette a touché un hôpital de fortune", "ont
// pillé des commerces et des maisons"): the civilians of the country where
// it happened.
func (x *docState) civilians(e *evt, loc *event.Place) *event.Actor {
	if loc == nil {
		return nil
	}
	for _, f := range e.frames {
		if t := f.civilSite; t != nil {
			a := actorMention{first: t.first, last: t.last, role: "CVL", kind: "civilians"}
			return x.actor(&a, f.family, loc, 2)
		}
	}
	return nil
}

// claimedByState returns the country of a state source (a ministry, an
// army) that claims in the first person to have done event e: its frame's
// trigger follows a perfect infinitive ("a affirmé avoir pris", "claimed
// to have captured"). It is "" otherwise.
func (x *docState) claimedByState(e *evt) string {
	for _, f := range e.frames {
		i := f.trig.First - 1
		if i < 0 {
			continue
		}
		n := x.doc.Tokens[i].Norm
		if n != "avoir" && !(n == "have" && i > 0 && x.doc.Tokens[i-1].Norm == "to") {
			continue
		}
		for _, src := range x.sents[f.sent].sources {
			if src.Country != "" && (src.Kind == "government" || src.Kind == "military") {
				return src.Country
			}
		}
	}
	return ""
}

// nameArmy gives a source the text calls only "the army" its army's usual
// name (common/armies.tsv) when the event says whose army it is: the
// doer's or the target's forces, else the forces of the place's country.
func (x *docState) nameArmy(r *event.Event) {
	c := ""
	switch {
	case r.Actor1 != nil && r.Actor1.Kind == "state_military":
		c = r.Actor1.Country
	case r.Actor2 != nil && r.Actor2.Kind == "state_military":
		c = r.Actor2.Country
	case r.Location != nil:
		c = x.alpha3(r.Location.Country)
	}
	name, ok := x.lex.Armies[c]
	if !ok {
		return
	}
	for i := range r.Sources {
		if s := &r.Sources[i]; s.Name == "army" && s.Kind == "military" {
			s.Name, s.Country = name, c
		}
	}
}
