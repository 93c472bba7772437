package text

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of a token.
type Kind uint8

// The kinds of token.
const (
	// Word is a run of letters and digits with at least one letter:
	// "bombardiers", "Tu", "22M3", "aujourd'hui".
	Word Kind = iota + 1
	// Number is a run of digits, with the thousands separators and decimal
	// marks that join groups: "2017", "4,000", "4 000" (no-break or narrow
	// no-break space), "2.5", "2,5".
	Number
	// Punct is one punctuation or symbol rune: "-", ".", ",", "«", "'".
	Punct
	// Elision is a French elided article or pronoun with its apostrophe,
	// directly followed by a letter: "l'", "d'", "qu'", "jusqu'".
	Elision
)

// String returns the name of the kind.
func (k Kind) String() string {
	switch k {
	case Word:
		return "word"
	case Number:
		return "number"
	case Punct:
		return "punct"
	case Elision:
		return "elision"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Token is one token of a text.
type Token struct {
	// Start and End are the byte span [Start, End) of the token in the
	// original text.
	Start, End int
	// Norm is Fold of the original text of the token: "l'" for "L’",
	// "etats" for "États", "-" for "‑", "4 000" for "4\u202f000".
	Norm string
	// Kind is the kind of the token.
	Kind Kind
	// Upper is set when the original has at least one letter and all its
	// letters are upper case ("EI", "FDS", "IS", "22M3"). Caseless letters
	// (Arabic script) are not upper case.
	Upper bool
	// Cap is set when the original starts with an upper-case letter.
	Cap bool
}

// elisions are the French words that elide before a vowel, in folded form.
// "l’agence" is the Elision "l'" followed by the Word "agence".
var elisions = [...]string{"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"}

// apostropheWords are the words written with an apostrophe that are one
// word, not an elision: the two folded halves around the apostrophe.
var apostropheWords = [...][2]string{
	{"aujourd", "hui"},
	{"quelqu", "un"},
	{"quelqu", "une"},
	{"presqu", "ile"},
	{"presqu", "iles"},
	{"prud", "homme"},
	{"prud", "hommes"},
}

// Tokenize returns the tokens of s. Tokens are maximal runs of letters and
// digits (Word or Number), French elisions (Elision), and single runes of
// punctuation or symbols (Punct); white space and invisible format
// characters separate tokens and belong to none. A hyphen is always its own
// Punct token ("Tu-22M3" → "tu" "-" "22m3"). An apostrophe is part of an
// Elision ("l’agence" → "l'" "agence") or of a word in a short list
// ("aujourd'hui"), and otherwise a Punct ("Russia's" → "russia" "'" "s").
// An invalid UTF-8 byte is a Punct of one byte whose Norm is "\uFFFD".
//
// Spans are in bounds, non-empty, in order and do not overlap. Tokenize is
// also used on lexicon forms, so a form and the same words in a text give
// the same Norms.
func Tokenize(s string) []Token {
	var t tokenizer
	t.run(s)
	return t.toks
}

// tokenizer holds the state of one Tokenize call.
type tokenizer struct {
	s    string
	toks []Token
	// buf holds the Norms that are not substrings of s, end to end;
	// pending[k] is the index of a token whose Norm is the next segment of
	// buf, ending at pendEnd[k].
	buf     []byte
	pending []int
	pendEnd []int
}

// run tokenizes s into t.toks.
func (t *tokenizer) run(s string) {
	t.s = s
	t.toks = make([]Token, 0, len(s)/5+4)
	t.buf = make([]byte, 0, len(s)/8)
	t.pending = make([]int, 0, len(s)/40)
	t.pendEnd = make([]int, 0, len(s)/40)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case asciiSpace[c]:
				i++
			case isASCIIAlnum(c):
				i = t.word(i)
			default:
				t.emit(Token{Start: i, End: i + 1, Kind: Punct})
				i++
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			t.emit(Token{Start: i, End: i + 1, Kind: Punct})
			i++
		case unicode.IsSpace(r) || isIgnorable(r):
			i += n
		case isWordRune(r):
			i = t.word(i)
		default:
			t.emit(Token{Start: i, End: i + n, Kind: Punct})
			i += n
		}
	}
	if len(t.pending) > 0 {
		norms := string(t.buf)
		prev := 0
		for k, ti := range t.pending {
			t.toks[ti].Norm = norms[prev:t.pendEnd[k]]
			prev = t.pendEnd[k]
		}
	}
}

// emit appends tok, computing its Norm.
func (t *tokenizer) emit(tok Token) {
	t.emitFolded(tok, false)
}

// emitFolded appends tok, computing its Norm; folded says that the text of
// tok is known to be its own fold.
func (t *tokenizer) emitFolded(tok Token, folded bool) {
	src := t.s[tok.Start:tok.End]
	if folded || isFoldedASCII(src) {
		tok.Norm = src
	} else {
		t.buf = appendFold(t.buf, src)
		t.pending = append(t.pending, len(t.toks))
		t.pendEnd = append(t.pendEnd, len(t.buf))
	}
	t.toks = append(t.toks, tok)
}

// runInfo describes a run of letters and digits.
type runInfo struct {
	end       int
	digits    int  // number of digits
	letters   bool // at least one letter
	lower     bool // at least one letter that is not upper case
	firstUp   bool // the first rune is an upper-case letter
	asciiLow  bool // ASCII only, no upper-case letter (Norm is the text)
	firstRune rune
}

// scanRun scans the maximal run of letters, digits and marks at i (s[i] is
// the start of a word rune). Ignorable runes inside the run are part of it;
// trailing ones are not.
func scanRun(s string, i int) runInfo {
	ri := runInfo{asciiLow: true, firstRune: -1}
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !isASCIIAlnum(c) {
				break
			}
			if ri.firstRune < 0 {
				ri.firstRune = rune(c)
				ri.firstUp = 'A' <= c && c <= 'Z'
			}
			switch {
			case c <= '9':
				ri.digits++
			case c <= 'Z':
				ri.letters = true
				ri.asciiLow = false
			default:
				ri.letters = true
				ri.lower = true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		if isIgnorable(r) {
			// Part of the run only when a word rune follows.
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if (r2 == utf8.RuneError && n2 == 1) || !isIgnorable(r2) {
					break
				}
				j += n2
			}
			if j >= len(s) || !startsWordRune(s[j:]) {
				break
			}
			ri.asciiLow = false
			i = j
			continue
		}
		if !isWordRune(r) {
			break
		}
		ri.asciiLow = false
		if ri.firstRune < 0 {
			ri.firstRune = r
			ri.firstUp = unicode.IsUpper(r) || unicode.IsTitle(r)
		}
		switch {
		case unicode.IsDigit(r):
			ri.digits++
		case unicode.IsLetter(r):
			ri.letters = true
			if !unicode.IsUpper(r) && !unicode.IsTitle(r) {
				ri.lower = true
			}
		}
		i += n
	}
	ri.end = i
	return ri
}

// word tokenizes the run of letters and digits at i and returns the offset
// after it.
func (t *tokenizer) word(i int) int {
	s := t.s
	ri := scanRun(s, i)
	end := ri.end
	if !ri.letters {
		if ri.digits > 0 {
			end = t.number(ri)
			t.emitFolded(Token{Start: i, End: end, Kind: Number}, ri.asciiLow && end == ri.end)
			return end
		}
		// Only marks: a word of marks.
		t.emit(Token{Start: i, End: end, Kind: Word})
		return end
	}
	tok := Token{Start: i, End: end, Kind: Word, Cap: ri.firstUp, Upper: !ri.lower}
	// Apostrophe followed by a letter: elision or apostrophe word.
	if end < len(s) {
		r, n := utf8.DecodeRuneInString(s[end:])
		if isApostrophe(r) && end+n < len(s) && startsLetter(s[end+n:]) {
			first := s[i:end]
			next := scanRun(s, end+n)
			second := s[end+n : next.end]
			for _, w := range apostropheWords {
				if equalFoldASCII(first, w[0]) && Fold(second) == w[1] {
					tok.End = next.end
					tok.Upper = tok.Upper && !next.lower
					t.emit(tok)
					return tok.End
				}
			}
			for _, w := range elisions {
				if equalFoldASCII(first, w) {
					tok.End = end + n
					tok.Kind = Elision
					t.emit(tok)
					return tok.End
				}
			}
		}
	}
	t.emitFolded(tok, ri.asciiLow)
	return end
}

// number extends the all-digit run ri with the groups that a thousands
// separator or a decimal mark joins, and returns the end of the number.
// A comma or a full stop joins any following all-digit run ("4,000",
// "2,5", "2.5"); a no-break space or a narrow no-break space joins a group
// of exactly three digits after a group of at most three ("4 000",
// "1 234 567"). A plain space never joins.
func (t *tokenizer) number(ri runInfo) int {
	s := t.s
	end := ri.end
	group := ri.digits
	for end < len(s) {
		r, n := utf8.DecodeRuneInString(s[end:])
		switch r {
		case ',', '.':
			if end+n >= len(s) || !startsDigit(s[end+n:]) {
				return end
			}
			next := scanRun(s, end+n)
			if next.letters || next.digits == 0 {
				return end
			}
			end, group = next.end, next.digits
		case '\u00A0', '\u202F':
			if group > 3 || end+n >= len(s) || !startsDigit(s[end+n:]) {
				return end
			}
			next := scanRun(s, end+n)
			if next.letters || next.digits != 3 {
				return end
			}
			end, group = next.end, next.digits
		default:
			return end
		}
	}
	return end
}

// isASCIIAlnum reports whether c is an ASCII letter or digit.
func isASCIIAlnum(c byte) bool {
	return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}

// isWordRune reports whether r belongs in a run of letters and digits:
// a letter, a decimal digit or a mark that Fold keeps.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIIAlnum(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || (unicode.IsMark(r) && !isIgnorable(r))
}

// startsWordRune reports whether s starts with a word rune.
func startsWordRune(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return !(r == utf8.RuneError && n <= 1) && isWordRune(r)
}

// startsLetter reports whether s starts with a letter.
func startsLetter(s string) bool {
	if s == "" {
		return false
	}
	if c := s[0]; c < utf8.RuneSelf {
		return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// startsDigit reports whether s starts with a decimal digit.
func startsDigit(s string) bool {
	if s == "" {
		return false
	}
	if c := s[0]; c < utf8.RuneSelf {
		return '0' <= c && c <= '9'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r)
}

// equalFoldASCII reports whether s, which may hold any text, is the ASCII
// lower-case word w up to ASCII case.
func equalFoldASCII(s, w string) bool {
	if len(s) != len(w) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}
