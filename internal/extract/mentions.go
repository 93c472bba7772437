package extract

import (
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/internal/lexicon"
	"github.com/sitrep/sitrep/internal/text"
	"github.com/sitrep/sitrep/internal/when"
)

// actorMention is an actor named in the text.
type actorMention struct {
	first, last int // tokens
	id          string
	kind        string
	country     string // alpha-3
	name        string
	role        string // role-only words: MIL, CVL …; their country is unknown yet
	ref         string // "=group" before resolution, "=speaker" for "nous"/"we"
	trait       string // for a resolved back-reference: the trait it asked for
	possessive  bool   // "its forces", "ses troupes": the forces of whoever speaks
	reporter    bool   // also the source of its sentence ("the SBU said")
	sent        int
}

// bareCountry reports whether the mention names a country with no role
// ("Russia", "russes").
func (a *actorMention) bareCountry() bool { return a.id != "" && a.id == a.country }

// weaponMention is a weapon, its model and how many.
type weaponMention struct {
	first, last int
	class       string
	model       string
	platform    string
	quantity    int
}

// numberMention is a count: "au moins 50", "six", "des dizaines".
type numberMention struct {
	first, last int
	value       int
	min, max    int // 0 when not stated
	vague       bool
}

// targetMention is what was hit.
type targetMention struct {
	first, last int
	name        string
}

func (x *docState) findMentions() {
	x.datelineEnd = x.findDateline()
	x.sents = make([]sentInfo, len(x.doc.Sentences))
	dateTok := make([]bool, len(x.doc.Tokens))
	for i, s := range x.doc.Sentences {
		x.sents[i].dates = when.Find(x.doc, x.lex, within(x.matches, matchFirst, s.First, s.Last), s.First, s.Last)
		for _, d := range x.sents[i].dates {
			for t := d.First; t < d.Last; t++ {
				dateTok[t] = true
			}
		}
	}
	x.findWeapons()
	x.findActors()
	x.separatePlacesAndActors()
	x.dropPlacesInSources()
	x.findNumbers(dateTok)
	for _, m := range x.byCat[lexicon.Target] {
		x.targets = append(x.targets, targetMention{first: m.First, last: m.Last, name: x.lex.Targets[m.Index].Target})
	}
}

// dropPlacesInSources marks the places named inside a source's name as no
// event places: "l'agence étatique Anadolu", "Raqqa is Being Slaughtered
// Silently" report from somewhere, they do not say where it happened.
func (x *docState) dropPlacesInSources() {
	for _, m := range x.byCat[lexicon.Source] {
		first, last := x.doc.Tokens[m.First].Start, x.doc.Tokens[m.Last-1].End
		// "a security official in Islamabad", "un responsable à Bamako":
		// where the source speaks from.
		if j := m.Last; j+1 < len(x.doc.Tokens) && x.grammarAt[j] == "locative" {
			last = x.doc.Tokens[j+1].End
		}
		x.noEventPlaces(first, last)
	}
}

// noEventPlaces marks the places named within bytes [start, end) as no
// event places: they are part of a source's name or where it speaks from.
func (x *docState) noEventPlaces(start, end int) {
	ps := within(x.in.Places, placeStart, start, end)
	for i := range ps {
		if ps[i].End <= end {
			ps[i].notEvent = true
		}
	}
}

// pastArticles returns the first token from i on, before limit, that is
// not an article: "a community leader" names the same person as
// "community leader".
func (x *docState) pastArticles(i, limit int) int {
	for i < limit && isArticle(x.doc.Tokens[i].Norm) {
		i++
	}
	return i
}

// sentenceOf returns the sentence index of token i.
func (x *docState) sentenceOf(i int) int { return x.doc.SentenceOf(i) }

// isWordGap reports whether tokens [a, b) hold only words (no punctuation
// but hyphens and apostrophes), so two mentions around them are one phrase.
func (x *docState) isWordGap(a, b int) bool {
	for i := a; i < b; i++ {
		t := x.doc.Tokens[i]
		if t.Kind == text.Punct && t.Norm != "-" && t.Norm != "'" {
			return false
		}
		if k := x.grammarAt[i]; k == "locative" || k == "clause" {
			return false // "US forces in Syria" are not Syria's, nor "government and Russian forces" Russia's government
		}
	}
	return true
}

func (x *docState) findWeapons() {
	ms := x.byCat[lexicon.Weapon]
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		e := x.lex.Weapons[m.Index]
		w := weaponMention{first: m.First, last: m.Last, class: e.Class, model: e.Model, platform: e.Platform}
		// Join following weapon words of the same phrase: a head noun and its
		// model or qualifier ("missiles Kalibr", "bombardiers … Tu-22M3",
		// "Tochka-U ballistic missile").
		for i+1 < len(ms) {
			n := ms[i+1]
			ne := x.lex.Weapons[n.Index]
			if n.First-w.last > 5 || !x.isWordGap(w.last, n.First) || x.sentenceOf(n.First) != x.sentenceOf(w.first) {
				break
			}
			compatible := w.class == "?" || ne.Class == "?" || w.class == ne.Class ||
				(w.model == "" && ne.Model != "" && sameFamily(w.class, ne.Class)) ||
				(ne.Model == "" && w.model != "" && sameFamily(w.class, ne.Class))
			if !compatible || (w.model != "" && ne.Model != "" && w.model != ne.Model) {
				break
			}
			if ne.Class != "?" && (w.class == "?" || ne.Model != "" || w.model == "") {
				w.class = ne.Class
			}
			if w.model == "" {
				w.model = ne.Model
			}
			if w.platform == "" {
				w.platform = ne.Platform
			}
			w.last = n.Last
			i++
		}
		if w.class == "?" {
			w.class = headDefault
		}
		w.quantity = x.quantityBefore(w.first)
		x.weapons = append(x.weapons, w)
		for t := w.first; t < w.last; t++ {
			x.weaponTok[t] = len(x.weapons)
		}
	}
}

// headDefault is the class of a missile head noun that no model or
// qualifier names: EVENTS.md has no generic missile class, and the press's
// unnamed "missile" is most often a cruise or ballistic one fired at a
// distance; cruise_missile is the documented choice.
const headDefault = "cruise_missile"

// sameFamily reports whether a generic class word and a model's class may
// name the same weapon ("bombardiers" + "Tu-22M3": bomber; "avions" +
// "Su-34": fighter or bomber).
func sameFamily(a, b string) bool {
	fam := func(c string) string {
		switch c {
		case "bomber_aircraft", "fighter_aircraft", "helicopter", "drone":
			return "air"
		case "cruise_missile", "ballistic_missile", "rocket", "guided_missile":
			return "missile"
		case "tank", "armored_vehicle", "truck":
			return "vehicle"
		case "warship", "submarine":
			return "ship"
		case "assault_rifle", "machine_gun", "small_arms":
			return "gun"
		}
		return c
	}
	return fam(a) == fam(b)
}

// quantityBefore reads a count right before token i, allowing one
// adjective between ("120 nouveaux camions", "Six bombardiers").
func (x *docState) quantityBefore(i int) int {
	for back := 1; back <= 2 && i-back >= 0; back++ {
		j := i - back
		t := x.doc.Tokens[j]
		if t.Kind == text.Number {
			v, err := strconv.Atoi(digits(t.Norm))
			if err == nil && (back == 1 || x.doc.Tokens[j+1].Kind == text.Word) {
				return v
			}
			return 0
		}
		for _, m := range x.matchesIn(lexicon.Number, j-16, j+1) {
			if m.Last == j+1 {
				e := x.lex.Numbers[m.Index]
				if e.Kind == "exact" {
					return e.Value
				}
				return 0
			}
		}
		if t.Kind != text.Word || x.weaponTok[j] != 0 {
			return 0
		}
	}
	return 0
}

func digits(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b = append(b, s[i])
		}
	}
	return string(b)
}

func (x *docState) findActors() {
	ms := x.byCat[lexicon.Actor]
	used := make([]bool, len(ms))
	for i, m := range ms {
		if used[i] {
			continue
		}
		e := x.lex.Actors[m.Index]
		if x.prefixed(m.First) {
			continue // "pro-iranien", "anti-Russian": a stance, not an actor
		}
		a := actorMention{first: m.First, last: m.Last, id: e.ID, kind: e.Kind, country: e.Country, name: e.Name, sent: x.sentenceOf(m.First)}
		switch {
		case e.Role() != "":
			a.role, a.id = e.Role(), ""
			if m.First > 0 {
				switch x.doc.Tokens[m.First-1].Norm {
				case "its", "their", "ses", "leurs", "sa", "son", "nos", "our":
					a.possessive = true
				}
			}
			// "l'armée syrienne", "forces gouvernementales syriennes": a
			// demonym after the role word; "Syrian army", "Russia's forces":
			// one before it.
			if j := i + 1; j < len(ms) && !used[j] && x.isCountry(ms[j]) && ms[j].First-m.Last <= 2 && x.isWordGap(m.Last, ms[j].First) && !x.inLongerName(ms[j]) {
				x.compose(&a, ms[j])
				used[j] = true
			} else if j := i + 1; j < len(ms) && !used[j] && a.role == "REB" && isGroup(x.lex.Actors[ms[j].Index].ID) && x.genitiveBetween(m.Last, ms[j].First) {
				// "des insurgés liés au groupe État islamique", "rebels of
				// the M23": the group named after them.
				g := x.lex.Actors[ms[j].Index]
				a.id, a.kind, a.country, a.name, a.role = g.ID, g.Kind, g.Country, g.Name, ""
				a.last = ms[j].Last
				used[j] = true
			} else if j := i + 1; j < len(ms) && !used[j] && x.ofState(m.Last, ms[j]) {
				// "les avions du régime de Bachar al-Assad", "les
				// troupes de Moscou": the state named after the
				// genitive owns the men or machines.
				x.compose(&a, ms[j])
				used[j] = true
			} else if k := len(x.actors) - 1; k >= 0 && x.actors[k].role == "" && x.actors[k].country != "" && x.actors[k].id == x.actors[k].country &&
				m.First-x.actors[k].last <= 3 && x.possessiveGap(x.actors[k].last, m.First) {
				prev := x.actors[k]
				x.actors = x.actors[:k]
				a.first = prev.first
				a.country = prev.country
				a.id = prev.country + "." + a.role
				a.kind = roleKind(a.role)
				a.name = roleName(a.role, prev.name)
				a.role = ""
			} else if k := len(x.actors) - 1; k >= 0 && x.actors[k].id != "" && x.actors[k].last == m.First {
				// "coalition jets", "SDF fighters": the role word is the
				// named actor's own men or machines.
				x.actors[k].last = m.Last
				continue
			}
			// "les insurgés", "the rebels": with a definite article, the
			// armed group already named; "des hommes armés" stays unnamed.
			if a.role == "REB" && a.id == "" && x.definite(m.First) {
				if g := x.lastGroup("group", len(x.actors), ""); g != nil {
					a.id, a.kind, a.country, a.name, a.role = g.id, g.kind, g.country, g.name, ""
				}
			}
		case strings.HasPrefix(e.ID, "="):
			if j := i + 1; j < len(ms) && !used[j] && x.lex.Actors[ms[j].Index].Role() == "REB" && x.grammarAt[m.Last] == "genitive" && x.genitiveBetween(m.Last, ms[j].First) {
				continue // "des membres de gangs armés": the gang's men are the gang named next
			}
			a.ref = e.ID
			// "combattants du Hezbollah", "fighters of the SDF", "fighters
			// from ISWAP": the group named right after is the one meant.
			if j := i + 1; j < len(ms) && x.genitiveBetween(m.Last, ms[j].First) && isGroup(x.lex.Actors[ms[j].Index].ID) {
				g := x.lex.Actors[ms[j].Index]
				a.id, a.kind, a.country, a.name, a.ref = g.ID, g.Kind, g.Country, g.Name, ""
				a.last = ms[j].Last
				used[j] = true
				break
			}
			// "combattants du groupe jihadiste Boko Haram", "the
			// jihadist group JNIM": the group named in the same phrase.
			if j := x.apposedGroup(ms, i); j > 0 {
				g := x.lex.Actors[ms[j].Index]
				a.id, a.kind, a.country, a.name, a.ref = g.ID, g.Kind, g.Country, g.Name, ""
				break
			}
			a.trait = e.ID[1:]
			if j, c := x.ledByState(ms, i, used); c != nil && e.Country != "" {
				// "la coalition militaire dirigée par l'Arabie saoudite":
				// the state that leads it is whose forces it is.
				x.compose(&a, ms[j])
				a.id, a.name = c.Country+".MIL", roleName("MIL", x.countryName(c.Country))
				a.kind, a.ref, a.trait = "state_military", "", ""
				used[j] = true
				break
			}
			if g := x.lastGroup(a.trait, len(x.actors), ""); g != nil {
				a.id, a.kind, a.country, a.name, a.ref = g.id, g.kind, g.country, g.name, ""
			} else if e.Country != "" {
				// "the coalition" with none named before: the row's
				// country's forces.
				role := "GOV"
				if e.Kind == "state_military" {
					role = "MIL"
				}
				a.id, a.country, a.name, a.ref = e.Country+"."+role, e.Country, e.Name, ""
			}
		}
		// "les Casques bleus de la Minusca", "UN peacekeepers of MONUSCO":
		// the United Nations' men in a named mission are the mission's.
		if a.id == "group:un" {
			if j := i + 1; j < len(ms) && !used[j] && isGroup(x.lex.Actors[ms[j].Index].ID) && x.genitiveBetween(a.last, ms[j].First) {
				g := x.lex.Actors[ms[j].Index]
				a.id, a.kind, a.country, a.name = g.ID, g.Kind, g.Country, g.Name
				a.last = ms[j].Last
				used[j] = true
			}
		}
		// "les rebelles houthis du Yémen": the country after a group's
		// genitive only says where it is.
		if isGroup(a.id) {
			if j := i + 1; j < len(ms) && !used[j] && x.isCountry(ms[j]) && x.grammarAt[a.last] == "genitive" && x.genitiveBetween(a.last, ms[j].First) {
				a.last = ms[j].Last
				used[j] = true
			}
		}
		// "Yemen's Houthis", "Syria's HTS": the country only says where
		// the group is; the group is the actor.
		if isGroup(a.id) {
			// "Sudan's paramilitary Rapid Support Forces": one lower-case
			// word may stand between.
			if k := len(x.actors) - 1; k >= 0 && x.actors[k].bareCountry() && (a.first-x.actors[k].last == 2 ||
				a.first-x.actors[k].last == 3 && !x.doc.Tokens[a.first-1].Cap && x.doc.Tokens[a.first-1].Kind == text.Word) &&
				x.doc.Tokens[x.actors[k].last].Norm == "'" && x.doc.Tokens[x.actors[k].last+1].Norm == "s" {
				a.first = x.actors[k].first
				x.actors = x.actors[:k]
			}
		}
		x.actors = append(x.actors, a)
	}
	// First-person words inside quotes: the quoted source's side.
	for _, m := range x.byCat[lexicon.Grammar] {
		if x.lex.Grammar[m.Index].Kind == "speaker" && x.doc.QuoteAt(x.doc.Tokens[m.First].Start) >= 0 {
			x.actors = append(x.actors, actorMention{first: m.First, last: m.Last, ref: "=speaker", sent: x.sentenceOf(m.First)})
		}
	}
	sortActors(x.actors)
}

// lastGroup returns the armed group named last among the first n actor
// mentions that has the trait ("group" for any) and is not the group
// except, or nil. A state's forces count when common/groups.tsv gives
// them the trait ("coalition").
func (x *docState) lastGroup(trait string, n int, except string) *actorMention {
	for k := n - 1; k >= 0; k-- {
		a := &x.actors[k]
		if a.ref != "" || a.id == "" || a.trait != "" || a.id == except || !isGroup(a.id) && !x.lex.HasTrait(a.id, trait) {
			continue
		}
		if trait == "group" && a.kind != "non_state_armed_group" {
			continue // "les assaillants" are not the UN mission named before
		}
		if k := x.cueBefore(a.first); k == "ledby" || k == "support" {
			continue // "le GSIM, lié à Al-Qaïda": the patron is not the group meant
		}
		if trait == "group" || x.lex.HasTrait(a.id, trait) {
			return a
		}
	}
	return nil
}

// genitiveBetween reports whether tokens [a, b) are a genitive, "led by"
// or "from" word and articles only: "du", "de la", "of the", "led by".
func (x *docState) genitiveBetween(a, b int) bool {
	if a >= b {
		return false
	}
	k, ok := x.grammarAt[a]
	if !ok || k != "genitive" && k != "ledby" && k != "from" {
		return false
	}
	for i := x.grammarEnd[a]; i < b; i++ {
		if !isArticle(x.doc.Tokens[i].Norm) {
			return false
		}
	}
	return true
}

func sortActors(as []actorMention) {
	for i := 1; i < len(as); i++ {
		for j := i; j > 0 && as[j].first < as[j-1].first; j-- {
			as[j], as[j-1] = as[j-1], as[j]
		}
	}
}

// possessiveGap accepts "Russia's army", "Syrian army", "Syrian government forces".
func (x *docState) possessiveGap(a, b int) bool {
	for i := a; i < b; i++ {
		t := x.doc.Tokens[i]
		if t.Norm == "'" || t.Norm == "s" {
			continue
		}
		if t.Kind == text.Word && b-a <= 1 {
			continue
		}
		return false
	}
	return true
}

func (x *docState) isCountry(m lexicon.Match) bool {
	e := x.lex.Actors[m.Index]
	return e.Country != "" && (e.ID == e.Country)
}

func (x *docState) compose(a *actorMention, m lexicon.Match) {
	c := x.lex.Actors[m.Index]
	a.last = m.Last
	a.country = c.Country
	a.id = c.Country + "." + a.role
	a.kind = roleKind(a.role)
	a.name = roleName(a.role, x.countryName(c.Country))
	a.role = ""
}

func roleKind(role string) string {
	switch role {
	case "MIL":
		return "state_military"
	case "GOV":
		return "state_government"
	case "POL":
		return "police"
	case "CVL":
		return "civilians"
	case "REB":
		return "non_state_armed_group"
	case "MED":
		return "media"
	}
	return "unknown"
}

// roleName is the usual English name of a country's actor in a role.
func roleName(role, country string) string {
	if country == "" {
		return ""
	}
	of := country
	if strings.HasPrefix(country, "United ") || strings.HasPrefix(country, "Central African") || strings.HasPrefix(country, "Democratic Republic") ||
		strings.HasSuffix(country, "Republic") || strings.HasSuffix(country, "Islands") ||
		strings.HasSuffix(country, "Emirates") || country == "Netherlands" || country == "Philippines" ||
		country == "Gambia" || country == "Bahamas" || country == "Comoros" || country == "Maldives" {
		of = "the " + country // "Military Forces of the United States"
	}
	switch role {
	case "MIL":
		return "Military Forces of " + of
	case "GOV":
		return "Government of " + of
	case "POL":
		return "Police Forces of " + of
	case "CVL":
		return "Civilians (" + country + ")"
	case "REB":
		return "Unidentified Armed Group (" + country + ")"
	case "MED":
		return "Journalists (" + country + ")"
	}
	return country
}

func (x *docState) findNumbers(dateTok []bool) {
	toks := x.doc.Tokens
	ms := x.byCat[lexicon.Number]
	numAt := map[int]lexicon.Match{}
	for _, m := range ms {
		numAt[m.First] = m
	}
	for i := 0; i < len(toks); i++ {
		if dateTok[i] || x.weaponTok[i] != 0 && toks[i].Kind != text.Number {
			continue
		}
		var n numberMention
		start := i
		// Cues before: "au moins", "at least", "environ", "entre".
		cue := ""
		if m, ok := numAt[i]; ok {
			e := x.lex.Numbers[m.Index]
			if e.Kind == "min" || e.Kind == "max" || e.Kind == "approx" || e.Kind == "between" {
				cue = e.Kind
				i = m.Last
			}
		}
		if i >= len(toks) {
			break
		}
		switch {
		case toks[i].Kind == text.Number && !dateTok[i]:
			v, err := strconv.Atoi(digits(toks[i].Norm))
			if err != nil || len(digits(toks[i].Norm)) > 7 {
				continue
			}
			n = numberMention{first: start, last: i + 1, value: v}
		default:
			m, ok := numAt[i]
			if !ok {
				i = start
				continue
			}
			e := x.lex.Numbers[m.Index]
			if e.Kind != "exact" && e.Kind != "vague" {
				i = start
				continue
			}
			n = numberMention{first: start, last: m.Last, value: e.Value, vague: e.Kind == "vague"}
			i = m.Last - 1
		}
		switch cue {
		case "min":
			n.min = n.value
		case "max":
			n.max = n.value
		case "between":
			// "entre 20 et 30", "between 20 and 30": best and min the low
			// figure, max the high one.
			if m, ok := numAt[n.last]; ok && x.lex.Numbers[m.Index].Kind == "and" {
				if hi, ok := x.countAt(m.Last, numAt); ok && hi.value > n.value {
					n.min, n.max, n.last = n.value, hi.value, hi.last
				}
			}
		}
		x.numbers = append(x.numbers, n)
		i = n.last - 1
	}
}

// separatePlacesAndActors settles words that are both a place and an
// actor ("les États-Unis", "l'Iran", "Damas"), or part of a source's name:
//   - an actor strictly inside a source's name is no actor ("l'agence
//     russe");
//   - an actor inside a launch area, an overflown country or a time zone
//     is no actor ("ont survolé l'Iran", "heure de Damas");
//   - a town read as a place where something happened is no actor ("sur
//     Damas"); the geocoder gives a capital standing for its government
//     ("Kiev a démenti") the role "title", and then it stays an actor;
//   - a country or region that names an actor is no event place unless a
//     locative word comes before it ("en Syrie", "in Ukraine").
func (x *docState) separatePlacesAndActors() {
	overlaps := func(a actorMention, p Place) bool {
		return x.doc.Tokens[a.first].Start < p.End && p.Start < x.doc.Tokens[a.last-1].End
	}
	kept := x.actors[:0]
	for _, a := range x.actors {
		drop := false
		for _, m := range x.matchesIn(lexicon.Source, a.first-20, a.first+1) {
			// A source's article does not make it longer: "a community
			// leader" names the same person as the actor "community leader".
			first := x.pastArticles(m.First, a.first)
			if first <= a.first && a.last <= m.Last && m.Last-first > a.last-a.first {
				drop = true
			}
		}
		if a.first < x.datelineEnd {
			drop = true // "BAGHUZ, Syria, March 23, 2019 -" names where the report was filed
		}
		if x.modifiesThing(a) {
			drop = true // "near the Iraqi border", "la ville syrienne"
		}
		for _, p := range x.placesNear(a) {
			if !overlaps(a, p) {
				continue
			}
			switch {
			case p.Role == "launch" || p.Role == "overflown" || p.Role == "dateline" || p.Role == "clock":
				drop = true
			case p.Role == "event" && p.Place.Precision < 3 && !isGroup(a.id):
				if x.capitalActs(a, p) {
					// "as Ankara pressed ahead", "Damas a dénoncé": a
					// capital that acts is its government.
					x.notEventAt(p.Start)
					continue
				}
				drop = true
			}
		}
		if !drop {
			kept = append(kept, a)
		}
	}
	x.actors = kept
	// A country or region that is also an actor: after a locative word it
	// is a place ("in Syria's Idlib province"), else an actor.
	kept = x.actors[:0]
	for _, a := range x.actors {
		isPlace := false
		near := x.placesNear(a)
		for i := range near {
			p := &near[i]
			if !p.isEvent() || !overlaps(a, *p) {
				continue
			}
			if x.locativeBefore(a.first) || p.Start < x.doc.Tokens[a.first].Start {
				// "en Syrie"; "the Middle Juba region": a word inside a
				// longer place name is the place's.
				isPlace = true
			} else {
				p.notEvent = true
			}
		}
		if !isPlace {
			kept = append(kept, a)
		}
	}
	x.actors = kept
}

// placesNear returns the place mentions that may overlap actor a: those
// starting at most 256 bytes before it (a place name is at most four
// words) up to its end. They share x.in.Places's backing array.
func (x *docState) placesNear(a actorMention) []Place {
	start, end := x.doc.Tokens[a.first].Start, x.doc.Tokens[a.last-1].End
	return within(x.in.Places, placeStart, start-256, end)
}

// locativeBefore reports whether a locative word introduces the name at
// token i: "en Syrie", "in eastern Ukraine". Between them may stand
// articles and one lower-case word.
func (x *docState) locativeBefore(i int) bool {
	words := 0
	for j := i - 1; j >= 0 && j >= i-7; j-- {
		t := x.doc.Tokens[j]
		k, _ := x.grammarBefore(j)
		if k == "locative" || t.Norm == "(" {
			return true // "en Syrie", "Afrine (Syrie)", "(nord-ouest de la Syrie)"
		}
		switch {
		case isArticle(t.Norm) || t.Norm == "-" || k == "genitive":
		case t.Kind == text.Word && !t.Cap && words < 2 && !x.triggerTok[j] && x.weaponTok[j] == 0:
			words++
		default:
			return false
		}
	}
	return false
}

// modifiesThing reports whether a bare-country mention is an adjective of
// a plain noun — "the Iraqi border", "la ville syrienne", "le territoire
// russe" — rather than an actor: the noun it qualifies is no trigger,
// weapon, actor or source word. "Russian airstrikes", "frappes russes" and
// "sous-marin russe" stay actors.
func (x *docState) modifiesThing(a actorMention) bool {
	if a.role != "" && a.id == "" && a.first >= 2 && !x.doc.Tokens[a.first].Cap {
		// "deux véhicules de patrouille": a bare "de" after a vehicle or
		// weapon noun says what kind of thing it is, not whose.
		if n := x.doc.Tokens[a.first-1].Norm; (n == "de" || n == "d'") && (x.weaponTok[a.first-2] != 0 || x.targetTok[a.first-2]) {
			return true
		}
	}
	if a.role != "" && a.last-a.first == 1 && !x.doc.Tokens[a.first].Cap {
		// "l'enclave rebelle", "zone rebelle": a role word as adjective.
		j := a.first - 1
		return j >= 0 && x.doc.Tokens[j].Kind == text.Word && !x.doc.Tokens[j].Cap && !isArticle(x.doc.Tokens[j].Norm) &&
			x.weaponTok[j] == 0 && !x.triggerTok[j] && !x.isRoleWord(j) && x.doc.Lang == "fr" && !x.isGrammar(j)
	}
	if !a.bareCountry() {
		return false
	}
	toks := x.doc.Tokens
	// "Iranian-backed militias", "U.S.-backed SDF", "Russian-installed
	// officials": a backer or a patron, not a party.
	if k := a.last; k+1 < len(toks) && toks[k].Norm == "-" {
		switch toks[k+1].Norm {
		case "backed", "installed", "allied", "aligned", "sponsored", "funded", "supported", "based", "led":
			return true
		}
	}
	if a.last-a.first != 1 {
		return false
	}
	// "Ukraine's energy infrastructure": a possessive before a target.
	if k := a.last; k+2 < len(toks) && toks[k].Norm == "'" && toks[k+1].Norm == "s" {
		for j := k + 2; j < len(toks) && j <= k+4; j++ {
			if x.targetTok[j] {
				return true
			}
		}
	}
	t := toks[a.first]
	plainNoun := func(i int) bool {
		if i < 0 || i >= len(toks) || toks[i].Kind != text.Word || toks[i].Cap {
			return false
		}
		if x.weaponTok[i] != 0 || x.triggerTok[i] {
			return false
		}
		if _, ok := x.grammarAt[i]; ok {
			return false
		}
		for _, o := range within(x.actors, actorFirst, i-16, i+1) {
			if i >= o.first && i < o.last {
				return false
			}
		}
		return !x.isCueOrSource(i)
	}
	if !t.Cap {
		// French adjectives are written in lower case and follow their noun.
		return plainNoun(a.first - 1)
	}
	// "une cité frontalière de l'Ouganda", "the north of Mali": a country
	// after the genitive of a plain noun says where, not who ("une
	// vingtaine de Palestiniens" counts people).
	if j := x.beforeArticles(a.first); j >= 0 {
		if k, first := x.grammarBefore(j); k == "genitive" && plainNoun(first-1) && !x.isGrammar(first-1) && !x.targetTok[first-1] {
			return true
		}
	}
	// English demonyms come before their noun.
	n := t.Norm
	demonym := strings.HasSuffix(n, "an") || strings.HasSuffix(n, "ese") || strings.HasSuffix(n, "ish") ||
		strings.HasSuffix(n, "i") || strings.HasSuffix(n, "ch")
	return demonym && plainNoun(a.last)
}

// isCueOrSource reports whether token i is part of an attribution cue or
// a source name.
func (x *docState) isCueOrSource(i int) bool {
	return x.inCategory(lexicon.Attribution, i) || x.inCategory(lexicon.Source, i) || x.inCategory(lexicon.Trigger, i)
}

// countAt reads a plain count at token i: digits or an exact number word.
func (x *docState) countAt(i int, numAt map[int]lexicon.Match) (numberMention, bool) {
	if i >= len(x.doc.Tokens) {
		return numberMention{}, false
	}
	if t := x.doc.Tokens[i]; t.Kind == text.Number {
		v, err := strconv.Atoi(digits(t.Norm))
		return numberMention{first: i, last: i + 1, value: v}, err == nil
	}
	if m, ok := numAt[i]; ok && x.lex.Numbers[m.Index].Kind == "exact" {
		return numberMention{first: i, last: m.Last, value: x.lex.Numbers[m.Index].Value}, true
	}
	return numberMention{}, false
}

// inCategory reports whether token i lies inside a match of category c.
func (x *docState) inCategory(c lexicon.Category, i int) bool {
	for _, m := range x.matchesIn(c, i-16, i+1) {
		if i >= m.First && i < m.Last {
			return true
		}
	}
	return false
}

// isRoleWord reports whether token i is part of an actor word.
func (x *docState) isRoleWord(i int) bool { return x.inCategory(lexicon.Actor, i) }

// isGrammar reports whether a grammar word or a number word ends at
// token j.
func (x *docState) isGrammar(j int) bool {
	if k, _ := x.grammarBefore(j); k != "" {
		return true
	}
	return x.inCategory(lexicon.Number, j)
}

// ofState reports whether m names a state (a country, its capital, its
// government or leader) after a genitive or "led by" word that starts at
// token last, the end of the role word: "de Bachar al-Assad", "of
// Russia", "loyal to Assad".
func (x *docState) ofState(last int, m lexicon.Match) bool {
	e := x.lex.Actors[m.Index]
	if e.Country == "" || e.Role() != "" || isGroup(e.ID) || !strings.HasPrefix(e.Kind, "state_") {
		return false
	}
	if x.inLongerName(m) {
		return false // "the Sudan People's Liberation Movement": a longer name, not the state
	}
	k := x.grammarAt[last]
	return (k == "genitive" || k == "ledby" || k == "from") && x.genitiveBetween(last, m.First)
}

// capitalActs reports whether a capital named as a government ("Ankara",
// "Damas") stands for it here: it opens a clause — at the start of a
// sentence, after a comma or a clause word ("tandis que Moscou a promis",
// "as Ankara pressed ahead"). After a preposition or inside a phrase
// ("à Moscou", "contre Kiev", "le centre de Kiev") it is a place.
func (x *docState) capitalActs(a actorMention, p Place) bool {
	if !strings.HasSuffix(a.id, ".GOV") || a.role != "" || p.Place.Precision != 1 {
		return false
	}
	j := a.first - 1
	if j < 0 || x.doc.SentenceOf(j) != a.sent {
		return true
	}
	t := x.doc.Tokens[j]
	if t.Kind == text.Punct {
		return t.Norm == "," || t.Norm == ";" || t.Norm == ":" || t.Norm == "«" || t.Norm == "\""
	}
	k, _ := x.grammarBefore(j)
	return k == "clause"
}

// notEventAt marks the place starting at byte start as no event place.
func (x *docState) notEventAt(start int) {
	ps := within(x.in.Places, placeStart, start, start+1)
	for i := range ps {
		ps[i].notEvent = true
	}
}

// ledByState finds, within a few words after the reference word ms[i], a
// "led by" word and a state: "la coalition (militaire) dirigée par
// l'Arabie saoudite". It returns the state's match index and entry.
func (x *docState) ledByState(ms []lexicon.Match, i int, used []bool) (int, *lexicon.ActorEntry) {
	j := i + 1
	if j >= len(ms) || used[j] || !x.isCountry(ms[j]) || ms[j].First-ms[i].Last > 5 {
		return 0, nil
	}
	for k := ms[i].Last; k < ms[j].First; k++ {
		if x.grammarAt[k] == "ledby" && x.genitiveBetween(k, ms[j].First) {
			e := x.lex.Actors[ms[j].Index]
			return j, &e
		}
	}
	return 0, nil
}

// countryName is the English name of an alpha-3 country code.
func (x *docState) countryName(iso3 string) string {
	if c, ok := x.lex.Countries[iso3]; ok {
		return c.Name
	}
	return iso3
}

// prefixed reports whether the word at token i follows "pro-" or "anti-":
// "le mouvement pro-iranien" is no Iranian actor.
func (x *docState) prefixed(i int) bool {
	if i < 2 || x.doc.Tokens[i-1].Norm != "-" {
		return false
	}
	switch x.doc.Tokens[i-2].Norm {
	case "pro", "anti":
		return x.doc.Tokens[i-2].End == x.doc.Tokens[i-1].Start
	}
	return false
}

// apposedGroup returns the index in ms of a named group that stands in
// the same noun phrase right after the reference word ms[i] (past
// genitives, articles, other reference words and plain words, four
// tokens at most, no punctuation, no event word), or 0.
func (x *docState) apposedGroup(ms []lexicon.Match, i int) int {
	end := ms[i].Last
	for j := i + 1; j < len(ms) && j <= i+3; j++ {
		if ms[j].First-end > 4 {
			return 0
		}
		for k := end; k < ms[j].First; k++ {
			t := x.doc.Tokens[k]
			if t.Kind == text.Punct || x.triggerTok[k] {
				return 0
			}
			if g, ok := x.grammarAt[k]; ok && g != "genitive" {
				return 0
			}
		}
		id := x.lex.Actors[ms[j].Index].ID
		if isGroup(id) {
			return j
		}
		if !strings.HasPrefix(id, "=") && len(id) != 3 {
			return 0 // past reference words and demonyms: "du groupe paramilitaire russe Wagner"
		}
		end = ms[j].Last
	}
	return 0
}

// inLongerName reports whether match m is followed by a capitalised word
// or a possessive and one: "Sudan People's Liberation Movement", "Syria
// Democratic Council" name a body, not the country.
func (x *docState) inLongerName(m lexicon.Match) bool {
	toks := x.doc.Tokens
	n := m.Last
	if n >= len(toks) {
		return false
	}
	if toks[n].Kind == text.Word && toks[n].Cap && !toks[n].Upper {
		return true
	}
	return toks[n].Norm == "'" && n+2 < len(toks) && toks[n+1].Norm == "s" && toks[n+2].Kind == text.Word && toks[n+2].Cap
}
