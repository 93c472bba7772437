package score

import (
	"strings"

	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/internal/geo"
)

// Field names, in the order of EVENTS.md "Scoring" step 3. These are the
// names used in Report.Fields, in FieldDiff.Field and in Write's output.
const (
	FieldType       = "type"
	FieldCAMEO      = "cameo"
	FieldActor1     = "actor1"
	FieldActor2     = "actor2"
	FieldLocation   = "location"
	FieldDate       = "date"
	FieldWeapons    = "weapons"
	FieldFatalities = "fatalities"
	FieldSources    = "sources"
	FieldModality   = "modality"
)

// Fields lists the ten scored fields in report order.
var Fields = []string{
	FieldType, FieldCAMEO, FieldActor1, FieldActor2, FieldLocation,
	FieldDate, FieldWeapons, FieldFatalities, FieldSources, FieldModality,
}

// fullFields are the fields that must all be correct for an event to count
// in the full-record score (EVENTS.md step 4).
var fullFields = []string{FieldType, FieldActor1, FieldActor2, FieldLocation, FieldDate}

// Distances of EVENTS.md, in kilometres.
const (
	// PairKm is how close the locations of a system event and a gold event
	// without evidence must be for them to pair.
	PairKm = 50
	// NearKm is the location tolerance when the gold precision is 1 or 2
	// (or anything other than 3).
	NearKm = 25
	// RegionKm is the location tolerance when the gold precision is 3.
	RegionKm = 100
)

// earthRadiusKm is the mean Earth radius (IUGG).
const earthRadiusKm = 6371.0088

// fieldScores holds one score in [0, 1] per field, indexed like Fields.
type fieldScores [10]float64

// agreeing counts the fields that fully agree (score 1). It is the greedy
// pairing's key.
func (f fieldScores) agreeing() int {
	n := 0
	for _, v := range f {
		if v == 1 {
			n++
		}
	}
	return n
}

// full reports whether every field of the full record is correct.
func (f fieldScores) full() bool {
	for _, name := range fullFields {
		if f[fieldIndex(name)] != 1 {
			return false
		}
	}
	return true
}

func fieldIndex(name string) int {
	for i, n := range Fields {
		if n == name {
			return i
		}
	}
	panic("score: unknown field " + name)
}

// compare scores every field of system event s against gold event g.
func compare(g, s *event.Event) fieldScores {
	return fieldScores{
		boolScore(g.Type == s.Type),
		boolScore(cameo2(g.CAMEO) == cameo2(s.CAMEO)),
		boolScore(actorMatch(g.Actor1, s.Actor1)),
		boolScore(actorMatch(g.Actor2, s.Actor2)),
		boolScore(locationMatch(g.Location, s.Location)),
		boolScore(dateMatch(g.Date, s.Date)),
		weaponsF1(g.Weapons, s.Weapons),
		boolScore(fatalitiesMatch(g.Fatalities, s.Fatalities)),
		sourcesF1(g.Sources, s.Sources),
		boolScore(g.Modality == s.Modality),
	}
}

func boolScore(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// cameo2 is the first two digits of a CAMEO code (the whole code when it is
// shorter).
func cameo2(c string) string {
	c = strings.TrimSpace(c)
	if len(c) > 2 {
		return c[:2]
	}
	return c
}

// bareCountry reports whether an actor id is a bare ISO3 code with no role
// ("USA", not "USA.MIL" or "group:isis").
func bareCountry(id string) bool {
	if len(id) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if id[i] < 'A' || id[i] > 'Z' {
			return false
		}
	}
	return true
}

// actorMatch applies EVENTS.md's actor rule: equal id; or, when the gold id
// is a bare ISO3 code (no role), the system actor's country or the ISO3
// prefix of its id equals it. Both nil are equal; one nil is not.
func actorMatch(g, s *event.Actor) bool {
	if g == nil || s == nil {
		return g == nil && s == nil
	}
	if g.ID == s.ID {
		return true
	}
	if !bareCountry(g.ID) {
		return false
	}
	if s.Country == g.ID {
		return true
	}
	prefix, _, _ := strings.Cut(s.ID, ".")
	return prefix == g.ID
}

// placeKm is the distance between two places.
func placeKm(a, b *event.Place) float64 {
	return geo.Km(a.Lat, a.Lon, b.Lat, b.Lon)
}

// locationMatch: within RegionKm when the gold precision is 3, within
// NearKm otherwise. Both nil are equal; one nil is not.
func locationMatch(g, s *event.Place) bool {
	if g == nil || s == nil {
		return g == nil && s == nil
	}
	limit := float64(NearKm)
	if g.Precision >= 3 {
		limit = RegionKm
	}
	return placeKm(g, s) <= limit
}

// withinPairKm is the pairing test for a gold event without evidence. Two
// nil locations count as within; one nil does not.
func withinPairKm(g, s *event.Place) bool {
	if g == nil || s == nil {
		return g == nil && s == nil
	}
	return placeKm(g, s) <= PairKm
}

// dateMatch compares values only (not precision); two nil values are equal.
func dateMatch(g, s event.Date) bool {
	if g.Value == nil || s.Value == nil {
		return g.Value == nil && s.Value == nil
	}
	return *g.Value == *s.Value
}

// fatalitiesMatch compares best; two nil records are equal, one nil is not
// (a system {best: 0} does not equal a gold null).
func fatalitiesMatch(g, s *event.Fatalities) bool {
	if g == nil || s == nil {
		return g == nil && s == nil
	}
	return g.Best == s.Best
}

// f1 is 2m/(a+b), with two empty sets scoring 1.
func f1(matched, a, b int) float64 {
	if a+b == 0 {
		return 1
	}
	return 2 * float64(matched) / float64(a+b)
}

// weaponsF1 is the F1 of the two sets of weapon classes (duplicates count
// once).
func weaponsF1(g, s []event.Weapon) float64 {
	gs := map[string]bool{}
	for _, w := range g {
		gs[w.Class] = true
	}
	ss := map[string]bool{}
	for _, w := range s {
		ss[w.Class] = true
	}
	m := 0
	for c := range ss {
		if gs[c] {
			m++
		}
	}
	return f1(m, len(gs), len(ss))
}

// sourceMatch: for an anonymous gold source, the system source must be
// anonymous with the same affiliation (names of anonymous sources are
// descriptions, so they are not compared). Otherwise one folded name must
// contain the other; an empty name matches only an empty name.
func sourceMatch(g, s event.Source) bool {
	if g.Kind == "anonymous" {
		return s.Kind == "anonymous" && g.Affiliation == s.Affiliation
	}
	gn, sn := fold(g.Name), fold(s.Name)
	if gn == sn {
		return true
	}
	if gn == "" || sn == "" {
		return false
	}
	return strings.Contains(gn, sn) || strings.Contains(sn, gn)
}

// sourcesF1 is the F1 of the two source lists, matched one to one by a
// maximum bipartite matching under sourceMatch (so the result does not
// depend on list order). Two empty lists score 1.
func sourcesF1(g, s []event.Source) float64 {
	adj := make([][]int, len(g))
	for i := range g {
		for j := range s {
			if sourceMatch(g[i], s[j]) {
				adj[i] = append(adj[i], j)
			}
		}
	}
	return f1(maxMatching(adj, len(s)), len(g), len(s))
}

// maxMatching returns the size of a maximum matching of a bipartite graph
// given as adjacency lists from the left vertices to n right vertices
// (Kuhn's augmenting paths; the lists are short).
func maxMatching(adj [][]int, n int) int {
	owner := make([]int, n)
	for i := range owner {
		owner[i] = -1
	}
	var try func(u int, seen []bool) bool
	try = func(u int, seen []bool) bool {
		for _, v := range adj[u] {
			if seen[v] {
				continue
			}
			seen[v] = true
			if owner[v] < 0 || try(owner[v], seen) {
				owner[v] = u
				return true
			}
		}
		return false
	}
	m := 0
	for u := range adj {
		if try(u, make([]bool, n)) {
			m++
		}
	}
	return m
}

// foldTable maps accented Latin letters (lower case) to their base letters.
var foldTable = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'æ': "ae", 'ç': "c", 'ć': "c", 'ĉ': "c", 'ċ': "c", 'č': "c", 'ď': "d", 'đ': "d", 'ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ĕ': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ĝ': "g", 'ğ': "g", 'ġ': "g", 'ģ': "g", 'ĥ': "h", 'ħ': "h",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ĩ': "i", 'ī': "i", 'ĭ': "i", 'į': "i", 'ı': "i",
	'ĵ': "j", 'ķ': "k", 'ĺ': "l", 'ļ': "l", 'ľ': "l", 'ŀ': "l", 'ł': "l",
	'ñ': "n", 'ń': "n", 'ņ': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ŏ': "o", 'ő': "o", 'œ': "oe",
	'ŕ': "r", 'ŗ': "r", 'ř': "r", 'ś': "s", 'ŝ': "s", 'ş': "s", 'š': "s", 'ș': "s", 'ß': "ss",
	'ţ': "t", 'ť': "t", 'ŧ': "t", 'ț': "t", 'þ': "th",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ũ': "u", 'ū': "u", 'ŭ': "u", 'ů': "u", 'ű': "u", 'ų': "u",
	'ŵ': "w", 'ý': "y", 'ÿ': "y", 'ŷ': "y", 'ź': "z", 'ż': "z", 'ž': "z",
	'\u2019': "'", '\u2018': "'", '\u02bc': "'", '\u2010': "-", '\u2011': "-", '\u2013': "-", '\u2014': "-",
}

// fold lower-cases s, folds accented Latin letters to their base letters,
// unifies typographic apostrophes and dashes, and collapses white space.
// Combining marks (U+0300–U+036F) are dropped, so decomposed text folds
// like composed text.
func fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 0x300 && r <= 0x36f:
			continue
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' || r == '\u202f':
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if f, ok := foldTable[r]; ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
