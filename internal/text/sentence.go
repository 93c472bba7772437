package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations are the words that a full stop follows without ending the
// sentence, per language, as written (case matters: "M." is Monsieur, "m."
// a metre). A form may hold inner full stops ("U.S", "J.-C"); it must be
// preceded by the start of the text or a rune that is not a letter or
// digit. The "unknown" language uses both lists. Single capital initials
// ("J. Smith") are handled in code, for every language. "n°" needs no
// entry: no full stop follows it.
var abbreviations = [...]struct{ lang, form string }{
	// French.
	{"fr", "M"}, {"fr", "MM"}, {"fr", "Mme"}, {"fr", "Mmes"}, {"fr", "Mlle"},
	{"fr", "Dr"}, {"fr", "Pr"}, {"fr", "Me"}, {"fr", "St"}, {"fr", "Ste"},
	{"fr", "av"}, {"fr", "apr"}, {"fr", "J.-C"}, {"fr", "cf"}, {"fr", "Cf"},
	{"fr", "p"}, {"fr", "pp"}, {"fr", "gén"},
	// English.
	{"en", "Mr"}, {"en", "Mrs"}, {"en", "Ms"}, {"en", "Messrs"}, {"en", "Dr"},
	{"en", "Prof"}, {"en", "Rev"}, {"en", "Gen"}, {"en", "Gens"}, {"en", "Lt"},
	{"en", "Col"}, {"en", "Maj"}, {"en", "Sgt"}, {"en", "Capt"}, {"en", "Cmdr"},
	{"en", "Adm"}, {"en", "Brig"}, {"en", "Gov"}, {"en", "Sen"}, {"en", "Sens"},
	{"en", "Rep"}, {"en", "Reps"}, {"en", "St"}, {"en", "Mt"}, {"en", "Ft"},
	{"en", "U.S"}, {"en", "U.N"}, {"en", "U.K"}, {"en", "No"}, {"en", "Nos"},
	{"en", "Jan"}, {"en", "Feb"}, {"en", "Aug"}, {"en", "Sept"}, {"en", "Oct"},
	{"en", "Nov"}, {"en", "Dec"}, {"en", "Inc"}, {"en", "Corp"}, {"en", "Co"},
	{"en", "Ltd"}, {"en", "a.m"}, {"en", "p.m"}, {"en", "e.g"}, {"en", "i.e"},
	{"en", "vs"}, {"en", "approx"},
}

// maxAbbrevWord is the longest word, in bytes, that ends a form of
// abbreviations: "Messrs", "approx".
const maxAbbrevWord = 6

// isAbbrev reports whether the full stop at byte offset dot ends an
// abbreviation of language lang.
func isAbbrev(s string, dot int, lang string) bool {
	before := s[:dot]
	for _, a := range abbreviations {
		if lang != "unknown" && a.lang != lang {
			continue
		}
		if !strings.HasSuffix(before, a.form) {
			continue
		}
		rest := before[:len(before)-len(a.form)]
		if rest == "" {
			return true
		}
		r, _ := utf8.DecodeLastRuneInString(rest)
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// isTerminal reports whether a Punct Norm ends a sentence.
func isTerminal(norm string) bool {
	switch norm {
	case ".", "!", "?", "…", "؟", "۔", "。", "！", "？", "‼", "⁇", "⁈", "⁉":
		return true
	}
	return false
}

// isCloser reports whether a Punct Norm may follow a terminal inside its
// sentence when it touches it: closing brackets and quotes.
func isCloser(norm string) bool {
	switch norm {
	case ")", "]", "»", "”", "›", "'", "\"":
		return true
	}
	return false
}

// isOpener reports whether a Punct Norm may start a sentence.
func isOpener(norm string) bool {
	switch norm {
	case "«", "“", "„", "‹", "(", "[", "¿", "¡":
		return true
	}
	return false
}

// sentences splits the tokens into sentences; see the package comment.
func (a *analyzer) sentences() {
	d := a.doc
	toks := d.Tokens
	if len(toks) == 0 {
		return
	}
	d.Sentences = make([]Sentence, 0, len(toks)/20+1)
	qi := 0 // first outermost quote that may hold a later boundary
	start := 0
	emit := func(end int) {
		d.Sentences = append(d.Sentences, Sentence{
			Start: toks[start].Start, End: toks[end-1].End,
			First: start, Last: end,
		})
		start = end
	}
	for i := 0; i < len(toks); {
		if i > start && a.flags[i]&flagNewline != 0 {
			emit(i)
		}
		t := &toks[i]
		if t.Kind != Punct || !isTerminal(t.Norm) {
			i++
			continue
		}
		// The terminal run: "?!", "...".
		j := i + 1
		for j < len(toks) && a.flags[j]&(flagSpace|flagNewline) == 0 && toks[j].Kind == Punct && isTerminal(toks[j].Norm) {
			j++
		}
		if j == i+1 && t.Norm == "." && a.noStop(i) {
			i = j
			continue
		}
		// Closing quotes and brackets.
		for j < len(toks) && a.flags[j]&flagNewline == 0 && toks[j].Kind == Punct {
			f := a.flags[j]
			if f&flagCloseQuote != 0 || (f&flagSpace == 0 && isCloser(toks[j].Norm) && f&flagOpenQuote == 0) {
				j++
				continue
			}
			break
		}
		if j >= len(toks) || a.flags[j]&flagNewline != 0 {
			i = j
			continue
		}
		if a.flags[j]&flagSpace == 0 || !a.startsSentence(j) {
			i = j
			continue
		}
		boundary := toks[j-1].End
		for qi < len(a.tops) && a.tops[qi].End < boundary {
			qi++
		}
		if qi < len(a.tops) && a.tops[qi].Start < boundary && boundary < a.tops[qi].End {
			i = j
			continue
		}
		emit(j)
		i = j
	}
	emit(len(toks))
}

// noStop reports whether the full stop at token i ends an abbreviation or a
// single capital initial rather than a sentence.
func (a *analyzer) noStop(i int) bool {
	if i == 0 || a.flags[i]&flagSpace != 0 {
		return false
	}
	toks := a.doc.Tokens
	p := &toks[i-1]
	if p.End != toks[i].Start {
		return false // an ignorable rune in between
	}
	if p.Kind == Word && p.Upper {
		if r, n := utf8.DecodeRuneInString(a.doc.Text[p.Start:]); n == p.End-p.Start && unicode.IsUpper(r) {
			return true
		}
	}
	if p.Kind != Word || p.End-p.Start > maxAbbrevWord {
		return false
	}
	return isAbbrev(a.doc.Text, toks[i].Start, a.doc.Lang)
}

// startsSentence reports whether token j may start a sentence.
func (a *analyzer) startsSentence(j int) bool {
	t := &a.doc.Tokens[j]
	switch {
	case t.Cap, t.Kind == Number, a.flags[j]&flagOpenQuote != 0:
		return true
	case t.Kind == Punct:
		return isOpener(t.Norm)
	}
	r, _ := utf8.DecodeRuneInString(a.doc.Text[t.Start:])
	return unicode.IsDigit(r) || (unicode.IsLetter(r) && !unicode.IsLower(r) && !unicode.IsUpper(r) && !unicode.IsTitle(r))
}
