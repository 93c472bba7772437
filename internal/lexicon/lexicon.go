// Package lexicon loads sitrep's language knowledge — actors, event
// triggers, weapons, attribution cues, sources, numbers, dates and targets —
// from plain tab-separated files (format: lexicons/README.md) and matches
// their forms against a document's tokens.
//
// Load reads LANG/*.tsv and common/*.tsv from an fs.FS, checks every row
// (unknown kinds, bad numbers, duplicate forms) and reports all problems at
// once as an ErrorList of file:line messages. Default loads the copy
// embedded in the binary.
package lexicon

import (
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/lexicons"
)

// Category says which file an entry comes from.
type Category uint8

// The categories, one per lexicon file.
const (
	Actor Category = iota
	Trigger
	Weapon
	Attribution
	Source
	Number
	Date
	Target
	Grammar
	numCategories
)

var fileNames = [numCategories]string{"actors.tsv", "triggers.tsv", "weapons.tsv", "attribution.tsv", "sources.tsv", "numbers.tsv", "dates.tsv", "targets.tsv", "grammar.tsv"}

var headers = [numCategories][]string{
	{"forms", "id", "kind", "country", "name"},
	{"forms", "family", "type", "cameo"},
	{"forms", "class", "model", "platform"},
	{"forms", "kind"},
	{"forms", "name", "kind", "country"},
	{"forms", "value", "kind"},
	{"forms", "kind", "value"},
	{"forms", "target"},
	{"forms", "kind"},
}

// String names the category by its file.
func (c Category) String() string {
	if c < numCategories {
		return strings.TrimSuffix(fileNames[c], ".tsv")
	}
	return "unknown"
}

// HasTrait reports whether the group id has the trait ("jihadist").
func (l *Lexicon) HasTrait(id, trait string) bool {
	for _, t := range l.Traits[id] {
		if t == trait {
			return true
		}
	}
	return false
}

// ActorEntry is a row of actors.tsv.
type ActorEntry struct {
	ID, Kind, Country, Name string
}

// Role returns the role of a role-only id (".MIL" → "MIL"), else "".
func (a ActorEntry) Role() string {
	if strings.HasPrefix(a.ID, ".") {
		return a.ID[1:]
	}
	return ""
}

// TriggerEntry is a row of triggers.tsv.
type TriggerEntry struct {
	Family, Type, CAMEO string
}

// WeaponEntry is a row of weapons.tsv. Class "?" marks a head noun that
// takes its class from a model or qualifier next to it.
type WeaponEntry struct {
	Class, Model, Platform string
}

// CueEntry is a row of attribution.tsv.
type CueEntry struct {
	Kind string // cue, verb, hedge, denial
}

// SourceEntry is a row of sources.tsv.
type SourceEntry struct {
	Name, Kind, Country string
}

// NumberEntry is a row of numbers.tsv.
type NumberEntry struct {
	Value int
	Kind  string // exact, vague, min, max, approx
}

// DateEntry is a row of dates.tsv.
type DateEntry struct {
	Kind  string // weekday, month, relative, last, unit, after, before, night
	Value int
}

// TargetEntry is a row of targets.tsv.
type TargetEntry struct {
	Target string
}

// GrammarEntry is a row of grammar.tsv: a closed-class word the extractor
// reads roles and scope from.
type GrammarEntry struct {
	Kind string // one of grammarKinds: target, agent, genitive, within, person, pronoun, speaker, irrealis …
}

// Lexicon is the loaded knowledge of one language. It is read-only after
// Load and safe for concurrent use.
type Lexicon struct {
	Lang     string
	Actors   []ActorEntry
	Triggers []TriggerEntry
	Weapons  []WeaponEntry
	Cues     []CueEntry
	Sources  []SourceEntry
	Numbers  []NumberEntry
	Dates    []DateEntry
	Targets  []TargetEntry
	Grammar  []GrammarEntry
	// Armies maps a state's alpha-3 code to its armed forces' usual
	// English name (common/armies.tsv).
	Armies map[string]string
	// Traits maps a group id to its traits (common/groups.tsv).
	Traits map[string][]string
	// Countries maps alpha-2 and alpha-3 codes to their country.
	Countries   map[string]Country
	matcher     *matcher
	formsLoaded int
}

// Forms returns how many forms were loaded (all categories).
func (l *Lexicon) Forms() int { return l.formsLoaded }

// Default loads lang from the lexicons embedded in the binary.
func Default(lang string) (*Lexicon, error) { return Load(lexicons.FS, lang) }

// Load reads lang/*.tsv and common/*.tsv from fsys. Every problem found is
// reported, as an ErrorList; a language folder with no file is an error.
func Load(fsys fs.FS, lang string) (*Lexicon, error) {
	if _, err := fs.Stat(fsys, lang); err != nil {
		return nil, fmt.Errorf("lexicon %q: %w", lang, err)
	}
	l := &Lexicon{Lang: lang, matcher: newMatcher()}
	var errs ErrorList
	l.Countries = loadCountries(fsys, &errs)
	l.Traits = loadTraits(fsys, &errs)
	l.Armies = loadArmies(fsys, &errs)
	for _, dir := range []string{"common", lang} {
		for c := Category(0); c < numCategories; c++ {
			path := dir + "/" + fileNames[c]
			seen := map[string]int{}
			for _, r := range readTable(fsys, path, headers[c], &errs) {
				idx, ok := l.addRow(c, r, path, &errs)
				if !ok {
					continue
				}
				for _, form := range strings.Split(r.cols[0], "|") {
					form = strings.TrimSpace(form)
					if form == "" {
						errs.add(path, r.line, "empty form in %q", r.cols[0])
						continue
					}
					key := foldKey(form)
					if prev, dup := seen[key]; dup {
						errs.add(path, r.line, "duplicate form %q (first on line %d)", form, prev)
						continue
					}
					seen[key] = r.line
					if err := l.matcher.add(form, c, idx); err != nil {
						errs.add(path, r.line, "form %q: %v", form, err)
						continue
					}
					l.formsLoaded++
				}
			}
		}
	}
	sort.SliceStable(errs, func(i, j int) bool {
		if errs[i].File != errs[j].File {
			return errs[i].File < errs[j].File
		}
		return errs[i].Line < errs[j].Line
	})
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return l, nil
}

var (
	actorKinds   = set("state_military", "state_government", "police", "non_state_armed_group", "civilians", "media", "international_org", "unknown")
	roles        = set("GOV", "MIL", "POL", "CVL", "REB", "MED")
	families     = set("hit", "strike", "clash", "capture", "kill", "supply", "arrest", "protest", "riot", "intercept", "destroy", "abduct", "suicide", "chemical", "agreement")
	platforms    = set("", "air", "sea", "ground")
	cueKinds     = set("cue", "verb", "gloss", "hedge", "denial")
	sourceKinds  = set("media", "government", "military", "armed_group", "anonymous", "witness", "ngo", "international_org")
	numberKinds  = set("exact", "vague", "min", "max", "approx", "between", "and")
	grammarKinds = set("target", "agent", "genitive", "within", "person", "pronoun", "speaker", "irrealis", "locative", "ledby", "support", "passive", "dead", "blame", "claim", "base", "civil", "clause", "response", "other", "also", "from", "power", "habit", "hurt", "subset", "attempt", "relative", "edge", "aux", "anaphor", "aggregate")
	dateKinds    = set("weekday", "month", "relative", "last", "unit", "after", "before", "night", "week", "monthrel", "same", "year", "since", "for")
)

func set(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// addRow validates a row and appends its entry; it returns the entry index.
func (l *Lexicon) addRow(c Category, r row, path string, errs *ErrorList) (int, bool) {
	col := r.cols
	bad := func(format string, args ...any) (int, bool) {
		errs.add(path, r.line, format, args...)
		return 0, false
	}
	switch c {
	case Actor:
		id, kind, country := col[1], col[2], col[3]
		if !validActorID(id) {
			return bad("actor id %q: want ISO3, ISO3.ROLE, .ROLE, group:slug or =group", id)
		}
		if !actorKinds[kind] {
			return bad("unknown actor kind %q", kind)
		}
		if country != "" && !isISO3(country) {
			return bad("country %q: want ISO 3166-1 alpha-3", country)
		}
		l.Actors = append(l.Actors, ActorEntry{ID: id, Kind: kind, Country: country, Name: col[4]})
		return len(l.Actors) - 1, true
	case Trigger:
		if !families[col[1]] {
			return bad("unknown trigger family %q", col[1])
		}
		if _, ok := event.Types[col[2]]; !ok {
			return bad("unknown event type %q", col[2])
		}
		if !isCAMEO(col[3]) {
			return bad("cameo %q: want 2 to 4 digits", col[3])
		}
		l.Triggers = append(l.Triggers, TriggerEntry{Family: col[1], Type: col[2], CAMEO: col[3]})
		return len(l.Triggers) - 1, true
	case Weapon:
		if col[1] != "?" && !isWeaponClass(col[1]) {
			return bad("unknown weapon class %q", col[1])
		}
		if !platforms[col[3]] {
			return bad("unknown platform %q: want air, sea, ground or empty", col[3])
		}
		l.Weapons = append(l.Weapons, WeaponEntry{Class: col[1], Model: col[2], Platform: col[3]})
		return len(l.Weapons) - 1, true
	case Attribution:
		if !cueKinds[col[1]] {
			return bad("unknown attribution kind %q", col[1])
		}
		l.Cues = append(l.Cues, CueEntry{Kind: col[1]})
		return len(l.Cues) - 1, true
	case Source:
		if col[1] == "" {
			return bad("source without a name")
		}
		if !sourceKinds[col[2]] {
			return bad("unknown source kind %q", col[2])
		}
		if col[3] != "" && !isISO3(col[3]) {
			return bad("country %q: want ISO 3166-1 alpha-3", col[3])
		}
		l.Sources = append(l.Sources, SourceEntry{Name: col[1], Kind: col[2], Country: col[3]})
		return len(l.Sources) - 1, true
	case Number:
		kind := col[2]
		if !numberKinds[kind] {
			return bad("unknown number kind %q", kind)
		}
		v := 0
		if kind == "exact" || kind == "vague" {
			n, err := strconv.Atoi(col[1])
			if err != nil || n < 0 {
				return bad("value %q: want a whole number", col[1])
			}
			v = n
		} else if col[1] != "" {
			return bad("a %s row has no value", kind)
		}
		l.Numbers = append(l.Numbers, NumberEntry{Value: v, Kind: kind})
		return len(l.Numbers) - 1, true
	case Date:
		kind := col[1]
		if !dateKinds[kind] {
			return bad("unknown date kind %q", kind)
		}
		v := 0
		switch kind {
		case "weekday", "month", "relative", "unit", "week", "monthrel", "same":
			n, err := strconv.Atoi(col[2])
			if err != nil {
				return bad("value %q: want a whole number", col[2])
			}
			if (kind == "weekday" && (n < 1 || n > 7)) || (kind == "month" && (n < 1 || n > 12)) || (kind == "unit" && n < 1) {
				return bad("%s value %d out of range", kind, n)
			}
			v = n
		default:
			if col[2] != "" {
				return bad("a %s row has no value", kind)
			}
		}
		l.Dates = append(l.Dates, DateEntry{Kind: kind, Value: v})
		return len(l.Dates) - 1, true
	case Target:
		if col[1] == "" {
			return bad("target without an English name")
		}
		l.Targets = append(l.Targets, TargetEntry{Target: col[1]})
		return len(l.Targets) - 1, true
	case Grammar:
		if !grammarKinds[col[1]] {
			return bad("unknown grammar kind %q", col[1])
		}
		l.Grammar = append(l.Grammar, GrammarEntry{Kind: col[1]})
		return len(l.Grammar) - 1, true
	}
	return bad("unknown category")
}

func validActorID(id string) bool {
	switch {
	case strings.HasPrefix(id, "="):
		return len(id) > 1 && strings.Trim(id[1:], "abcdefghijklmnopqrstuvwxyz") == ""
	case strings.HasPrefix(id, "group:"):
		return len(id) > len("group:")
	case strings.HasPrefix(id, "."):
		return roles[id[1:]]
	}
	iso, role, hasRole := strings.Cut(id, ".")
	if !isISO3(iso) {
		return false
	}
	return !hasRole || roles[role]
}

func isISO3(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func isCAMEO(s string) bool {
	if len(s) < 2 || len(s) > 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isWeaponClass(c string) bool {
	for _, w := range event.WeaponClasses {
		if w == c {
			return true
		}
	}
	return false
}
