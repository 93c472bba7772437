package lexicon

import (
	"io/fs"
	"strconv"
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
