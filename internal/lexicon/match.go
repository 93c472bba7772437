package lexicon

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/text"
)

// Match is one lexicon form found in a token sequence: tokens [First, Last)
// match an entry of category Cat, whose index in the Lexicon's slice for
// that category is Index.
type Match struct {
	First, Last int
	Cat         Category
	Index       int
}

// payload is what a form leads to.
type payload struct {
	cat   Category
	index int
}

// node is a trie node keyed by folded token. Stems ("bombardier*") are
// edges tried by prefix.
type node struct {
	next     map[string]*node
	stems    map[string][]stemEdge // keyed by the stem's first stemKey bytes
	any      *node                 // "~": any one word
	upper    map[string]*node      // edges that need an all-capitals token
	payloads []payload
}

type stemEdge struct {
	prefix string
	child  *node
}

type matcher struct {
	root *node
}

func newMatcher() *matcher { return &matcher{root: &node{}} }

var errShortStem = errors.New("a stem needs at least 4 letters before *")

// add inserts a form. Its tokens are made by text.Tokenize, the same
// tokenizer documents go through, so forms and text fold alike.
func (m *matcher) add(form string, c Category, index int) error {
	toks := text.Tokenize(form)
	if strings.HasSuffix(form, "'") || strings.HasSuffix(form, "’") {
		// "la prise d'": an elision at the end of a form is read as it is
		// in text, where a word follows it ("d'un").
		if t := text.Tokenize(form + "x"); len(t) > 0 {
			toks = t[:len(t)-1]
		}
	}
	if len(toks) == 0 {
		return errors.New("no tokens")
	}
	n := m.root
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Norm == "*" {
			return errors.New("* must end a word")
		}
		if t.Norm == "~" {
			if i == 0 || i == len(toks)-1 {
				return errors.New("~ (any one word) may not start or end a form")
			}
			if n.any == nil {
				n.any = &node{}
			}
			n = n.any
			continue
		}
		stem := i+1 < len(toks) && toks[i+1].Norm == "*" && toks[i+1].Start == t.End
		if stem {
			if utf8.RuneCountInString(t.Norm) < 4 {
				return errShortStem
			}
			i++
			n = n.stem(t.Norm)
			continue
		}
		// An acronym matches only in capitals ("IS" is not "is"), unless
		// it is long enough to be read as a name too ("Minusca",
		// "Monusco").
		if k := utf8.RuneCountInString(form[t.Start:t.End]); t.Upper && t.Kind == text.Word && k >= 2 && k < 5 {
			n = n.child(&n.upper, t.Norm)
			continue
		}
		n = n.child(&n.next, t.Norm)
	}
	for _, p := range n.payloads {
		if p.cat == c {
			return nil // the same form twice across common/ and a language: first wins
		}
	}
	n.payloads = append(n.payloads, payload{cat: c, index: index})
	return nil
}

func (n *node) child(edges *map[string]*node, key string) *node {
	if *edges == nil {
		*edges = map[string]*node{}
	}
	c, ok := (*edges)[key]
	if !ok {
		c = &node{}
		(*edges)[key] = c
	}
	return c
}

// stemKey is how many leading bytes of a stem index it: every stem has at
// least 4 letters, so at least 4 bytes.
const stemKey = 4

func (n *node) stem(prefix string) *node {
	k := prefix[:stemKey]
	for _, e := range n.stems[k] {
		if e.prefix == prefix {
			return e.child
		}
	}
	if n.stems == nil {
		n.stems = map[string][]stemEdge{}
	}
	c := &node{}
	n.stems[k] = append(n.stems[k], stemEdge{prefix: prefix, child: c})
	return c
}

// Match finds the lexicon forms in toks. Within one category, matches do
// not overlap: scanning left to right, the longest match starting at a
// token wins, unless a match starting inside it reaches further ("selon
// des sources sécuritaires": "sources sécuritaires", not "selon des
// sources"): the words at the end of a phrase are the more specific. Matches of different categories may overlap
// ("bombardiers" is both a weapon and an actor's role word). The result
// is ordered by First, then category.
func (l *Lexicon) Match(toks []text.Token) []Match {
	// The longest match of each category starting at each token, and every
	// match (all lengths) in one flat list indexed by start.
	starts := make([][numCategories]Match, len(toks))
	var all []Match
	from := make([]int, len(toks)+1)
	for i := range toks {
		best := &starts[i]
		for c := range best {
			best[c].Last = -1
		}
		from[i] = len(all)
		l.matcher.root.walk(toks, i, i, best, &all)
	}
	from[len(toks)] = len(all)
	var out []Match
	var lastEnd [numCategories]int
	for i := range toks {
		for c := Category(0); c < numCategories; c++ {
			b := starts[i][c]
			if b.Last <= i || i < lastEnd[c] {
				continue
			}
			if d, ok := overtaken(starts, b); ok {
				// "Syrian government" + "government jets": keep the
				// shorter "Syrian" if there is one that ends in time.
				alt := Match{Last: -1}
				for _, m := range all[from[i]:from[i+1]] {
					if m.Cat == c && m.Last <= d.First && m.Last > alt.Last {
						alt = m
					}
				}
				if alt.Last <= i {
					continue
				}
				b = alt
			}
			out = append(out, b)
			lastEnd[c] = b.Last
		}
	}
	return out
}

// overtaken returns the first match of b's category that starts inside b
// and ends after it.
func overtaken(starts [][numCategories]Match, b Match) (Match, bool) {
	for j := b.First + 1; j < b.Last; j++ {
		d := starts[j][b.Cat]
		if d.Last > b.Last {
			return d, true
		}
	}
	return Match{}, false
}

// walk follows every edge that toks[pos] allows and records, per
// category, the longest match that started at start.
func (n *node) walk(toks []text.Token, start, pos int, best *[numCategories]Match, all *[]Match) {
	for _, p := range n.payloads {
		m := Match{First: start, Last: pos, Cat: p.cat, Index: p.index}
		*all = append(*all, m)
		if pos > best[p.cat].Last || best[p.cat].Last < 0 {
			best[p.cat] = m
		}
	}
	if pos >= len(toks) {
		return
	}
	t := &toks[pos]
	if c := n.next[t.Norm]; c != nil {
		c.walk(toks, start, pos+1, best, all)
	}
	if t.Upper {
		if c := n.upper[t.Norm]; c != nil {
			c.walk(toks, start, pos+1, best, all)
		}
	}
	if n.any != nil && (t.Kind == text.Word || t.Kind == text.Elision) {
		n.any.walk(toks, start, pos+1, best, all)
	}
	if len(n.stems) > 0 && t.Kind == text.Word && len(t.Norm) >= stemKey {
		for _, e := range n.stems[t.Norm[:stemKey]] {
			if strings.HasPrefix(t.Norm, e.prefix) {
				e.child.walk(toks, start, pos+1, best, all)
			}
		}
	}
}

func foldKey(form string) string { return text.Fold(form) }
