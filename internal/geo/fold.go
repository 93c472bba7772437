package geo

import (
	"unicode"
	"unicode/utf8"
)

// Token flags, set by the tokenizer.
const (
	tCap         uint16 = 1 << iota // starts with an upper-case letter, or is in a script without case
	tUpper                          // has at least two letters, all upper case ("KYIV", "EI")
	tHyphenAfter                    // joined to the next token by a hyphen ("al-", "sud-")
	tElision                        // a French elision ending in an apostrophe: l', d', qu' …
	tSentStart                      // first token of a sentence (or of the text)
	tHardBefore                     // punctuation other than spaces, hyphens and apostrophes precedes it
	tArabic                         // written in Arabic script
	tDigit                          // contains a digit
	tPossessive                     // followed by an English possessive 's ("Syria's")
	tLineStart                      // first token of a line
)

// token is one word of a text: its byte span in the original text and its
// folded key in the tokenizer's key buffer.
type token struct {
	start, end int
	k0, k1     int
	flags      uint16
}

// tokenizer splits a text into word tokens and folds each into a matching
// key. Its buffers are reused from one call to the next.
type tokenizer struct {
	toks []token
	keys []byte
}

// elisions are the French words that end in an apostrophe before a vowel.
// They are tokens of their own: "d'Afrine" is "d'" + "Afrine".
func isElision(k []byte) bool {
	switch string(k) {
	case "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu":
		return true
	}
	return false
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', 'ʻ', 'ʿ', 'ʾ', '`', '´', '′':
		return true
	}
	return false
}

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

func isWordRune(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokenize splits s into tokens. Spans are byte offsets into s.
func (z *tokenizer) tokenize(s string) {
	z.toks = z.toks[:0]
	z.keys = z.keys[:0]
	hard, sent, line := true, true, true
	lastEnd := -1
	for i := 0; i < len(s); {
		r, sz := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			switch {
			case r == ' ' || r == '\t' || r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '\u2007':
			case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
				hard, sent, line = true, true, true
			case isHyphen(r):
				next, _ := utf8.DecodeRuneInString(s[i+sz:])
				if lastEnd == i && len(z.toks) > 0 && isWordRune(next) {
					z.toks[len(z.toks)-1].flags |= tHyphenAfter
				} else {
					hard = true
				}
			case isApostrophe(r):
				// A stray apostrophe ("‘Ayn") does not separate words of a name.
			case r == '.' || r == '!' || r == '?' || r == '…':
				hard, sent = true, true
			default:
				hard = true
			}
			i += sz
			continue
		}
		start := i
		end, next, fl := z.scanWord(s, i)
		t := token{start: start, end: end, flags: fl}
		if hard {
			t.flags |= tHardBefore
		}
		if sent {
			t.flags |= tSentStart
		}
		if line {
			t.flags |= tLineStart
		}
		t.k0 = len(z.keys)
		z.keys, t.flags = foldAppend(z.keys, s[start:end], t.flags)
		t.k1 = len(z.keys)
		z.toks = append(z.toks, t)
		hard, sent, line = false, false, false
		lastEnd = end
		if next > end {
			// a possessive 's was skipped: it does not separate words hard
			lastEnd = next
		}
		i = next
	}
}

// scanWord finds the end of the word starting at i, and where scanning goes
// on. French elisions end the word after their apostrophe; an English
// possessive 's is cut off and skipped.
func (z *tokenizer) scanWord(s string, i int) (end, next int, fl uint16) {
	start := i
	for i < len(s) {
		r, sz := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			i += sz
			continue
		}
		if !isApostrophe(r) || i == start {
			break
		}
		n, nsz := utf8.DecodeRuneInString(s[i+sz:])
		if !isWordRune(n) {
			break
		}
		var buf [16]byte
		if i-start <= 6 {
			k, _ := foldAppend(buf[:0], s[start:i], 0)
			if isElision(k) {
				return i + sz, i + sz, tElision
			}
		}
		if (n == 's' || n == 'S') && i-start >= 3 {
			after, _ := utf8.DecodeRuneInString(s[i+sz+nsz:])
			if i+sz+nsz >= len(s) || !isWordRune(after) {
				return i, i + sz + nsz, tPossessive
			}
		}
		i += sz // an apostrophe inside a name: "Ma'arrat"
	}
	return i, i, 0
}

// foldAppend appends the folded key of word w to dst and returns it with
// the case and script flags of w added to fl. Folding lower-cases, drops
// diacritics and apostrophes, normalises Arabic letter variants, then
// applies the transliteration rules of [foldLatin].
func foldAppend(dst []byte, w string, fl uint16) ([]byte, uint16) {
	k0 := len(dst)
	letters, upper := 0, 0
	first := true
	for _, r := range w {
		if first {
			first = false
			if unicode.IsUpper(r) || unicode.IsLetter(r) && !unicode.IsLower(r) {
				fl |= tCap
			}
		}
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
		switch {
		case r < 0x80:
			switch {
			case r >= 'A' && r <= 'Z':
				dst = append(dst, byte(r+'a'-'A'))
			case r >= 'a' && r <= 'z':
				dst = append(dst, byte(r))
			case r >= '0' && r <= '9':
				dst = append(dst, byte(r))
				fl |= tDigit
			}
		case r >= 0xC0 && r < 0x250:
			dst = append(dst, latinFold00C0[r-0xC0]...)
		case r >= 0x1E00 && r < 0x1F00:
			dst = append(dst, latinFold1E00[r-0x1E00]...)
		case isApostrophe(r):
		case r >= 0x0600 && r <= 0x06FF:
			fl |= tArabic
			if a := foldArabic(r); a != 0 {
				dst = utf8.AppendRune(dst, a)
			}
		case unicode.Is(unicode.Mn, r):
		default:
			if unicode.IsDigit(r) {
				fl |= tDigit
			}
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	if letters >= 2 && upper == letters {
		fl |= tUpper
		if letters <= 3 {
			return dst, fl // an acronym: "USS" is not "US"
		}
	}
	if fl&tArabic != 0 {
		return foldArabicWord(dst, k0), fl
	}
	return foldLatin(dst, k0), fl
}

// foldArabic normalises one Arabic-script letter: hamza carriers become
// their base letter, tā' marbūṭa becomes hā', alif maqṣūra becomes yā',
// Persian kāf and yā' become the Arabic ones; short vowels, tatweel and
// lone hamza are dropped (0).
func foldArabic(r rune) rune {
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640, r == 0x0621:
		return 0
	}
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا'
	case 'ة':
		return 'ه'
	case 'ى', 'ئ', 'ی':
		return 'ي'
	case 'ؤ':
		return 'و'
	case 'ک':
		return 'ك'
	}
	if r >= 0x0660 && r <= 0x0669 { // Arabic-Indic digits
		return '0' + r - 0x0660
	}
	if !unicode.IsLetter(r) {
		return 0
	}
	return r
}

// foldArabicWord strips the article ال from an Arabic word of more than
// two letters after it.
func foldArabicWord(b []byte, k0 int) []byte {
	w := b[k0:]
	const al = "\u0627\u0644"
	if len(w) > len(al)+2 && string(w[:len(al)]) == al {
		n := copy(w, w[len(al):])
		return b[:k0+n]
	}
	return b
}

// foldLatin applies the transliteration rules to the folded word b[k0:],
// in place: "tch" → "ch", "ch" → "sh", "dj" → "j", "ou" → "u"; Abu, Abou,
// Albu and Bou become "bu" (also glued on: "Albukamal"); an assimilated
// Arabic article glued on ("Ezzor") is dropped; and doubled letters are
// single ("Raqqa" → "raqa").
func foldLatin(b []byte, k0 int) []byte {
	w := b[k0:]
	n := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == 't' && i+2 < len(w) && w[i+1] == 'c' && w[i+2] == 'h':
			continue // tch → ch
		case c == 'c' && i+1 < len(w) && w[i+1] == 'h':
			c = 's'
		case c == 'd' && i+1 < len(w) && w[i+1] == 'j':
			continue
		case c == 'u' && n > 0 && w[n-1] == 'o':
			w[n-1] = 'u'
			continue
		}
		w[n] = c
		n++
	}
	w = w[:n]
	// Abu / Albu / Bou.
	switch {
	case string(w) == "abu", string(w) == "albu":
		w = append(w[:0], "bu"...)
	case len(w) >= 7 && string(w[:4]) == "albu":
		n = copy(w[2:], w[4:])
		w = w[:2+n]
		w[0], w[1] = 'b', 'u'
	case len(w) >= 7 && string(w[:3]) == "abu":
		n = copy(w[2:], w[3:])
		w = w[:2+n]
		w[0], w[1] = 'b', 'u'
	}
	// Assimilated article glued on: "ezzor", "arraqa", "assuwayda".
	if len(w) >= 5 && (w[0] == 'a' || w[0] == 'e') && w[1] == w[2] {
		switch w[1] {
		case 't', 'd', 'r', 'z', 's':
			n = copy(w, w[2:])
			w = w[:n]
		}
	}
	// Doubled letters.
	n = 0
	for i := 0; i < len(w); i++ {
		if n > 0 && w[n-1] == w[i] && w[i] >= 'a' && w[i] <= 'z' {
			continue
		}
		w[n] = w[i]
		n++
	}
	return b[:k0+n]
}

// isArticle reports whether a folded key is a transliterated Arabic
// article ("al", "el", "ad", "ez" …).
func isArticle(k []byte) bool {
	switch string(k) {
	case "al", "el", "ad", "ar", "as", "az", "ez", "an", "at", "ash", "esh", "ed", "es", "er", "et":
		return true
	}
	return false
}

// isLeadingArticle reports whether a folded key is a French or English
// article that may open a name without being part of its key ("Le Caire",
// "The Hague").
func isLeadingArticle(k []byte) bool {
	switch string(k) {
	case "le", "la", "les", "l", "the":
		return true
	}
	return false
}

// FNV-1a, 64 bits: the hash of a key is the hash of its bytes, so the hash
// of a window of tokens is computed by extending the hash token by token.
const (
	fnvOffset uint64 = 14695981039346656037
	fnvPrime  uint64 = 1099511628211
)

func hashExtend(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// Key returns the folded matching key of a place name: the folded words
// of the name run together, without Arabic articles and without a leading
// French or English article. Two spellings with the same key are the same
// name to the gazetteer: Key("al-Boukamal") == Key("Abou Kamal") ==
// Key("Albu Kamal") == "bukamal".
func Key(name string) string {
	var z tokenizer
	z.tokenize(name)
	var out []byte
	for _, i := range z.nameTokens() {
		out = append(out, z.key(i)...)
	}
	return string(out)
}

// key returns the folded key of token i.
func (z *tokenizer) key(i int) []byte { t := &z.toks[i]; return z.keys[t.k0:t.k1] }

// nameTokens returns the indexes of the tokens that make up the key of a
// name tokenized alone: articles and leading elisions are left out unless
// nothing else would be left.
func (z *tokenizer) nameTokens() []int {
	var idx []int
	for i := range z.toks {
		k := z.key(i)
		if len(k) == 0 {
			continue
		}
		if len(idx) == 0 && (isLeadingArticle(k) || z.toks[i].flags&tElision != 0) && i+1 < len(z.toks) {
			continue
		}
		if isArticle(k) && i+1 < len(z.toks) {
			continue
		}
		idx = append(idx, i)
	}
	if len(idx) == 0 {
		for i := range z.toks {
			if len(z.key(i)) > 0 {
				idx = append(idx, i)
			}
		}
	}
	return idx
}

// nameHash returns the hash of the key of a name tokenized alone, and the
// number of words in it (0 when the name has no letters or digits).
func nameHash(z *tokenizer, name string) (uint64, int) {
	z.tokenize(name)
	idx := z.nameTokens()
	h := fnvOffset
	for _, i := range idx {
		h = hashExtend(h, z.key(i))
	}
	return h, len(idx)
}
