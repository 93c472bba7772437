package extract

import (
	"sort"

	"github.com/sitrep/sitrep/internal/lexicon"
)

// within returns the part of xs, sorted by key, whose keys lie in
// [lo, hi). The result shares xs's backing array, so pointers into it point
// into xs. Every per-sentence loop goes through it, which keeps extraction
// linear in the length of an article rather than quadratic.
func within[T any](xs []T, key func(*T) int, lo, hi int) []T {
	i := sort.Search(len(xs), func(k int) bool { return key(&xs[k]) >= lo })
	j := i + sort.Search(len(xs)-i, func(k int) bool { return key(&xs[i+k]) >= hi })
	return xs[i:j]
}

func matchFirst(m *lexicon.Match) int  { return m.First }
func actorFirst(a *actorMention) int   { return a.first }
func weaponFirst(w *weaponMention) int { return w.first }
func targetFirst(t *targetMention) int { return t.first }
func numberFirst(n *numberMention) int { return n.first }
func placeStart(p *Place) int          { return p.Start }
func spanFirst(s *[2]int) int          { return s[0] }

// matchesIn returns the matches of category c whose first token lies in
// [first, last).
func (x *docState) matchesIn(c lexicon.Category, first, last int) []lexicon.Match {
	return within(x.byCat[c], matchFirst, first, last)
}

// sortSearchNumbers is the index of the first number mention starting at
// or after token first.
func sortSearchNumbers(ns []numberMention, first int) int {
	return sort.Search(len(ns), func(k int) bool { return ns[k].first >= first })
}
