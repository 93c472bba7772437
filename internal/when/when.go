// Package when finds date expressions in a sentence's tokens and resolves
// them against a document's publication date, following the conventions of
// the sitrep gold files:
//
//   - a weekday ("mardi", "on Tuesday") is the most recent such day on or
//     before publication; with "dernier" / "last" it is strictly before;
//   - "hier" / "yesterday" is the day before, "avant-hier" two days before;
//   - "dans la nuit de mardi à mercredi" / "overnight Tuesday to Wednesday"
//     is the later day;
//   - "10 novembre 2017", "April 8, 2022", "8 avril" (year of publication,
//     or the year before when that would put the date after publication)
//     are days; "en mars" / "in March 2019" is the first of the month with
//     precision month; a year alone has precision year;
//   - "24 heures après …" / "two days after …" is an offset from another
//     event of the same sentence, resolved by the caller (Expr.Offset).
//
// The words come from the dates.tsv and numbers.tsv lexicons; only the
// arithmetic is code.
package when

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/lexicon"
	"github.com/sitrep/sitrep/internal/text"
)

// Precision of a resolved date, as EVENTS.md names it.
const (
	Day     = "day"
	Week    = "week"
	Month   = "month"
	Year    = "year"
	Unknown = "unknown"
)

// Kind of an expression.
type Kind uint8

// Expression kinds.
const (
	Absolute Kind = iota + 1 // a calendar date, possibly partial
	Weekday                  // a day of the week
	Relative                 // days from publication
	Offset                   // hours from another event ("24 heures après")
	WeekRel                  // weeks from the week of publication ("la semaine dernière")
	MonthRel                 // months from the month of publication ("last month")
	Same                     // days from the event told just before ("le même jour")
	Duration                 // how long something has lasted ("for more than 15 years", "pendant plusieurs jours"): no date
)

// Expr is one date expression found in text.
type Expr struct {
	Start, End  int // byte span in the document
	First, Last int // token range [First, Last)
	Kind        Kind
	Year        int // 0 when not stated
	Month       int // 0 when not stated
	DayOfMonth  int // 0 when not stated
	Weekday     time.Weekday
	Strict      bool // weekday strictly before publication ("dernier")
	Days        int  // Relative, Same: days from publication or from the event before; Week, MonthRel: weeks or months
	Hours       int  // Offset: hours after (positive) or before (negative) the anchor event
	// Since marks a starting point ("since the February 1 coup", "depuis
	// 2015"): the date of what began then, not of an event told now.
	Since bool
}

// Date is a resolved date.
type Date struct {
	Value     string // YYYY-MM-DD, empty when unknown
	Precision string
}

// ParsePublished reads a publication date: YYYY-MM-DD or RFC 3339.
func ParsePublished(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("published date %q: want YYYY-MM-DD or RFC 3339", s)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
}

// Resolve turns an expression into a date against pub (the zero time when
// the publication date is unknown: then only absolute dates with a year
// resolve). Offset expressions cannot be resolved alone: they return
// Unknown; use Shift on the anchor's date.
func (e Expr) Resolve(pub time.Time) Date {
	havePub := !pub.IsZero()
	switch e.Kind {
	case Absolute:
		y := e.Year
		if y == 0 {
			if !havePub {
				return Date{Precision: Unknown}
			}
			y = pub.Year()
			if e.Month > 0 && e.DayOfMonth > 0 && time.Date(y, time.Month(e.Month), e.DayOfMonth, 0, 0, 0, 0, time.UTC).After(pub) {
				y--
			} else if e.Month > 0 && e.DayOfMonth == 0 && e.Month > int(pub.Month()) {
				y--
			}
		}
		switch {
		case e.Month > 0 && e.DayOfMonth > 0:
			return Date{Value: fmtDate(time.Date(y, time.Month(e.Month), e.DayOfMonth, 0, 0, 0, 0, time.UTC)), Precision: Day}
		case e.Month > 0:
			return Date{Value: fmtDate(time.Date(y, time.Month(e.Month), 1, 0, 0, 0, 0, time.UTC)), Precision: Month}
		default:
			return Date{Value: fmtDate(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)), Precision: Year}
		}
	case Weekday:
		if !havePub {
			return Date{Precision: Unknown}
		}
		back := (int(pub.Weekday()) - int(e.Weekday) + 7) % 7
		if back == 0 && e.Strict {
			back = 7
		}
		return Date{Value: fmtDate(pub.AddDate(0, 0, -back)), Precision: Day}
	case Relative:
		if !havePub {
			return Date{Precision: Unknown}
		}
		return Date{Value: fmtDate(pub.AddDate(0, 0, e.Days)), Precision: Day}
	case WeekRel:
		if !havePub {
			return Date{Precision: Unknown}
		}
		// The Monday of the week meant.
		monday := pub.AddDate(0, 0, -((int(pub.Weekday())+6)%7)+7*e.Days)
		return Date{Value: fmtDate(monday), Precision: Week}
	case MonthRel:
		if !havePub {
			return Date{Precision: Unknown}
		}
		first := time.Date(pub.Year(), pub.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, e.Days, 0)
		return Date{Value: fmtDate(first), Precision: Month}
	}
	return Date{Precision: Unknown}
}

// After resolves a Same expression ("le même jour", "le lendemain")
// against the date of the event told before it.
func (e Expr) After(prev Date) Date {
	if prev.Value == "" || prev.Precision != Day {
		return Date{Precision: Unknown}
	}
	t, err := time.Parse("2006-01-02", prev.Value)
	if err != nil {
		return Date{Precision: Unknown}
	}
	return Date{Value: fmtDate(t.AddDate(0, 0, e.Days)), Precision: Day}
}

// Unshift resolves the other side of an Offset expression: the event told
// after "après"/"after" has the given date, and this one came Hours later
// ("Quelques heures après l'attaque, une roquette a touché…").
func (e Expr) Unshift(after Date) Date {
	if after.Value == "" || after.Precision != Day {
		return Date{Precision: Unknown}
	}
	t, err := time.Parse("2006-01-02", after.Value)
	if err != nil {
		return Date{Precision: Unknown}
	}
	return Date{Value: fmtDate(t.AddDate(0, 0, e.Hours/24)), Precision: Day}
}

// Shift resolves an Offset expression against its anchor's date: the
// expression says the anchor came Hours after this event, so this event's
// date is the anchor's minus Hours (whole days, rounded toward the anchor).
func (e Expr) Shift(anchor Date) Date {
	if anchor.Value == "" || anchor.Precision != Day {
		return Date{Precision: Unknown}
	}
	t, err := time.Parse("2006-01-02", anchor.Value)
	if err != nil {
		return Date{Precision: Unknown}
	}
	return Date{Value: fmtDate(t.AddDate(0, 0, -e.Hours/24)), Precision: Day}
}

func fmtDate(t time.Time) string { return t.Format("2006-01-02") }

// Find returns the date expressions in toks[first:last], given the
// lexicon matches of the same tokens (any categories; Date and Number
// ones are used). Expressions do not overlap and come in text order.
func Find(doc *text.Doc, lex *lexicon.Lexicon, matches []lexicon.Match, first, last int) []Expr {
	toks := doc.Tokens
	// Index the date and number words by their first token.
	dateAt := map[int]lexicon.Match{}
	numAt := map[int]lexicon.Match{}
	for _, m := range matches {
		if m.First < first || m.Last > last {
			continue
		}
		switch m.Cat {
		case lexicon.Date:
			dateAt[m.First] = m
		case lexicon.Number:
			numAt[m.First] = m
		}
	}
	dateKind := func(i int) (lexicon.DateEntry, lexicon.Match, bool) {
		m, ok := dateAt[i]
		if !ok {
			return lexicon.DateEntry{}, m, false
		}
		return lex.Dates[m.Index], m, true
	}
	var out []Expr
	// offsetAt reads "after"/"before" within three tokens of k (one or
	// two words such as "à peine", "just" may stand between) and appends
	// an Offset of hours starting at token i.
	offsetAt := func(i, hours, k int) (int, bool) {
		for skip := 0; skip < 3 && k < last; skip++ {
			if a, am, ok := dateKind(k); ok && (a.Kind == "after" || a.Kind == "before") {
				x := Expr{First: i, Kind: Offset, Hours: hours}
				if a.Kind == "before" {
					x.Hours = -x.Hours
				}
				// "A day earlier, a similar protest …", "Two days later,":
				// no event named after it, so counted from the event told
				// before.
				if am.Last >= last || toks[am.Last].Kind == text.Punct && hours%24 == 0 {
					x = Expr{First: i, Kind: Same, Days: x.Hours / 24}
				}
				out = append(out, finish(doc, x, am.Last))
				return am.Last, true
			}
			k++
		}
		return 0, false
	}
	// durationBefore reports whether a "since" or "for" word stands within
	// three tokens before token i ("for more than 15 years").
	durationBefore := func(i int) bool {
		for j := i - 1; j >= first && j >= i-3; j-- {
			if e, _, ok := dateKind(j); ok && (e.Kind == "since" || e.Kind == "for") {
				return true
			}
		}
		return false
	}
	for i := first; i < last; i++ {
		t := toks[i]
		// All-number dates: "01/11/2017", "10.11.2017".
		if x, end, ok := numericDate(toks, i, last, doc.Lang); ok {
			out = append(out, finish(doc, x, end))
			i = end - 1
			continue
		}
		// Numeric day or offset: "10 novembre 2017", "24 heures après".
		if n, ok := numberAt(doc, lex, numAt, i); ok {
			j := n.next
			if e, _, ok := dateKind(j); ok && e.Kind == "month" {
				x := Expr{First: i, Kind: Absolute, Month: e.Value, DayOfMonth: n.value}
				k := dateAt[j].Last
				if y, ok := YearAt(toks, k, last); ok {
					x.Year, k = y, k+1
				}
				if x.DayOfMonth >= 1 && x.DayOfMonth <= 31 {
					out = append(out, finish(doc, x, k))
					i = k - 1
					continue
				}
			}
			if e, m, ok := dateKind(j); ok && e.Kind == "unit" {
				if end, ok := offsetAt(i, n.value*e.Value, m.Last); ok {
					i = end - 1
				} else if durationBefore(i) {
					// "for more than 15 years", "depuis deux ans": a state
					// that has lasted a month or more is background;
					// "pendant plusieurs jours" is how long the event went on.
					out = append(out, finish(doc, Expr{First: i, Kind: Duration, Hours: n.value * e.Value, Since: e.Value >= 720}, m.Last))
					i = m.Last - 1
				}
				continue
			}
		}
		// A unit with no number: "hours after", "less than a day after",
		// "over the past decade".
		if e, m, ok := dateKind(i); ok && e.Kind == "unit" {
			if end, ok := offsetAt(i, e.Value, m.Last); ok {
				i = end - 1
				continue
			}
			if durationBefore(i) {
				out = append(out, finish(doc, Expr{First: i, Kind: Duration, Hours: e.Value, Since: e.Value >= 720}, m.Last))
				i = m.Last - 1
				continue
			}
		}
		e, m, ok := dateKind(i)
		if !ok {
			continue
		}
		switch e.Kind {
		case "month":
			x := Expr{First: i, Kind: Absolute, Month: e.Value}
			k := m.Last
			if k < last && toks[k].Norm == "." && k+1 < last && toks[k+1].Kind == text.Number {
				k++ // "Nov. 1, 2017"
			}
			// English "April 8, 2022" / "April 8".
			if n, ok := numberAt(doc, lex, numAt, k); ok && n.value >= 1 && n.value <= 31 && toks[k].Kind == text.Number {
				x.DayOfMonth = n.value
				k = n.next
				if k < last && toks[k].Norm == "," {
					if y, ok := YearAt(toks, k+1, last); ok {
						x.Year, k = y, k+2
					}
				} else if y, ok := YearAt(toks, k, last); ok {
					x.Year, k = y, k+1
				}
			} else if y, ok := YearAt(toks, k, last); ok {
				x.Year, k = y, k+1
			}
			out = append(out, finish(doc, x, k))
			i = k - 1
		case "weekday":
			x := Expr{First: i, Kind: Weekday, Weekday: time.Weekday(e.Value % 7)}
			k := m.Last
			// "vendredi dernier"
			if l, lm, ok := dateKind(k); ok && l.Kind == "last" {
				x.Strict, k = true, lm.Last
			}
			// "last Friday"
			if i > first {
				if l, lm, ok := dateKind(i - 1); ok && l.Kind == "last" && lm.Last == i {
					x.Strict, x.First = true, i-1
				}
			}
			out = append(out, finish(doc, x, k))
			i = k - 1
		case "relative":
			out = append(out, finish(doc, Expr{First: i, Kind: Relative, Days: e.Value}, m.Last))
			i = m.Last - 1
		case "week":
			out = append(out, finish(doc, Expr{First: i, Kind: WeekRel, Days: e.Value}, m.Last))
			i = m.Last - 1
		case "year", "since":
			// "en 2014", "in 2019", "since 2015": a year alone; "since the
			// 1960s", "depuis les années 1990": a decade.
			k := m.Last
			for k < last && k < m.Last+2 && decadeWord(toks[k].Norm) {
				k++
			}
			if y, ok := YearAt(toks, k, last); ok {
				out = append(out, finish(doc, Expr{First: i, Kind: Absolute, Year: y, Since: e.Kind == "since"}, k+1))
				i = k
			}
		case "monthrel":
			out = append(out, finish(doc, Expr{First: i, Kind: MonthRel, Days: e.Value}, m.Last))
			i = m.Last - 1
		case "same":
			out = append(out, finish(doc, Expr{First: i, Kind: Same, Days: e.Value}, m.Last))
			i = m.Last - 1
		case "night":
			// "dans la nuit de mardi à mercredi": the later weekday wins.
			var wd []Expr
			k := m.Last
			for ; k < last && k < m.Last+6; k++ {
				if w, wm, ok := dateKind(k); ok && w.Kind == "weekday" {
					wd = append(wd, Expr{First: i, Kind: Weekday, Weekday: time.Weekday(w.Value % 7)})
					k = wm.Last - 1
				}
			}
			if len(wd) > 0 {
				out = append(out, finish(doc, wd[len(wd)-1], k))
				i = k - 1
			} else {
				// "overnight", "dans la nuit" with no day named: the night
				// that ends on the day of publication.
				out = append(out, finish(doc, Expr{First: i, Kind: Relative}, m.Last))
				i = m.Last - 1
			}
		}
		_ = t
	}
	// "since the February 1 coup", "depuis le 20 janvier": a since word
	// right before the date, or one short word before it.
	for k := range out {
		j := out[k].First - 1
		if j > first && toks[j].Kind == text.Word && !toks[j].Cap && len(toks[j].Norm) <= 3 {
			if e, _, ok := dateKind(j); !ok || e.Kind != "since" {
				j--
			}
		}
		if e, _, ok := dateKind(j); ok && j >= first && e.Kind == "since" {
			out[k].Since = true
		}
	}
	return out
}

func finish(doc *text.Doc, x Expr, end int) Expr {
	x.Last = end
	x.Start = doc.Tokens[x.First].Start
	x.End = doc.Tokens[end-1].End
	return x
}

type number struct {
	value int
	next  int // token after the number
}

// numberAt reads a number at token i: digits, or an exact number word.
func numberAt(doc *text.Doc, lex *lexicon.Lexicon, numAt map[int]lexicon.Match, i int) (number, bool) {
	if i >= len(doc.Tokens) {
		return number{}, false
	}
	t := doc.Tokens[i]
	if t.Kind == text.Number {
		v, err := strconv.Atoi(digitsOnly(t.Norm))
		if err != nil {
			return number{}, false
		}
		return number{value: v, next: i + 1}, true
	}
	if v, ok := ordinal(t.Norm); ok {
		return number{value: v, next: i + 1}, true
	}
	if m, ok := numAt[i]; ok {
		// "sept missiles", "quelques heures après": exact and vague counts.
		e := lex.Numbers[m.Index]
		if e.Kind == "exact" || e.Kind == "vague" {
			return number{value: e.Value, next: m.Last}, true
		}
	}
	return number{}, false
}

// YearAt reads a year (1900–2100) or a decade ("1960s") at token i,
// before last.
func YearAt(toks []text.Token, i, last int) (int, bool) {
	if i >= last {
		return 0, false
	}
	n := toks[i].Norm
	if toks[i].Kind == text.Word && len(n) == 5 && n[4] == 's' {
		n = n[:4] // a decade: "the 1960s"
	} else if toks[i].Kind != text.Number || len(n) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(n)
	if err != nil || y < 1900 || y > 2100 {
		return 0, false
	}
	return y, true
}

// decadeWord reports whether a folded word may stand between "since" /
// "depuis" and a decade: "the 1960s", "les années 1990".
func decadeWord(n string) bool {
	switch n {
	case "the", "les", "annees", "early", "late":
		return true
	}
	return false
}

// digitsOnly drops thousands separators.
func digitsOnly(s string) string {
	if !strings.ContainsAny(s, ",.  \u202f") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ordinal reads a day written as an ordinal: "1er", "1re", "2e", "1st",
// "22nd", "3rd", "4th".
func ordinal(n string) (int, bool) {
	k := 0
	for k < len(n) && n[k] >= '0' && n[k] <= '9' {
		k++
	}
	if k == 0 || k > 2 {
		return 0, false
	}
	switch n[k:] {
	case "er", "re", "e", "eme", "st", "nd", "rd", "th":
	default:
		return 0, false
	}
	v, err := strconv.Atoi(n[:k])
	return v, err == nil
}

// numericDate reads "01/11/2017" (slashes) or "10.11.2017" (one dotted
// number token): day first in French, and in English when the first number
// cannot be a month; month first otherwise (US style).
func numericDate(toks []text.Token, i, last int, lang string) (Expr, int, bool) {
	var parts []string
	end := i
	switch {
	case toks[i].Kind == text.Number && strings.Count(toks[i].Norm, ".") == 2:
		parts = strings.Split(toks[i].Norm, ".")
		end = i + 1
	case i+4 < last && toks[i].Kind == text.Number && toks[i+1].Norm == "/" && toks[i+2].Kind == text.Number && toks[i+3].Norm == "/" && toks[i+4].Kind == text.Number:
		parts = []string{toks[i].Norm, toks[i+2].Norm, toks[i+4].Norm}
		end = i + 5
	default:
		return Expr{}, 0, false
	}
	var v [3]int
	for k, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return Expr{}, 0, false
		}
		v[k] = n
	}
	d, m, y := v[0], v[1], v[2]
	if lang == "en" && d <= 12 && m > 12 {
		d, m = m, d
	} else if lang == "en" && d <= 12 && m <= 12 {
		d, m = m, d // US order: month first
	}
	if y < 100 {
		y += 2000
	}
	if d < 1 || d > 31 || m < 1 || m > 12 || y < 1900 || y > 2100 {
		return Expr{}, 0, false
	}
	return Expr{First: i, Kind: Absolute, Year: y, Month: m, DayOfMonth: d}, end, true
}
