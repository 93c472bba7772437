package text

import "slices"

// quoteMark is the role of a quote-mark token.
type quoteMark uint8

const (
	notQuote     quoteMark = iota
	openGuil               // «
	closeGuil              // »
	openCurly              // “ (also closes „)
	closeCurly             // ”
	openLow                // „
	openSingle             // ‹
	closeSingle            // ›
	straightMark           // "
)

// markOf returns the quote role of a Punct token's Norm.
func markOf(norm string) quoteMark {
	switch norm {
	case "«":
		return openGuil
	case "»":
		return closeGuil
	case "“":
		return openCurly
	case "”":
		return closeCurly
	case "„":
		return openLow
	case "‹":
		return openSingle
	case "›":
		return closeSingle
	case "\"", "＂":
		return straightMark
	}
	return notQuote
}

// quotes pairs the quote marks line by line and fills doc.Quotes, a.tops
// and the quote flags of the marks. A closing mark pairs with the nearest
// open mark of its kind; quotes opened inside it and still open end just
// before it. A closing mark with no open partner is ignored. Quotes still
// open at the end of a line end at the last token of the line.
func (a *analyzer) quotes() {
	toks := a.doc.Tokens
	var stack []int // token indices of open marks
	kinds := make([]quoteMark, 0, 4)
	lineEnd := 0 // end of the last token of the current line
	flush := func() {
		for k := len(stack) - 1; k >= 0; k-- {
			q := Quote{Start: toks[stack[k]].Start, End: lineEnd}
			a.flags[stack[k]] |= flagOpenQuote
			a.doc.Quotes = append(a.doc.Quotes, q)
			if k == 0 {
				a.tops = append(a.tops, q)
			}
		}
		stack, kinds = stack[:0], kinds[:0]
	}
	// closeTo closes the quotes down to and including stack[k] at token i.
	closeTo := func(k, i int) {
		for j := len(stack) - 1; j > k; j-- {
			a.flags[stack[j]] |= flagOpenQuote
			a.doc.Quotes = append(a.doc.Quotes, Quote{Start: toks[stack[j]].Start, End: toks[i-1].End})
		}
		q := Quote{Start: toks[stack[k]].Start, End: toks[i].End}
		a.flags[stack[k]] |= flagOpenQuote
		a.flags[i] |= flagCloseQuote
		a.doc.Quotes = append(a.doc.Quotes, q)
		if k == 0 {
			a.tops = append(a.tops, q)
		}
		stack, kinds = stack[:k], kinds[:k]
	}
	find := func(m quoteMark) int {
		for k := len(kinds) - 1; k >= 0; k-- {
			if kinds[k] == m {
				return k
			}
		}
		return -1
	}
	for i := range toks {
		t := &toks[i]
		if a.flags[i]&flagNewline != 0 {
			flush()
		}
		if t.Kind == Punct && t.End-t.Start > 1 || t.Norm == "\"" {
			m := markOf(t.Norm)
			switch m {
			case openGuil, openLow, openSingle:
				stack, kinds = append(stack, i), append(kinds, m)
			case openCurly:
				if n := len(kinds); n > 0 && kinds[n-1] == openLow {
					closeTo(n-1, i)
				} else {
					stack, kinds = append(stack, i), append(kinds, m)
				}
			case closeGuil, closeCurly, closeSingle, straightMark:
				if k := find(partner(m)); k >= 0 {
					closeTo(k, i)
				} else if m == straightMark {
					stack, kinds = append(stack, i), append(kinds, m)
				}
			}
		}
		lineEnd = t.End
	}
	flush()
	slices.SortStableFunc(a.doc.Quotes, func(p, q Quote) int {
		if p.Start != q.Start {
			return p.Start - q.Start
		}
		return q.End - p.End
	})
}

// partner returns the opening mark that the closing mark m closes.
func partner(m quoteMark) quoteMark {
	switch m {
	case closeGuil:
		return openGuil
	case closeCurly:
		return openCurly
	case closeSingle:
		return openSingle
	}
	return m
}
