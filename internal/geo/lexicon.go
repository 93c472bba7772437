package geo

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// Word classes of cues.tsv, as bits: one word may be in several.
const (
	cFiller uint32 = 1 << iota
	cNear
	cDir
	cPart
	cTown
	cRegion
	cAdj
	cLaunch
	cLaunchVerb
	cFrom
	cOverflown
	cTitle
	cGeneric
	cVessel
	cOffice
	cOfficeMod
	cSeat
	cSayVerb
	cVerbAux
	cSource
	cClock
	cBorder
)

var cueKinds = map[string]uint32{
	"filler": cFiller, "near": cNear, "dir": cDir, "part": cPart, "town": cTown,
	"region": cRegion, "adj": cAdj, "launch": cLaunch, "launchverb": cLaunchVerb,
	"from": cFrom, "overflown": cOverflown, "title": cTitle, "generic": cGeneric,
	"vessel": cVessel, "office": cOffice, "officemod": cOfficeMod, "seat": cSeat,
	"sayverb": cSayVerb, "verbaux": cVerbAux, "source": cSource, "clock": cClock, "border": cBorder,
}

// lexicon is the context knowledge: word classes, demonyms and stop words,
// all keyed by the hash of the folded word.
type lexicon struct {
	words        map[uint64]uint32      // exact words → classes
	prefixes     map[string][]prefixCue // words ending in * in cues.tsv, by their first three bytes
	demonym      map[uint64]string      // adjective → alpha-2
	demonym2     map[string]string      // two-word adjective ("south sudanese"), folded → alpha-2
	demonym2Last map[uint64]bool        // the last words of demonym2, hashed: only they need the two-word look-up
	stop         map[string]map[uint64]bool
	stopAny      map[uint64]bool // the stop words of every language
	stopFr       map[uint64]bool // French and common ("*") stop words
	stopEn       map[uint64]bool // English and common stop words
	stopCaps     map[string]bool // forms in capitals, matched exactly ("SANA")
}

type prefixCue struct {
	prefix string
	class  uint32
}

// class returns the cue classes of a folded word.
func (l *lexicon) class(k []byte) uint32 {
	c := l.words[hashExtend(fnvOffset, k)]
	if len(k) < 3 {
		return c
	}
	for _, p := range l.prefixes[string(k[:3])] {
		if len(k) >= len(p.prefix) && string(k[:len(p.prefix)]) == p.prefix {
			c |= p.class
		}
	}
	return c
}

// isStop reports whether the folded word k is a stop word in lang (or in
// every language when lang is empty or unknown).
func (l *lexicon) isStop(k []byte, lang string) bool {
	return l.isStopHash(hashExtend(fnvOffset, k), lang)
}

// isStopHash reports whether the name key with hash h is a stop word or
// stop phrase ("Red Cross", "Vieille ville") in lang.
func (l *lexicon) isStopHash(h uint64, lang string) bool {
	switch lang {
	case "fr":
		return l.stopFr[h]
	case "en":
		return l.stopEn[h]
	}
	return l.stopAny[h]
}

// loadLexicon reads cues.tsv, demonyms.tsv and stopwords.tsv from fsys,
// falling back to the embedded copies for files fsys does not have.
func loadLexicon(fsys fs.FS) (*lexicon, error) {
	read := func(name string) (string, error) {
		b, err := fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			b, err = dataFS.ReadFile("data/" + name)
		}
		if err != nil {
			return "", fmt.Errorf("geo: reading %s: %w", name, err)
		}
		return string(b), nil
	}
	l := &lexicon{words: map[uint64]uint32{}, prefixes: map[string][]prefixCue{}, demonym: map[uint64]string{}, demonym2: map[string]string{}, demonym2Last: map[uint64]bool{}, stop: map[string]map[uint64]bool{}, stopCaps: map[string]bool{}}
	var z tokenizer
	fold := func(w string) (string, error) {
		z.tokenize(w)
		if len(z.toks) != 1 && !(len(z.toks) > 1 && strings.Contains(w, "-")) {
			return "", fmt.Errorf("%q is not one word", w)
		}
		var k []byte
		for i := range z.toks {
			k = append(k, z.key(i)...)
		}
		return string(k), nil
	}
	text, err := read(CuesFile)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	err = tsvRows(CuesFile, text, []string{"lang", "kind", "forms"}, func(line int, c []string) error {
		kind, ok := cueKinds[c[1]]
		if !ok {
			return fmt.Errorf("unknown kind %q", c[1])
		}
		for _, w := range strings.Split(c[2], "|") {
			star := strings.HasSuffix(w, "*")
			k, err := fold(strings.TrimSuffix(w, "*"))
			if err != nil {
				return err
			}
			if seen[c[0]+c[1]+"\x00"+w] {
				return fmt.Errorf("duplicate form %q", w)
			}
			seen[c[0]+c[1]+"\x00"+w] = true
			if star {
				if len(k) < 3 {
					return fmt.Errorf("stem %q is too short", w)
				}
				l.prefixes[k[:3]] = append(l.prefixes[k[:3]], prefixCue{k, kind})
				continue
			}
			l.words[hashExtend(fnvOffset, []byte(k))] |= kind
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if text, err = read(DemonymsFile); err != nil {
		return nil, err
	}
	err = tsvRows(DemonymsFile, text, []string{"country", "forms"}, func(line int, c []string) error {
		if len(c[0]) != 2 {
			return fmt.Errorf("bad country code %q", c[0])
		}
		for _, w := range strings.Split(c[1], "|") {
			if a, b, two := strings.Cut(w, " "); two {
				// "south sudanese": read before its last word alone.
				ka, err := fold(a)
				if err != nil {
					return err
				}
				kb, err := fold(b)
				if err != nil {
					return err
				}
				l.demonym2[ka+" "+kb] = c[0]
				l.demonym2Last[hashExtend(fnvOffset, []byte(kb))] = true
				continue
			}
			k, err := fold(w)
			if err != nil {
				return err
			}
			h := hashExtend(fnvOffset, []byte(k))
			if cc, ok := l.demonym[h]; ok && cc != c[0] {
				return fmt.Errorf("%q is already a demonym of %s", w, cc)
			}
			l.demonym[h] = c[0]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if text, err = read(StopFile); err != nil {
		return nil, err
	}
	seen = map[string]bool{}
	err = tsvRows(StopFile, text, []string{"lang", "forms"}, func(line int, c []string) error {
		m := l.stop[c[0]]
		if m == nil {
			m = map[uint64]bool{}
			l.stop[c[0]] = m
		}
		for _, w := range strings.Split(c[1], "|") {
			if len(w) > 1 && strings.ToUpper(w) == w && strings.ToLower(w) != w {
				if l.stopCaps[w] {
					return fmt.Errorf("duplicate form %q", w)
				}
				l.stopCaps[w] = true
				continue
			}
			h, words := nameHash(&z, w)
			if words == 0 {
				return fmt.Errorf("%q has no letters", w)
			}
			if words == 1 && !strings.ContainsAny(w, " -") {
				// A single word is its own key, articles included ("al").
				k, err := fold(w)
				if err != nil {
					return err
				}
				h = hashExtend(fnvOffset, []byte(k))
			}
			if seen[c[0]+"\x00"+w] {
				return fmt.Errorf("duplicate form %q", w)
			}
			seen[c[0]+"\x00"+w] = true
			m[h] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	l.stopAny, l.stopFr, l.stopEn = map[uint64]bool{}, map[uint64]bool{}, map[uint64]bool{}
	for lang, m := range l.stop {
		for h := range m {
			l.stopAny[h] = true
			if lang == "fr" || lang == "*" {
				l.stopFr[h] = true
			}
			if lang == "en" || lang == "*" {
				l.stopEn[h] = true
			}
		}
	}
	return l, nil
}
