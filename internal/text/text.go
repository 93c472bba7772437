// Package text is the first stage of sitrep: it turns an article into a Doc,
// the text with its annotation layers, every annotation a half-open byte
// span [Start, End) into the original text, which is never changed.
//
// Analyze does, in order:
//
//  1. Tokenize: maximal runs of letters and digits become Word or Number
//     tokens (numbers keep their thousands separators and decimal marks:
//     "4,000", "4 000" with a no-break space, "2,5"); French elisions become
//     Elision tokens ("l’agence" → "l'" "agence"); every other non-space
//     rune is a Punct token (hyphens included: "Tu-22M3" → "tu" "-" "22m3").
//     Each token carries Norm, its folded form (see Fold), and whether the
//     original is capitalised (Cap) or all capitals (Upper).
//  2. Language: when the caller gives none, DetectLang counts French and
//     English function words and says "fr", "en" or "unknown".
//  3. Quotes: « with », “ with ”, „ with “, ‹ with ›, and a straight " with
//     the next straight ", nested quotes included; a quote still open at the
//     end of its line (paragraph) ends there.
//  4. Sentences: a line always ends a sentence; within a line a sentence ends
//     after . ! ? … (with the closing quotes and brackets that follow it)
//     when white space and then an upper-case letter, a digit, an opening
//     quote or bracket, or a caseless letter (Arabic script) follow, unless
//     the full stop ends an abbreviation of the document's language ("M.",
//     "Mr.", "U.S.", "av. J.-C.", a single capital initial "J.") or the
//     boundary would fall inside a quote: a quoted passage of several
//     sentences and the attribution after it ("…», a annoncé le ministère.")
//     are one sentence. Sentence spans are trimmed of white space.
//
// Fold and FoldWithOffsets give the folded view of a whole text for
// matching, with a map back to the original bytes.
package text

import (
	"sort"
	"unicode"
	"unicode/utf8"
)

// Sentence is one sentence of a Doc.
type Sentence struct {
	// Start and End are the byte span of the sentence, trimmed of
	// surrounding white space: the start of its first token and the end of
	// its last.
	Start, End int
	// First and Last are the token index range [First, Last).
	First, Last int
}

// Quote is one quoted passage of a Doc.
type Quote struct {
	// Start and End are the byte span of the passage including its quote
	// marks; an unclosed quote ends at the end of the last token of its
	// line.
	Start, End int
}

// Doc is a text with its annotation layers.
type Doc struct {
	// Text is the original text.
	Text string
	// Lang is "fr", "en" or "unknown".
	Lang string
	// Tokens are the tokens of Text, in order.
	Tokens []Token
	// Sentences are the sentences of Text, in order. They partition
	// Tokens: the first starts at token 0, each starts where the previous
	// one ends, and the last ends at len(Tokens).
	Sentences []Sentence
	// Quotes are the quoted passages, sorted by Start, an enclosing quote
	// before the quotes nested in it.
	Quotes []Quote
}

// Analyze tokenizes text, detects its language when lang is "", finds its
// quotes and splits it into sentences. A lang given by the caller is
// reduced to "fr" or "en" by its prefix ("fr-FR" → "fr"); any other value
// is "unknown", which applies the abbreviations of both languages.
func Analyze(text, lang string) *Doc {
	d := &Doc{Text: text, Tokens: Tokenize(text)}
	if lang == "" {
		d.Lang = detectTokens(d.Tokens)
	} else {
		d.Lang = normLang(lang)
	}
	a := analyzer{doc: d, flags: make([]uint8, len(d.Tokens))}
	a.gaps()
	a.quotes()
	a.sentences()
	return d
}

// SentenceOf returns the index of the sentence holding token tok, or -1.
func (d *Doc) SentenceOf(tok int) int {
	if tok < 0 || len(d.Sentences) == 0 || tok >= d.Sentences[len(d.Sentences)-1].Last {
		return -1
	}
	i := sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].Last > tok })
	if i < len(d.Sentences) && d.Sentences[i].First <= tok {
		return i
	}
	return -1
}

// QuoteAt returns the index of the outermost quote whose span holds byte
// offset pos (Start <= pos < End), or -1.
func (d *Doc) QuoteAt(pos int) int {
	for i, q := range d.Quotes {
		if q.Start > pos {
			break
		}
		if pos < q.End {
			return i
		}
	}
	return -1
}

// normLang reduces a language tag to "fr", "en" or "unknown".
func normLang(lang string) string {
	if len(lang) >= 2 {
		switch {
		case equalFoldASCII(lang[:2], "fr"):
			return "fr"
		case equalFoldASCII(lang[:2], "en"):
			return "en"
		}
	}
	return "unknown"
}

// Token flags used while analysing.
const (
	flagSpace      uint8 = 1 << iota // white space before the token
	flagNewline                      // a line break before the token
	flagOpenQuote                    // the token opens a quote
	flagCloseQuote                   // the token closes a quote
)

// analyzer holds the state of one Analyze call.
type analyzer struct {
	doc   *Doc
	flags []uint8 // per token
	tops  []Quote // the outermost quotes, in order
}

// gaps records, for each token, whether white space and a line break come
// between it and the previous token.
func (a *analyzer) gaps() {
	s := a.doc.Text
	prev := 0
	for i, t := range a.doc.Tokens {
		gap := s[prev:t.Start]
		prev = t.End
		if gap == "" {
			continue
		}
		if gap == " " {
			a.flags[i] |= flagSpace
			continue
		}
		a.flags[i] |= gapFlags(gap)
	}
}

// gapFlags classifies the text between two tokens: white space and
// ignorable runes (see isIgnorable).
func gapFlags(gap string) uint8 {
	var f uint8
	for i := 0; i < len(gap); {
		c := gap[i]
		if c < utf8.RuneSelf {
			switch c {
			case '\n', '\r', '\v', '\f':
				f |= flagSpace | flagNewline
			case ' ', '\t':
				f |= flagSpace
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(gap[i:])
		switch {
		case r == 0x85 || r == 0x2028 || r == 0x2029:
			f |= flagSpace | flagNewline
		case unicode.IsSpace(r):
			f |= flagSpace
		}
		i += n
	}
	return f
}
