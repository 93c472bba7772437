package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Folded is a folded copy of a text with a map back to the original bytes.
// Offsets[i] is the byte offset in the original text of the rune that
// produced folded byte i; len(Offsets) == len(Text)+1 and the last entry is
// the length of the original text, so a folded span [a, b) maps back to the
// original span [Offsets[a], Offsets[b]).
type Folded struct {
	Text    string
	Offsets []int
}

// Fold returns the folded form of s: lower case; Latin accents removed
// (é→e, ç→c, œ→oe, æ→ae, ß→ss, ø→o, ł→l …); typographic apostrophes ’ ‘ ʼ ′ ´
// mapped to ' and hyphen variants ‐ ‑ − to -; Arabic-Indic digits mapped to
// ASCII digits; combining marks, Arabic harakat and tatweel, and invisible
// format characters (soft hyphen, zero-width space and joiners, BOM, bidi
// marks) dropped; every run of white space (including no-break and narrow
// no-break spaces and newlines) replaced by one ASCII space. Leading and
// trailing space is kept (collapsed), not trimmed. Other letters, Arabic
// script included, are lower-cased and kept. An invalid UTF-8 byte becomes
// U+FFFD. Token.Norm is Fold of the token's original text.
//
// Fold returns s itself, without allocating, when s is already folded
// (ASCII with no upper-case letter and no run of white space).
func Fold(s string) string {
	if isFoldedASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if asciiSpace[c] {
				if !space {
					b.WriteByte(' ')
					space = true
				}
				continue
			}
			space = false
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r != utf8.RuneError && unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		out, multi := foldRune(r)
		if out >= 0 {
			space = false
			b.WriteRune(out)
		} else if multi != "" {
			space = false
			b.WriteString(multi)
		}
	}
	return b.String()
}

// FoldWithOffsets returns Fold(text) with, for each folded byte, the offset
// of the original rune it comes from. A collapsed run of white space maps to
// the start of the run; the bytes of an expansion (œ → "oe") all map to the
// start of the original rune.
func FoldWithOffsets(text string) Folded {
	buf := make([]byte, 0, len(text))
	offs := make([]int, 0, len(text)+1)
	space := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				if !space {
					buf = append(buf, ' ')
					offs = append(offs, i)
					space = true
				}
				i++
				continue
			}
			space = false
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			offs = append(offs, i)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if r != utf8.RuneError && unicode.IsSpace(r) {
			if !space {
				buf = append(buf, ' ')
				offs = append(offs, i)
				space = true
			}
			i += n
			continue
		}
		before := len(buf)
		out, multi := foldRune(r)
		if out >= 0 {
			buf = utf8.AppendRune(buf, out)
		} else {
			buf = append(buf, multi...)
		}
		if len(buf) > before {
			space = false
		}
		for k := before; k < len(buf); k++ {
			offs = append(offs, i)
		}
		i += n
	}
	offs = append(offs, len(text))
	return Folded{Text: string(buf), Offsets: offs}
}

// asciiSpace marks the ASCII white-space bytes.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// isFoldedASCII reports whether s is ASCII with no upper-case letter, no
// white space other than ' ' and no two spaces in a row: Fold(s) == s.
func isFoldedASCII(s string) bool {
	prev := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return false
		}
		if asciiSpace[c] && (c != ' ' || prev == ' ') {
			return false
		}
		prev = c
	}
	return true
}

// appendFold appends Fold(s) to dst.
func appendFold(dst []byte, s string) []byte {
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if asciiSpace[c] {
				if !space {
					dst = append(dst, ' ')
					space = true
				}
				continue
			}
			space = false
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r != utf8.RuneError && unicode.IsSpace(r) {
			if !space {
				dst = append(dst, ' ')
				space = true
			}
			continue
		}
		out, multi := foldRune(r)
		if out >= 0 {
			space = false
			dst = utf8.AppendRune(dst, out)
		} else if multi != "" {
			space = false
			dst = append(dst, multi...)
		}
	}
	return dst
}

// foldRune folds one non-space rune. It returns out >= 0, the rune to
// write, or out == -1 and multi, the string to write ("" drops the rune).
func foldRune(r rune) (out rune, multi string) {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A', ""
		}
		return r, ""
	case r == utf8.RuneError:
		return r, ""
	case r >= 0xC0 && r <= 0x24F:
		switch c := latinFold[r-0xC0]; c {
		case 0:
		case 1:
			return -1, latinFoldMulti[r]
		default:
			return rune(c), ""
		}
	case r >= 0x1E00 && r <= 0x1EFF:
		switch c := latinFold2[r-0x1E00]; c {
		case 0:
		case 1:
			return -1, latinFoldMulti[r]
		default:
			return rune(c), ""
		}
	case isApostrophe(r):
		return '\'', ""
	case isHyphen(r):
		return '-', ""
	case r >= 0x660 && r <= 0x669:
		return '0' + r - 0x660, ""
	case r >= 0x6F0 && r <= 0x6F9:
		return '0' + r - 0x6F0, ""
	case r >= 0xFB00 && r <= 0xFB06:
		return -1, ligatures[r-0xFB00]
	case isIgnorable(r):
		return -1, ""
	}
	if lr := unicode.ToLower(r); lr != r {
		// Ƀ lower-cases to ƀ, which folds to b.
		if lr < utf8.RuneSelf || (lr >= 0xC0 && lr <= 0x24F) || (lr >= 0x1E00 && lr <= 0x1EFF) {
			return foldRune(lr)
		}
		return lr, ""
	}
	return r, ""
}

// ligatures holds the folds of U+FB00–U+FB06.
var ligatures = [...]string{"ff", "fi", "fl", "ffi", "ffl", "st", "st"}

// isApostrophe reports whether r is an apostrophe: ' ’ ‘ ʼ ′ ´ or the
// full-width '.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u2018', '\u02BC', '\u2032', '\u00B4', '\uFF07':
		return true
	}
	return false
}

// isHyphen reports whether r is a hyphen: - ‐ ‑ − ﹣ or the full-width -.
// Dashes (– —) are not hyphens.
func isHyphen(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\u2212', '\uFE63', '\uFF0D':
		return true
	}
	return false
}

// isIgnorable reports whether r is dropped by Fold and skipped by the
// tokenizer: combining diacritical marks, variation selectors, Arabic
// harakat and tatweel, and format characters (category Cf: soft hyphen,
// zero-width space and joiners, BOM, bidi controls).
func isIgnorable(r rune) bool {
	switch {
	case r < 0xAD:
		return false
	case r == 0xAD:
		return true
	case r < 0x300:
		return false
	case r <= 0x36F, // combining diacritical marks
		r >= 0x64B && r <= 0x65F, r == 0x640, // Arabic harakat, tatweel
		r >= 0x1AB0 && r <= 0x1AFF, r >= 0x1DC0 && r <= 0x1DFF,
		r >= 0x20D0 && r <= 0x20FF, r >= 0xFE20 && r <= 0xFE2F,
		r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF: // variation selectors
		return true
	}
	return unicode.Is(unicode.Cf, r)
}
