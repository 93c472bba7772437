package geo

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// DataError is a malformed row of a data file.
type DataError struct {
	File string
	Line int
	Msg  string
}

func (e *DataError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// ErrorList is every error found in a data file, in line order.
type ErrorList []*DataError

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// tsvRows calls fn with the columns of every data row of a TSV file: '#'
// comments and blank lines are skipped, the first other line is the header
// and must equal want, and every row must have as many columns. Errors are
// collected, fn's included.
func tsvRows(file, text string, want []string, fn func(line int, cols []string) error) error {
	var errs ErrorList
	header := false
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if !header {
			header = true
			if strings.Join(cols, "\t") != strings.Join(want, "\t") {
				errs = append(errs, &DataError{file, n + 1, fmt.Sprintf("header is %q, want %q", cols, want)})
				return errs
			}
			continue
		}
		if len(cols) != len(want) {
			errs = append(errs, &DataError{file, n + 1, fmt.Sprintf("%d columns, want %d", len(cols), len(want))})
			continue
		}
		if err := fn(n+1, cols); err != nil {
			errs = append(errs, &DataError{file, n + 1, err.Error()})
		}
	}
	if !header {
		errs = append(errs, &DataError{file, 1, "no header line"})
	}
	return errs.Err()
}

var extraColumns = []string{"names", "feature", "lat", "lon", "geonameid", "admin1", "country", "population"}

// addExtra adds the hand-kept places of text (extra.tsv). A row naming a
// place the index already has (same geonameid; same country; same country
// and admin1 for a region) adds its spellings to that place; the spellings
// the index already has for it stay plain index spellings (they get no
// hand-kept bonus).
func (g *Gazetteer) addExtra(file, text string) error {
	var z tokenizer
	seen := map[string]int{} // feature + name → line
	return tsvRows(file, text, extraColumns, func(line int, c []string) error {
		names := strings.Split(c[0], "|")
		for _, n := range names {
			if strings.TrimSpace(n) == "" || strings.TrimSpace(n) != n {
				return fmt.Errorf("empty or padded name in %q", c[0])
			}
			k := c[1] + "\x00" + n
			if l, ok := seen[k]; ok {
				return fmt.Errorf("duplicate %s name %q (also on line %d)", c[1], n, l)
			}
			seen[k] = line
		}
		f, err := ParseFeature(c[1])
		if err != nil {
			return err
		}
		lat, err1 := strconv.ParseFloat(c[2], 64)
		lon, err2 := strconv.ParseFloat(c[3], 64)
		if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			return fmt.Errorf("bad coordinates %q, %q", c[2], c[3])
		}
		gid, err := strconv.Atoi(c[4])
		if err != nil || gid < 0 {
			return fmt.Errorf("bad geonameid %q", c[4])
		}
		pop, err := strconv.Atoi(c[7])
		if err != nil || pop < 0 {
			return fmt.Errorf("bad population %q", c[7])
		}
		cc := c[6]
		if cc != "" && (len(cc) != 2 || strings.ToUpper(cc) != cc) {
			return fmt.Errorf("bad country code %q", cc)
		}
		if f != Water && cc == "" {
			return fmt.Errorf("a %s needs a country", f)
		}
		pl := Place{Name: names[0], GeonameID: gid, Lat: lat, Lon: lon, Admin1: c[5], Country: cc, Feature: f, Population: pop}
		id, ok := g.existing(pl, names, &z)
		if ok && int(id) < g.nbin {
			// The hand-kept row names the indexed place for display, and
			// gives a population GeoNames lacks.
			g.display[id] = display{pl.Name, pl.Admin1, pl.Population}
			if f == Region {
				// The region's towns show its admin1 the same way.
				if raw := g.bin.place(id).Admin1; raw != pl.Admin1 {
					g.admin1[raw] = append(g.admin1[raw], adminName{cc, pl.Admin1})
				}
			}
		}
		if !ok {
			id = int32(g.nbin + len(g.places))
			g.places = append(g.places, pl)
			if gid != 0 {
				g.byGeo[gid] = id
			}
			switch f {
			case Country:
				g.cntry[cc] = id
			case Region:
				if pl.Name == pl.Admin1 {
					g.region[cc+"\x00"+pl.Admin1] = id
				}
			}
		}
		for i, n := range names {
			h, words := nameHash(&z, n)
			if words == 0 {
				return fmt.Errorf("name %q has no letters", n)
			}
			if words > maxWords {
				return fmt.Errorf("name %q has %d words: Find reads names of at most %d", n, words, maxWords)
			}
			if ok && int(id) < g.nbin && g.bin.has(h, id) {
				// GeoNames already spells the place so: the row only names
				// it for display, it does not make the spelling hand-kept,
				// unless GeoNames reads the spelling as another place of
				// the same kind first ("Ras al-Ain" as Turkey's
				// Ceylanpınar): then the row's choice is kept.
				if best := g.binBest(h); best == id || best < 0 || g.bin.feature(best) != f {
					continue
				}
			}
			p := posting(id) | pExtra
			if i == 0 {
				p |= pMain
			}
			if isUpperForm(n) {
				p |= pUpper
			}
			if !containsPosting(g.keys[h], id) {
				g.keys[h] = append(g.keys[h], p)
			}
		}
		return nil
	})
}

// binBest returns the place the compiled index alone reads key hash h as
// first, without context (-1 when it has none).
func (g *Gazetteer) binBest(h uint64) int32 {
	var buf [16]posting
	best, bestS := int32(-1), math.Inf(-1)
	for _, p := range g.bin.lookup(buf[:0], h) {
		pl := g.bin.place(p.id())
		if s, _ := baseScore(pl, p, false); s > bestS || s == bestS && pl.Population > g.bin.place(best).Population {
			best, bestS = p.id(), s
		}
	}
	return best
}

// existing returns the id of the place pl names when the gazetteer already
// has it.
func (g *Gazetteer) existing(pl Place, names []string, z *tokenizer) (int32, bool) {
	switch pl.Feature {
	case Country:
		id, ok := g.cntry[pl.Country]
		return id, ok
	case Region:
		if pl.Name != pl.Admin1 {
			return 0, false // a second-level area ("Oudalan"), not the admin1 itself
		}
		if id, ok := g.region[pl.Country+"\x00"+pl.Admin1]; ok {
			return id, true
		}
		// The index may name it otherwise ("Ar-Raqqah" for "Raqqa"): look
		// for a region of the same country under any of the row's names.
		var buf []posting
		for _, n := range names {
			h, _ := nameHash(z, n)
			buf = g.postings(buf[:0], h)
			for _, p := range buf {
				if g.feature(p.id()) == Region && g.place(p.id()).Country == pl.Country {
					return p.id(), true
				}
			}
		}
		return 0, false
	}
	if pl.GeonameID == 0 {
		return 0, false
	}
	if id, ok := g.byGeo[pl.GeonameID]; ok && g.feature(id) == pl.Feature {
		return id, true
	}
	if g.bin != nil {
		if id, ok := g.bin.byGeonameID(pl.GeonameID); ok {
			return id, true
		}
	}
	return 0, false
}

func containsPosting(ps []posting, id int32) bool {
	for _, p := range ps {
		if p.id() == id {
			return true
		}
	}
	return false
}

// isUpperForm reports whether a spelling is an acronym-like form written
// in capitals: no lower-case letter, at most four letters or digits.
func isUpperForm(s string) bool {
	n := 0
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			return false
		}
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			n++
		}
	}
	return n > 0 && n <= 4
}
