package geo

import (
	"math"
	"sort"
	"strings"
)

// maxWords is the longest name, in words, that Find looks up.
const maxWords = 4

// match is one name found by the token-window scan, with what Find learns
// about it.
type match struct {
	first, last int // tokens of the name, a leading article included
	keyFirst    int // first token of the key (after any article)
	words       int // tokens in the key
	h           uint64
	cands       []scored
	ctx         cueInfo
	drop        bool
	role        Role
	prec        int
	anchor      bool // resolved with confidence: other names are placed near it
	hasExtra    bool // some candidate has this spelling in the hand-kept file
}

// scored is a candidate while Find weighs it.
type scored struct {
	p    posting
	pl   Place
	s    float64
	twin bool // a region that a town of the same name heads ("Raqqa")
}

// cueInfo is what the words around a name say about it.
type cueInfo struct {
	near, dirNear bool   // "près de", "north of": precision 2
	compass       bool   // a compass word and "de"/"of" before it: "le nord de X", "north of X"
	part          bool   // "quartier", "district": a part of the town
	town, region  bool   // the nearest type word: "la ville de", "la province de", "X province"
	launch        bool   // "stationné dans", "based in"
	from          bool   // "from", "depuis"
	launchVerb    bool   // a launch verb earlier in the sentence
	overflown     bool   // "survolé", "overflew"
	border        bool   // "la frontière avec", "the border with": the country across it
	title         bool   // a person's title right before: "le président X"
	vessel        bool   // a ship's name: "le sous-marin X"
	clock         bool   // a time zone: "4 heures (heure de Damas)", "Kyiv time"
	quarterAfter  bool   // "X district": the name of a quarter
	prevName      bool   // a capitalised non-place word right before
	nextName      bool   // a capitalised non-place word right after
	dateline      bool   // the reporting city at the head of the article
	office        bool   // part of an office's title: "le maire de X", "X regional governor"
	demonym       string // country of an adjective by the type word ("la ville syrienne de")
	phraseTok     int    // first token of the phrase
}

// finder holds the state of one Find call.
type finder struct {
	g       *Gazetteer
	text    string
	lang    string
	z       tokenizer
	ms      []match
	buf     []posting
	country map[string]float64 // country weights of the document
	top     string             // the document's main country
	admin1  map[string]bool    // country+"\x00"+admin1 of the regions named
	cls     []uint32           // token cue classes, see class
	anchors []anchor           // places resolved with confidence
	lower   map[string]int     // folded key → how many lower-case tokens have it; built on first use
}

// anchor is a place resolved with confidence, that other names of the
// article are placed near.
type anchor struct {
	m        *match
	lat, lon float64
}

// Find geoparses a whole article: every place name in text, resolved with
// the document as context, in text order. lang is "fr", "en" or empty.
//
// A name is looked up by its folded key over windows of one to four words
// (longest first). A window must start with a capital letter (or an
// Arabic-script word, or a generic word such as "mer" or "golfe"). A
// one-word name is kept only when it is not a stop word and is either a
// country, region, sea or site, a large town, a town of a country the
// article names, near another place of the article, after "in"/"à", or
// introduced by a context word ("la ville de", "près de", "the town of").
// Candidates are scored by population, feature class, the countries and
// regions the article names, adjectives ("la ville syrienne de") and
// distance to the article's other places. A name that is part of an
// office's title ("le maire de Kiev") or a capital standing for its
// government ("Moscou affirme") gets the role Title.
func (g *Gazetteer) Find(text, lang string) []Mention {
	f := &finder{g: g, text: text, lang: lang}
	f.z.tokenize(text)
	f.match()
	if len(f.ms) == 0 {
		return nil
	}
	for i := range f.ms {
		f.cues(&f.ms[i])
	}
	f.resolve()
	return f.mentions()
}

// class returns the cue classes of token j (cues.tsv), computed once.
func (f *finder) class(j int) uint32 {
	const done = 1 << 31
	if f.cls == nil {
		f.cls = make([]uint32, len(f.z.toks))
	}
	if c := f.cls[j]; c&done != 0 {
		return c &^ done
	}
	c := f.g.lex.class(f.z.key(j))
	f.cls[j] = c | done
	return c
}

// canStart reports whether a name may start at token i.
func (f *finder) canStart(i int) bool {
	t := &f.z.toks[i]
	k := f.z.key(i)
	if len(k) == 0 || t.flags&tElision != 0 {
		return false
	}
	if t.flags&(tCap|tArabic) != 0 {
		return true
	}
	if isArticle(k) && t.flags&tHyphenAfter != 0 {
		return true
	}
	return f.class(i)&cGeneric != 0
}

// skip reports whether token j, in a window starting at token i, is an
// article left out of the key.
func (f *finder) skip(i, j int, words int) bool {
	toks := f.z.toks
	k := f.z.key(j)
	if j+1 >= len(toks) || toks[j+1].flags&(tHardBefore|tSentStart) != 0 || toks[j].flags&tPossessive != 0 {
		return false
	}
	if words == 0 && j == i && toks[j].flags&tCap != 0 && isLeadingArticle(k) {
		return true
	}
	if !isArticle(k) {
		return false
	}
	if toks[j].flags&tHyphenAfter != 0 || string(k) == "al" || string(k) == "el" {
		return true
	}
	// "Dayr az Zawr": a lower-case article between two capitalised words.
	return j > i && toks[j].flags&tCap == 0 && toks[j+1].flags&tCap != 0 && string(k) != "et"
}

// match scans the token windows and records every name found, leftmost
// longest first.
func (f *finder) match() {
	toks := f.z.toks
	lex := f.g.lex
	for i := 0; i < len(toks); {
		if !f.canStart(i) {
			i++
			continue
		}
		var hs [maxWords]uint64
		var ends [maxWords]int
		nw, keyFirst := 0, -1
		h := fnvOffset
		for j := i; j < len(toks) && j < i+maxWords+3 && nw < maxWords; j++ {
			if j > i && (toks[j].flags&(tHardBefore|tSentStart) != 0 || toks[j-1].flags&tPossessive != 0) {
				break
			}
			if f.skip(i, j, nw) {
				continue
			}
			k := f.z.key(j)
			if len(k) == 0 {
				break
			}
			if nw == 0 {
				keyFirst = j
			}
			h = hashExtend(h, k)
			hs[nw], ends[nw] = h, j
			nw++
		}
		found := false
		for w := nw - 1; w >= 0 && !found; w-- {
			if !f.capsOK(keyFirst, ends[w]) {
				continue
			}
			if lex.isStopHash(hs[w], f.lang) && (w > 0 || toks[keyFirst].flags&tUpper == 0 || toks[keyFirst].end-toks[keyFirst].start > 3) {
				if w > 0 {
					i = ends[w] // a stop phrase ("Old City") is skipped whole
				}
				break
			}
			if w == 0 {
				t := toks[keyFirst]
				if t.flags&tUpper == 0 && lex.isStop(f.z.key(keyFirst), f.lang) || t.flags&tDigit != 0 && t.flags&tUpper == 0 {
					continue
				}
				if t.flags&tUpper != 0 && lex.stopCaps[f.text[t.start:t.end]] {
					continue
				}
			}
			lower := f.lowerWords(keyFirst, ends[w])
			if lower < 0 {
				continue
			}
			f.buf = f.g.postings(f.buf[:0], hs[w])
			if len(f.buf) == 0 {
				continue
			}
			if lower > 0 && !hasExtra(f.buf) {
				continue // "Vieille ville", "Damas a": lower-case words only in hand-kept names
			}
			m := match{first: i, last: ends[w], keyFirst: keyFirst, words: w + 1, h: hs[w]}
			m.cands = make([]scored, len(f.buf))
			for c, p := range f.buf {
				m.cands[c] = scored{p: p, pl: f.g.place(p.id())}
			}
			for c := range m.cands {
				m.cands[c].twin = isTwinRegion(&m.cands[c].pl, len(m.cands), func(i int) *Place { return &m.cands[i].pl })
			}
			m.hasExtra = hasExtra(f.buf)
			f.ms = append(f.ms, m)
			i = ends[w] + 1
			found = true
		}
		if !found {
			i++
		}
	}
}

// lowerWords checks the words of the key tokens [a, b] of a window of
// several words. It returns -1 when the window cannot be a name (it ends on
// an elision, or on a lower-case stop word, or opens with a stop word not
// followed by a capitalised word: "De l'", "In a", "Damas a"), else the
// number of lower-case content words in it ("Ghouta orientale": 1).
func (f *finder) lowerWords(a, b int) int {
	if a == b {
		return 0
	}
	toks := f.z.toks
	lex := f.g.lex
	if toks[b].flags&tElision != 0 {
		return -1
	}
	if lex.isStop(f.z.key(a), f.lang) && toks[a].flags&tUpper == 0 {
		next := a + 1
		for next < b && (toks[next].flags&tElision != 0 || isArticle(f.z.key(next)) || isConnector(f.z.key(next)) && toks[next].flags&tHyphenAfter != 0) {
			next++ // "Croix-des-Bouquets": a hyphenated connector links two words of one name
		}
		if toks[next].flags&tCap == 0 {
			return -1
		}
	}
	n := 0
	for j := a + 1; j <= b; j++ {
		t := toks[j]
		if t.flags&(tCap|tArabic) != 0 || t.flags&tElision != 0 {
			continue
		}
		k := f.z.key(j)
		if isArticle(k) || isConnector(k) && j < b {
			continue
		}
		if lex.isStop(k, f.lang) {
			return -1
		}
		n++
	}
	return n
}

// isConnector reports whether a lower-case word may link the words of a
// place name ("Saint-Pierre-et-Miquelon", "Sea of Azov", "Bosnie-et-").
func isConnector(k []byte) bool {
	switch string(k) {
	case "de", "du", "des", "la", "le", "les", "of", "the", "sur", "en", "et", "and", "y", "i", "da", "do", "di", "del", "della", "von", "van", "der", "den", "am", "im", "an", "bei", "on", "upon", "sous", "aux", "au", "lez":
		return true
	}
	return false
}

func hasExtra(ps []posting) bool {
	for _, p := range ps {
		if p&pExtra != 0 {
			return true
		}
	}
	return false
}

// capsOK checks the capitals of the key tokens [a, b]: the first must be
// capitalised (or Arabic, or a generic word like "mer"), and some token
// must be capitalised.
func (f *finder) capsOK(a, b int) bool {
	toks := f.z.toks
	first := toks[a].flags
	if first&(tCap|tArabic) == 0 && f.class(a)&cGeneric == 0 {
		return false
	}
	for j := a; j <= b; j++ {
		if toks[j].flags&(tCap|tArabic) != 0 {
			return true
		}
	}
	return false
}

// cues reads the words before and after a name.
func (f *finder) cues(m *match) {
	toks := f.z.toks
	lex := f.g.lex
	c := &m.ctx
	c.phraseTok = m.first
	// Backwards over context words, within the sentence.
	var list [10]int
	n := 0
	if toks[m.first].flags&(tHardBefore|tSentStart) == 0 {
		for j := m.first - 1; j >= 0 && n < len(list); j-- {
			k := f.z.key(j)
			cls := f.class(j) &^ (cSayVerb | cVerbAux | cSource)
			_, dem := lex.demonym[hashExtend(fnvOffset, k)]
			if cls == 0 && !dem && toks[j].flags&tElision == 0 {
				break
			}
			list[n] = j
			n++
			if toks[j].flags&(tHardBefore|tSentStart) != 0 {
				break
			}
		}
	}
	if m.first > 0 && toks[m.first].flags&(tHardBefore|tSentStart) == 0 {
		if f.class(m.first-1)&cTitle != 0 {
			c.title = true
		}
	}
	c.office = f.officeBefore(list[:n]) || !f.seatBefore(list[:n]) && f.officeAfter(m)
	// The nearest type word decides: "la ville de la province de Deir
	// Ezzor" is about the province.
	earliest, typeAt := -1, -1
	for x := 0; x < n; x++ {
		j := list[x]
		cls := f.class(j)
		if typeAt < 0 && cls&(cTown|cRegion|cPart) != 0 {
			typeAt = x
			c.town = cls&cTown != 0
			c.region = cls&cRegion != 0
		}
		if cls&(cNear|cDir|cPart|cTown|cRegion|cLaunch|cOverflown|cFrom) != 0 {
			earliest = x
		}
		c.near = c.near || cls&cNear != 0
		c.part = c.part || cls&cPart != 0
		c.launch = c.launch || cls&cLaunch != 0
		c.overflown = c.overflown || cls&cOverflown != 0
		// "à la frontière avec le Niger": "avec"/"with" right before the
		// name's article or the name.
		if cls&cBorder != 0 && x <= 2 {
			if k := string(f.z.key(j + 1)); k == "avec" || k == "with" {
				c.border = true
			}
		}
		c.from = c.from || cls&cFrom != 0
	}
	// A time zone: "heure de Damas", "heure locale de Kiev", "Kyiv time".
	for x := 0; x < n; x++ {
		cls := f.class(list[x])
		if cls&cClock != 0 {
			c.clock = x > 0 // "heure de Damas", not "this time Kharkiv"
			break
		}
		if cls&cFiller == 0 && cls&cOfficeMod == 0 {
			break
		}
	}
	if m.last+1 < len(toks) && toks[m.last+1].flags&(tHardBefore|tSentStart) == 0 && f.class(m.last+1)&cClock != 0 {
		c.clock = true
	}
	// A ship's name: "le sous-marin (russe) Kolpino", "USS Ross".
	for x := 0; x < n; x++ {
		k := f.z.key(list[x])
		cls := f.class(list[x])
		if cls&cVessel != 0 {
			c.vessel = true
			break
		}
		if _, dem := lex.demonym[hashExtend(fnvOffset, k)]; !dem && cls&cAdj == 0 {
			break
		}
	}
	// A demonym next to the type word: "la ville syrienne d'", "the
	// Turkish town of".
	if typeAt >= 0 {
		for x := max(0, typeAt-2); x < n && x <= typeAt+2; x++ {
			if cc, ok := f.demonymAt(list[x]); ok {
				c.demonym = cc
				break
			}
		}
	}
	// Adjectives right before the earliest cue belong to the phrase: "the
	// northern Syrian town of".
	for earliest >= 0 && earliest+1 < n {
		k := f.z.key(list[earliest+1])
		_, dem := lex.demonym[hashExtend(fnvOffset, k)]
		if !dem && f.class(list[earliest+1])&cAdj == 0 {
			break
		}
		earliest++
	}
	if earliest >= 0 {
		earliest = list[earliest]
	}
	// Compass words: "au nord de X", "north of X" are near X; "dans le nord
	// de X", "west Mosul" are a part of it.
	for x := n - 1; x >= 0; x-- {
		j := list[x]
		if f.class(j)&cDir == 0 {
			continue
		}
		runEnd := j
		for runEnd+1 < m.first && f.class(runEnd+1)&cDir != 0 {
			runEnd++
		}
		next := ""
		if runEnd+1 < m.first {
			next = string(f.z.key(runEnd + 1))
		}
		prev, pp := "", ""
		if j > 0 && toks[j].flags&(tHardBefore|tSentStart) == 0 {
			prev = string(f.z.key(j - 1))
			if j > 1 && toks[j-1].flags&(tHardBefore|tSentStart) == 0 {
				pp = string(f.z.key(j - 2))
			}
		}
		if next != "de" && next != "d" && next != "du" && next != "of" {
			break
		}
		c.compass = true
		switch prev {
		case "le", "la", "l", "the":
			if pp == "a" || pp == "to" {
				c.dirNear = true
			}
		case "dans", "in", "within", "across", "throughout":
		default:
			c.dirNear = true
		}
		break
	}
	if c.part && !c.near {
		c.dirNear = false
	}
	if earliest >= 0 {
		c.phraseTok = earliest
		// with the article or contraction before it: "la province de",
		// "au sud-est de", "the outskirts of"
		if earliest > 0 && toks[earliest].flags&(tHardBefore|tSentStart) == 0 {
			switch k := string(f.z.key(earliest - 1)); {
			case isLeadingArticle([]byte(k)), k == "au", k == "aux", k == "a" && toks[earliest-1].flags&tCap == 0:
				c.phraseTok = earliest - 1
			}
		}
	}
	// A launch verb earlier in the sentence makes "from"/"depuis" a launch cue.
	for j := m.first - 1; j >= 0 && j >= m.first-15; j-- {
		if f.class(j)&cLaunchVerb != 0 {
			c.launchVerb = true
			break
		}
		if toks[j].flags&tSentStart != 0 {
			break
		}
	}
	// After the name: "Hama province", "the Kharkiv region".
	if a := m.last + 1; a < len(toks) && toks[a].flags&(tHardBefore|tSentStart) == 0 && toks[m.last].flags&tPossessive == 0 {
		cls := f.class(a)
		if cls&cRegion != 0 {
			c.region = true
		}
		if cls&cPart != 0 {
			c.quarterAfter = true
		}
		if toks[a].flags&tCap != 0 && cls == 0 && !lex.isStop(f.z.key(a), f.lang) {
			c.nextName = true
		}
	}
	if b := m.first - 1; b >= 0 && toks[m.first].flags&(tHardBefore|tSentStart) == 0 && toks[b].flags&(tCap) != 0 && toks[b].flags&tSentStart == 0 {
		k := f.z.key(b)
		if f.class(b) == 0 && !lex.isStop(k, f.lang) {
			if _, dem := lex.demonym[hashExtend(fnvOffset, k)]; !dem {
				c.prevName = true
			}
		}
	}
	c.dateline = f.isDateline(m)
}

// officeBefore reports whether the context words before a name (list,
// nearest first) make it part of an office's or an institution's title:
// "le maire de X", "le gouverneur de la région de X", "l'administration
// militaire de X", "Mayor of X", "the governor of the X region". Only
// articles, "de"/"of", type words and office modifiers may stand between
// the office and the name, and a building before the office makes the
// phrase a place again ("le siège de l'administration de X").
func (f *finder) officeBefore(list []int) bool {
	for x, j := range list {
		cls := f.class(j)
		if cls&cOffice != 0 {
			for _, y := range list[x+1:] {
				if f.class(y)&cSeat != 0 {
					return false
				}
				if !f.officeLink(y) {
					break
				}
			}
			return true
		}
		if cls&(cOfficeMod|cTown|cRegion) == 0 && !f.officeLink(j) {
			if _, dem := f.g.lex.demonym[hashExtend(fnvOffset, f.z.key(j))]; !dem {
				return false
			}
		}
	}
	return false
}

// seatBefore reports whether a building is named right before the name
// ("the building of the Kharkiv regional administration").
func (f *finder) seatBefore(list []int) bool {
	for _, j := range list {
		if f.class(j)&cSeat != 0 {
			return true
		}
		if !f.officeLink(j) {
			return false
		}
	}
	return false
}

// officeLink reports whether token j is an article, an elision,
// "de"/"of" or "in": a word that may link an office to the place it serves
// ("the Taliban administration in Kabul").
func (f *finder) officeLink(j int) bool {
	if f.z.toks[j].flags&tElision != 0 {
		return true
	}
	switch string(f.z.key(j)) {
	case "de", "d", "du", "des", "of", "the", "la", "le", "les", "l", "in":
		return true
	}
	return false
}

// officeAfter reports whether an office follows the name: "Donetsk
// regional governor", "the Kharkiv regional military administration",
// "Kharkiv's governor", "Kyiv City Council" (but not "the Kharkiv
// regional administration building").
func (f *finder) officeAfter(m *match) bool {
	toks := f.z.toks
	for j := m.last + 1; j < len(toks) && j <= m.last+4; j++ {
		if toks[j].flags&(tHardBefore|tSentStart) != 0 {
			return false
		}
		cls := f.class(j)
		if cls&cOffice != 0 {
			next := j + 1
			return next >= len(toks) || toks[next].flags&(tHardBefore|tSentStart) != 0 || f.class(next)&cSeat == 0
		}
		if cls&(cOfficeMod|cTown|cRegion) == 0 {
			return false
		}
	}
	return false
}

// isDateline reports whether a name opens one of the first lines of the
// text and is followed by a comma or a parenthesis and, on the same line,
// a dash: "Damas, 10 novembre 2017 -", "KYIV (Reuters) -".
func (f *finder) isDateline(m *match) bool {
	t := f.z.toks[m.first]
	if t.flags&tLineStart == 0 || t.start > 300 {
		return false
	}
	end := f.z.toks[m.last].end
	rest := f.text[end:]
	rest = strings.TrimLeft(rest, " \t")
	if rest == "" || rest[0] != ',' && rest[0] != '(' {
		return false
	}
	line := rest
	if nl := strings.IndexByte(line, '\n'); nl >= 0 {
		line = line[:nl]
	}
	if len(line) > 80 {
		line = line[:80]
	}
	return strings.Contains(line, " - ") || strings.Contains(line, "–") || strings.Contains(line, "—") || strings.Contains(line, " -")
}

// resolve scores every match's candidates twice (the second time with the
// document's countries, regions and confidently placed names as context),
// then drops the weak one-word names and sets roles and precision.
func (f *finder) resolve() {
	for i := range f.ms {
		f.scoreAll(&f.ms[i], false)
	}
	f.docContext()
	for i := range f.ms {
		f.scoreAll(&f.ms[i], true)
	}
	for i := range f.ms {
		f.gate(&f.ms[i], i)
		// "les submersibles Veliki Novgorod et Kolpino": a name coordinated
		// with a ship's name is a ship's name.
		if i > 0 && f.ms[i-1].ctx.vessel && f.coordinated(f.ms[i-1].last, f.ms[i].first) {
			f.ms[i].ctx.vessel = true
			f.ms[i].drop = true
		}
		// "Mocímboa da Praia": a name joined to the one before it by a
		// Portuguese, Spanish or Italian "of" is the rest of that name,
		// not Praia in Cape Verde.
		if i > 0 && !f.ms[i-1].drop && f.ms[i].first == f.ms[i-1].last+2 {
			switch string(f.z.key(f.ms[i-1].last + 1)) {
			case "da", "do", "dos", "das", "del", "di":
				f.ms[i].drop = true
			}
		}
	}
	for i := range f.ms {
		m := &f.ms[i]
		if m.drop {
			continue
		}
		f.setRole(m, i)
		m.prec = precision(m)
	}
}

// scoreAll scores and sorts the candidates of m.
func (f *finder) scoreAll(m *match, withDoc bool) {
	for c := range m.cands {
		m.cands[c].s = f.score(m, &m.cands[c], withDoc, nil)
	}
	sort.SliceStable(m.cands, func(a, b int) bool {
		x, y := m.cands[a], m.cands[b]
		if x.s != y.s {
			return x.s > y.s
		}
		return x.pl.Population > y.pl.Population
	})
}

// score returns a candidate's score in its context; with why, it appends
// the reasons.
func (f *finder) score(m *match, c *scored, withDoc bool, why *[]string) float64 {
	s, reasons := baseScore(c.pl, c.p, why != nil)
	add := func(v float64, r string) {
		s += v
		if why != nil {
			reasons = append(reasons, r)
		}
	}
	pl := &c.pl
	ctx := &m.ctx
	if c.p&pExtra == 0 && m.hasExtra {
		add(-2, "another place has this hand-kept spelling (-2)")
	}
	if c.twin && !ctx.region {
		add(-6, "a region named like the town that heads it, without \"province\"/\"region\": the town (-6)")
	}
	if ctx.region {
		switch pl.Feature {
		case Region:
			add(12, "\"province\"/\"region\" next to it: a region (+12)")
		case City:
			add(-2, "\"province\"/\"region\" next to it: not a town (-2)")
		case Country:
			add(-4, "\"province\"/\"region\" next to it: not a country (-4)")
		}
	}
	if ctx.town || ctx.near || ctx.dirNear {
		switch pl.Feature {
		case City:
			add(1.5, "a town word or \"near\" before it (+1.5)")
		case Country:
			if ctx.town {
				add(-3, "a town word before it: not a country (-3)")
			} else {
				add(-1, "\"near\" before it: rather a town than a country (-1)") // "close to Cameroon" is not Cameron, Missouri
			}
		case Region:
			add(-3, "a town word or \"near\" before it: not a region (-3)")
		}
	}
	if ctx.demonym != "" {
		if pl.Country == ctx.demonym {
			add(6, "the adjective before it names its country (+6)")
		} else if pl.Feature != Water {
			add(-3, "the adjective before it names another country (-3)")
		}
	}
	if withDoc && pl.Feature != Water {
		if w := f.country[pl.Country]; w > 0 {
			if pl.Country == f.top {
				add(4, "in the article's main country (+4)")
			} else {
				add(2, "in a country the article names (+2)")
			}
		}
		if pl.Feature == City || pl.Feature == Site {
			if f.admin1[pl.Country+"\x00"+pl.Admin1] {
				add(3, "in a region the article names (+3)")
			}
			if d := f.nearestAnchor(m, pl); d < 50 {
				add(3, "within 50 km of another place of the article (+3)")
			} else if d < 150 {
				add(2, "within 150 km of another place of the article (+2)")
			} else if d < 400 {
				add(1, "within 400 km of another place of the article (+1)")
			} else if d < math.Inf(1) && d > 2000 {
				add(-1, "over 2000 km from the article's other places (-1)")
			}
		}
		if pl.Feature == Region {
			// A region is large: its point is its capital.
			if d := f.nearestAnchor(m, pl); d < 300 {
				add(3, "a region within 300 km of another place of the article (+3)")
			} else if d < math.Inf(1) && d > 2000 {
				add(-1, "over 2000 km from the article's other places (-1)")
			}
		}
	}
	if why != nil {
		*why = reasons
	}
	return s
}

// docContext gathers, after a first scoring, the countries and regions the
// article names and the names placed with confidence.
func (f *finder) docContext() {
	f.country = map[string]float64{}
	f.admin1 = map[string]bool{}
	for i := range f.z.toks {
		if cc, ok := f.demonymAt(i); ok {
			f.country[cc]++
		}
	}
	for i := range f.ms {
		m := &f.ms[i]
		best := m.cands[0]
		margin := math.Inf(1)
		if len(m.cands) > 1 {
			margin = best.s - m.cands[1].s
		}
		switch best.pl.Feature {
		case Country:
			if !f.possessiveNameAfter(m) { // "the Sudan People's Liberation Movement" names no country
				f.country[best.pl.Country] += 2
			}
		case Region:
			f.admin1[best.pl.Country+"\x00"+best.pl.Admin1] = true
			f.country[best.pl.Country]++
		default:
			sure := m.words > 1 || best.p&pExtra != 0
			big := best.pl.Population >= 100000 && best.p&pCommon == 0 && f.z.toks[m.keyFirst].flags&tSentStart == 0
			if margin >= 2 && (sure || big) {
				m.anchor = true
			}
			if margin >= 2 && sure {
				f.country[best.pl.Country]++
			}
		}
	}
	// One anchor per name and point: a long article names the same town
	// many times, and nearestAnchor looks at every anchor for every
	// candidate (skipping those of the candidate's own name, so keeping
	// one per name and point gives the same distances).
	type anchorKey struct {
		h        uint64
		lat, lon float64
	}
	seen := map[anchorKey]bool{}
	for i := range f.ms {
		if m := &f.ms[i]; m.anchor {
			k := anchorKey{m.h, m.cands[0].pl.Lat, m.cands[0].pl.Lon}
			if seen[k] {
				continue
			}
			seen[k] = true
			f.anchors = append(f.anchors, anchor{m, m.cands[0].pl.Lat, m.cands[0].pl.Lon})
		}
	}
	top := 0.0
	for cc, w := range f.country {
		if w > top || w == top && cc < f.top {
			top, f.top = w, cc
		}
	}
}

// nearestAnchor returns the distance in km from pl to the nearest place
// confidently found elsewhere in the article (+Inf when there is none).
func (f *finder) nearestAnchor(m *match, pl *Place) float64 {
	d2 := math.Inf(1)
	const rad = math.Pi / 180
	cos := math.Cos(pl.Lat * rad)
	for i := range f.anchors {
		a := &f.anchors[i]
		if a.m == m || a.m.h == m.h {
			continue
		}
		// Equirectangular: within a few percent at the distances that count.
		dlon := math.Abs(a.lon - pl.Lon)
		if dlon > 180 {
			dlon = 360 - dlon
		}
		x := dlon * cos
		y := a.lat - pl.Lat
		if v := x*x + y*y; v < d2 {
			d2 = v
		}
	}
	return math.Sqrt(d2) * rad * 6371
}

// gate drops names that are too weak to keep: above all one-word names
// that may be ordinary words or parts of a person's name.
func (f *finder) gate(m *match, i int) {
	best := &m.cands[0]
	toks := f.z.toks
	ctx := &m.ctx
	pl := &best.pl
	short := true
	for j := m.keyFirst; j <= m.last; j++ {
		if toks[j].flags&tUpper == 0 || toks[j].end-toks[j].start > 3 {
			short = false // "US", "UK" match only hand-kept capitals; "KYIV" is a word
		}
	}
	if short && best.p&pUpper == 0 {
		m.drop = true
		return
	}
	if ctx.title && pl.Feature != Country {
		m.drop = true
		return
	}
	if ctx.vessel {
		m.drop = true // "le sous-marin Kolpino"
		return
	}
	if f.hyphenCompound(m) {
		m.drop = true // "Pul-e-Khumri" is not Poole: a name cut out of a longer one
		return
	}
	support := ctx.town || ctx.near || ctx.dirNear || ctx.compass || ctx.office || ctx.dateline || ctx.region || ctx.launch || ctx.overflown || ctx.demonym == pl.Country && ctx.demonym != ""
	inDoc := f.country[pl.Country] > 0
	top := pl.Country == f.top
	anchorKm := f.nearestAnchor(m, pl)
	if ctx.quarterAfter && !m.anchor && best.p&pExtra == 0 && anchorKm > 50 {
		m.drop = true // "the al-Jadida district": a quarter of some town
		return
	}
	if m.words > 1 {
		if pl.Feature == City && best.p&pExtra == 0 && pl.Population < 5000 && !top && !support && anchorKm > 400 {
			m.drop = true
		}
		return
	}
	if best.p&pExtra != 0 || pl.Feature != City && pl.Feature != Site {
		if (ctx.prevName || ctx.nextName) && !support && pl.Feature == City {
			m.drop = true
		}
		if !support && pl.Feature == Country && f.possessiveNameAfter(m) {
			m.drop = true // "the Sudan People's Liberation Movement": a body's name, not the country
		}
		return
	}
	pop := pl.Population
	if pop == 0 {
		// cities500 keeps a town of unknown population only when it is
		// the seat of an administrative division: count it as a small
		// town.
		pop = seatPopulation
	}
	common := best.p&pCommon != 0 || f.seenLower(m.keyFirst)
	local := f.countryInSentence(m, pl.Country)
	loc := f.locative(m.first)
	var ok bool
	switch {
	case common || toks[m.keyFirst].flags&tSentStart != 0:
		// A capital before a reporting verb is a name ("Washington said").
		// Context words ("près de") vouch for a name that is also a word
		// only in a country the article is about, or when it names none:
		// "près de Boni" (French "boni") in a Malian report is not Bonn.
		ok = support && (inDoc || top || local || f.top == "") || pop >= 50000 && inDoc || pop >= 1000000 || pop >= 100000 && f.metonym(m, i) ||
			// "à Gaza", "in Gaza": a sizeable town after a locative word,
			// capitalised inside a sentence, is the town even when its
			// name is also a word (French "gaza", from "gazer").
			loc && pop >= 20000 && toks[m.keyFirst].flags&tSentStart == 0
	case best.p&pMain == 0:
		// Another language's name for the place ("Londres", "Koursk"):
		// it must be a large town, one of a country the article names,
		// a town after "in"/"à", or a sizeable town no other place shares
		// the name with ("Bakhmout").
		// "The village of" vouches for it only in a country the article
		// is about ("le village de Tourou" in a report on Cameroon is not
		// Turku, "Turu" in Estonian); "near" for a sizeable town anywhere.
		ok = support && (inDoc || top || local || f.top == "" || pop >= 50000 && !ctx.town) || pop >= 1000000 || pop >= 100000 && inDoc || top && pop >= 5000 || local && pop >= 5000 ||
			!ctx.quarterAfter && (loc && pop >= 20000 || pop >= 50000 && len(m.cands) == 1)
	default:
		// Context words vouch for a small town only in a country the
		// article is about ("the outskirts of Koya" in a report on Iraq
		// is not Koya in Japan).
		ok = support && (inDoc || top || local || f.top == "" || pop >= 10000) || pop >= 100000 || top && pop >= 1000 || inDoc && pop >= 20000 || local && pop >= 500 || anchorKm < 150 && pop >= 500 ||
			!ctx.quarterAfter && (loc && pop >= 5000 || pop >= 20000 && len(m.cands) == 1)
	}
	if ok && (ctx.prevName || ctx.nextName) && !support {
		ok = false
	}
	if ctx.region && !inDoc && !top && !local && f.top != "" && pop < 1000000 {
		// "le territoire de Djugu" in a report on Ituri is not Djougou
		// (Benin): a town named after a region word, in a country the
		// article does not name, is a region the gazetteer lacks.
		ok = false
	}
	m.drop = !ok
}

// locative reports whether token j follows a locative preposition in the
// same clause: "in Kobani", "at Tabqa", "à Afrine".
func (f *finder) locative(j int) bool {
	if j == 0 || f.z.toks[j].flags&(tHardBefore|tSentStart) != 0 {
		return false
	}
	p := f.z.toks[j-1]
	switch w := f.text[p.start:p.end]; w {
	case "in", "at", "inside", "à", "au", "aux", "dans":
		return true
	}
	return false
}

// countryInSentence reports whether the sentence of m names country cc,
// by its name or an adjective ("Au Mali, des jihadistes ont attaqué
// Ansongo").
func (f *finder) countryInSentence(m *match, cc string) bool {
	toks := f.z.toks
	lo := m.first
	for lo > 0 && toks[lo].flags&tSentStart == 0 {
		lo--
	}
	hi := m.last + 1
	for hi < len(toks) && toks[hi].flags&tSentStart == 0 {
		hi++
	}
	for j := lo; j < hi; j++ {
		if c, ok := f.demonymAt(j); ok && c == cc {
			return true
		}
	}
	for i := range f.ms {
		o := &f.ms[i]
		if o != m && o.first >= lo && o.last < hi && o.cands[0].pl.Feature == Country && o.cands[0].pl.Country == cc {
			return true
		}
	}
	return false
}

// seenLower reports whether the word of token i also appears in lower case
// in the text: then a capitalised occurrence may be an ordinary word.
func (f *finder) seenLower(i int) bool {
	if f.lower == nil {
		f.lower = map[string]int{}
		for j := range f.z.toks {
			if f.z.toks[j].flags&(tCap|tArabic) == 0 {
				f.lower[string(f.z.key(j))]++
			}
		}
	}
	n := f.lower[string(f.z.key(i))]
	if f.z.toks[i].flags&(tCap|tArabic) == 0 {
		n-- // the token itself does not count
	}
	return n > 0
}

// setRole decides whether a name is a time zone, a launch area, an
// overflown country, a dateline, or (the default) a possible event place.
func (f *finder) setRole(m *match, i int) {
	ctx := &m.ctx
	pl := &m.cands[0].pl
	switch {
	case ctx.clock:
		m.role = Clock
	case ctx.dateline:
		m.role = Dateline
	case ctx.office, f.metonym(m, i):
		m.role = Title
	case ctx.launch:
		m.role = Launch
	case ctx.from && (ctx.launchVerb || pl.Feature == Water):
		m.role = Launch
	case ctx.overflown:
		m.role = Overflown
	case ctx.border && pl.Feature == Country:
		m.role = Border
	default:
		// "ont survolé l'Iran et l'Irak": a name coordinated with the
		// previous one shares its role.
		for p := i - 1; p >= 0; p-- {
			prev := &f.ms[p]
			if prev.drop {
				continue
			}
			if (prev.role == Launch || prev.role == Overflown || prev.role == Border || prev.role == Title && prev.ctx.office) && f.coordinated(prev.last, m.first) {
				m.role = prev.role
			}
			break
		}
	}
}

// metonym reports whether the capital named by match i stands for its
// government: at the head of a clause and before a reporting or claiming
// verb ("Kiev a démenti", "Moscou affirme", "Washington said", "Moscou et
// Pékin accusent"), after "selon", "according to", or as the agent of a
// participle ("contrôlée par Moscou", "backed by Moscow"). After a
// preposition ("à Kiev", "in Kyiv", "près de Moscou") it stays a place.
func (f *finder) metonym(m *match, i int) bool {
	pl := &m.cands[0].pl
	if pl.Feature != City || !f.g.isCapital(pl) {
		return false
	}
	toks := f.z.toks
	if p := m.first - 1; p >= 0 && toks[m.first].flags&tSentStart == 0 {
		if f.class(p)&cSource != 0 || string(f.z.key(p)) == "to" && p > 0 && f.class(p-1)&cSource != 0 {
			return true
		}
		// The agent of a participle: "contrôlée par Moscou", "backed by
		// Moscow".
		if k := string(f.z.key(p)); (k == "par" || k == "by") && p > 0 && toks[p].flags&tHardBefore == 0 && isParticiple(f.text[toks[p-1].start:toks[p-1].end]) {
			return true
		}
	}
	if !f.clauseStart(m.first) {
		return false
	}
	j := m.last + 1
	// "Moscou et Pékin accusent": skip the names coordinated with it.
	for k := i + 1; k < len(f.ms) && j+1 < len(toks); k++ {
		o := &f.ms[k]
		if o.drop || o.first != j+1 || toks[j+1].flags&tSentStart != 0 {
			break
		}
		if kk := string(f.z.key(j)); kk != "et" && kk != "and" {
			break
		}
		j = o.last + 1
	}
	// "Moscou, de son côté, affirme" is the capital's clause; "Kafr
	// Batna, a précisé l'ONG" is another speaker's aside.
	open := j < len(toks) && toks[j].flags&tHardBefore != 0
	for n := 0; j < len(toks) && n < 6; j, n = j+1, n+1 {
		if toks[j].flags&tSentStart != 0 {
			return false
		}
		if n > 0 && toks[j].flags&tHardBefore != 0 {
			open = false
		}
		cls := f.class(j)
		if cls&cSayVerb != 0 {
			return !open
		}
		if cls&cVerbAux == 0 && toks[j].flags&tElision == 0 {
			return false
		}
	}
	return false
}

// isParticiple reports whether a word looks like a French or English past
// participle ("contrôlée", "soutenus", "backed", "taken").
func isParticiple(w string) bool {
	w = strings.ToLower(w)
	if strings.HasPrefix(w, "pass") || strings.HasPrefix(w, "transit") {
		return false // "passé par Moscou": through Moscow
	}
	for _, e := range []string{"é", "ée", "és", "ées", "is", "ise", "ises", "it", "ite", "ites", "u", "ue", "us", "ues", "ed", "en"} {
		if strings.HasSuffix(w, e) && len(w) > len(e)+2 {
			return true
		}
	}
	return false
}

// clauseStart reports whether token j opens a clause: the start of a
// sentence, after punctuation, or after a conjunction ("mais", "tandis
// que", "while", "but").
func (f *finder) clauseStart(j int) bool {
	t := f.z.toks[j]
	if t.flags&(tSentStart|tHardBefore) != 0 || j == 0 {
		return true
	}
	switch string(f.z.key(j - 1)) {
	case "mais", "et", "ou", "que", "qu", "tandis", "lorsque", "lorsqu", "quand", "car", "puisque", "puisqu", "si",
		"but", "and", "or", "while", "whereas", "though", "although", "yet", "that", "when", "because", "since", "if", "as":
		return true
	}
	return false
}

// coordinated reports whether only "et", "and", "ou", "or", commas,
// articles and "de"/"of" separate token a from token b ("Kharkiv et de
// Soumy").
func (f *finder) coordinated(a, b int) bool {
	for j := a + 1; j < b; j++ {
		switch string(f.z.key(j)) {
		case "et", "and", "ou", "or", "l", "la", "le", "les", "the", "de", "d", "du", "des", "of":
		default:
			return false
		}
	}
	for j := a + 1; j <= b; j++ {
		if f.z.toks[j].flags&tSentStart != 0 {
			return false
		}
		if f.z.toks[j].flags&tHardBefore != 0 && !strings.Contains(f.text[f.z.toks[j-1].end:f.z.toks[j].start], ",") {
			return false
		}
	}
	return true
}

// precision is the ACLED geo-precision of a resolved name.
func precision(m *match) int {
	pl := &m.cands[0].pl
	switch {
	case pl.Feature == Country || pl.Feature == Water || pl.Feature == Region || m.ctx.region:
		return 3
	case pl.Feature == Site || m.ctx.near || m.ctx.dirNear:
		return 2
	}
	return 1
}

// maxCandidates is how many candidates a Mention keeps.
const maxCandidates = 5

// mentions builds the result from the kept matches.
func (f *finder) mentions() []Mention {
	var out []Mention
	toks := f.z.toks
	for i := range f.ms {
		m := &f.ms[i]
		if m.drop {
			continue
		}
		first := m.first
		if first < m.keyFirst && isLeadingArticle(f.z.key(first)) {
			first = m.keyFirst // "The US": the name is "US"
		}
		start := toks[first].start
		end := toks[m.last].end
		ps := toks[min(m.ctx.phraseTok, m.first)].start
		mt := Mention{Start: start, End: end, PhraseStart: ps, Text: f.text[ps:end], Place: m.cands[0].pl, Precision: m.prec, Role: m.role}
		n := min(len(m.cands), maxCandidates)
		mt.Candidates = make([]Candidate, n)
		for c := 0; c < n; c++ {
			var why []string
			s := f.score(m, &m.cands[c], true, &why)
			mt.Candidates[c] = Candidate{Place: m.cands[c].pl, Score: s, Why: why}
		}
		out = append(out, mt)
	}
	return out
}

// hyphenCompound reports whether match m is only the head of a longer
// name: hyphenated ("Pul-e-Khumri", "Pul-Khumri", but not "Kyiv-based") or
// a province named for a town and a compass point ("Lanao del Sur").
func (f *finder) hyphenCompound(m *match) bool {
	toks := f.z.toks
	j := m.last
	if j+2 < len(toks) && toks[j+2].flags&tCap != 0 && toks[j+1].flags&(tCap|tHardBefore|tSentStart) == 0 {
		switch string(f.z.key(j + 1)) {
		case "del", "do":
			switch string(f.z.key(j + 2)) {
			case "sur", "sul", "norte", "este", "oeste", "centro":
				return true // "Lanao del Sur" is not Lanao ("Mocímboa da Praia" is Mocímboa)
			}
		}
	}
	if toks[j].flags&tHyphenAfter == 0 || j+1 >= len(toks) {
		return false
	}
	if toks[j+1].flags&tCap != 0 {
		return true
	}
	return j+2 < len(toks) && toks[j+1].flags&tHyphenAfter != 0 && toks[j+2].flags&tCap != 0 && len(f.z.key(j+1)) <= 3
}

// demonymAt returns the country of the adjective at token i, reading a
// two-word one ending there first: "South Sudanese" is not "Sudanese".
func (f *finder) demonymAt(i int) (string, bool) {
	h := hashExtend(fnvOffset, f.z.key(i))
	if i > 0 && f.g.lex.demonym2Last[h] {
		if cc, ok := f.g.lex.demonym2[string(f.z.key(i-1))+" "+string(f.z.key(i))]; ok {
			return cc, true
		}
	}
	cc, ok := f.g.lex.demonym[h]
	return cc, ok
}

// possessiveNameAfter reports whether the capitalised word after match m
// is itself followed by a possessive and another capitalised word: "Sudan
// People's Liberation", a longer name the country only opens.
func (f *finder) possessiveNameAfter(m *match) bool {
	toks := f.z.toks
	j := m.last + 1
	return j+1 < len(toks) && toks[j].flags&tCap != 0 && toks[j].flags&tPossessive != 0 && toks[j+1].flags&tCap != 0
}
