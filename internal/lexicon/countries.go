package lexicon

import (
	"io/fs"
	"strconv"
	"strings"
)

// Country is a row of common/countries.tsv.
type Country struct {
	Alpha2, Alpha3 string
	Name           string // English short name as the press uses it
	Capital        string
	Lat, Lon       float64 // the capital's point
}

var countryHeader = []string{"alpha2", "alpha3", "name", "capital", "lat", "lon", "forms_fr", "forms_en"}

// loadCountries reads common/countries.tsv into a map keyed by both the
// alpha-2 and the alpha-3 code.
func loadCountries(fsys fs.FS, errs *ErrorList) map[string]Country {
	const path = "common/countries.tsv"
	out := map[string]Country{}
	for _, r := range readTable(fsys, path, countryHeader, errs) {
		c := r.cols
		lat, err1 := strconv.ParseFloat(c[4], 64)
		lon, err2 := strconv.ParseFloat(c[5], 64)
		if len(c[0]) != 2 || !isISO3(c[1]) || err1 != nil || err2 != nil {
			errs.add(path, r.line, "want alpha2, alpha3, name, capital, lat, lon")
			continue
		}
		if _, dup := out[c[0]]; dup {
			errs.add(path, r.line, "duplicate country %s", c[0])
			continue
		}
		cty := Country{Alpha2: c[0], Alpha3: c[1], Name: c[2], Capital: c[3], Lat: lat, Lon: lon}
		out[c[0]], out[c[1]] = cty, cty
	}
	return out
}

// loadTraits reads common/groups.tsv: group (or state actor) id → traits.
func loadTraits(fsys fs.FS, errs *ErrorList) map[string][]string {
	const path = "common/groups.tsv"
	out := map[string][]string{}
	for _, r := range readTable(fsys, path, []string{"id", "traits"}, errs) {
		id := r.cols[0]
		if !strings.HasPrefix(id, "group:") && !stateRoleID(id) {
			errs.add(path, r.line, "id %q: want group:slug or ISO3.ROLE", id)
			continue
		}
		if _, dup := out[id]; dup {
			errs.add(path, r.line, "duplicate group %s", id)
			continue
		}
		for _, t := range strings.Split(r.cols[1], ",") {
			if t = strings.TrimSpace(t); t != "" {
				out[id] = append(out[id], t)
			}
		}
	}
	return out
}

// stateRoleID reports whether id is a state actor id such as "USA.MIL".
func stateRoleID(id string) bool {
	if len(id) != 7 || id[3] != '.' {
		return false
	}
	for i, c := range id {
		if i != 3 && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return true
}

// loadArmies reads common/armies.tsv: a state's alpha-3 code → its armed
// forces' usual English name, for a source the text calls "the army".
func loadArmies(fsys fs.FS, errs *ErrorList) map[string]string {
	const path = "common/armies.tsv"
	out := map[string]string{}
	for _, r := range readTable(fsys, path, []string{"country", "name"}, errs) {
		c := r.cols[0]
		if len(c) != 3 || strings.ToUpper(c) != c {
			errs.add(path, r.line, "country %q: want an ISO 3166-1 alpha-3 code", c)
			continue
		}
		if _, dup := out[c]; dup {
			errs.add(path, r.line, "duplicate country %s", c)
			continue
		}
		out[c] = r.cols[1]
	}
	return out
}
