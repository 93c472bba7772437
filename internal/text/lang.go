package text

// DetectLang says whether text is French ("fr") or English ("en") by
// counting their function words (articles, prepositions, pronouns, common
// auxiliaries; a French elision counts as a French word). It says "unknown"
// when it has too little evidence: fewer than 3 function words in all, or
// when the larger count is less than one and a half times the smaller
// (a tie included). It stops counting after 400 function words.
func DetectLang(text string) string {
	return detectTokens(Tokenize(text))
}

// maxLangEvidence is the number of function words after which
// detectTokens stops counting: a long text is judged by its beginning.
const maxLangEvidence = 400

// detectTokens is DetectLang over tokens.
func detectTokens(toks []Token) string {
	fr, en := 0, 0
	for i := 0; i < len(toks) && fr+en < maxLangEvidence; i++ {
		t := &toks[i]
		switch t.Kind {
		case Elision:
			fr++
		case Word:
			if len(t.Norm) > 5 {
				continue
			}
			switch {
			case isFrenchWord(t.Norm):
				fr++
			case isEnglishWord(t.Norm):
				en++
			}
		}
	}
	switch {
	case fr+en < 3:
		return "unknown"
	case 2*fr >= 3*en && fr > en:
		return "fr"
	case 2*en >= 3*fr && en > fr:
		return "en"
	}
	return "unknown"
}

// isFrenchWord reports whether a folded word is a French function word
// that English does not use ("a", "on", "an", "son" are left out).
func isFrenchWord(w string) bool {
	switch w {
	case "le", "la", "les", "un", "une", "des", "du", "de", "et", "est",
		"dans", "pour", "que", "qui", "sur", "au", "aux", "par", "avec",
		"ont", "ete", "il", "ils", "elle", "elles", "ne", "pas", "ce",
		"cette", "ces", "ses", "sa", "leur", "leurs", "selon", "mais", "ou",
		"se", "sont", "plus", "apres", "lors", "contre", "entre", "depuis",
		"vers", "chez", "dont", "nous", "vous", "etait", "avait", "aussi":
		return true
	}
	return false
}

// isEnglishWord reports whether a folded word is an English function word
// that French does not use.
func isEnglishWord(w string) bool {
	switch w {
	case "the", "of", "and", "to", "in", "is", "was", "for", "that", "with",
		"by", "at", "from", "said", "has", "have", "had", "are", "were",
		"it", "its", "be", "this", "which", "after", "been", "they",
		"their", "he", "she", "who", "would", "will", "not", "but", "also",
		"than", "into", "we", "our", "there":
		return true
	}
	return false
}
