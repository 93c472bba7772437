package geo

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Sources are the inputs of [BuildIndex], as shipped in the npm packages
// named in README.md.
type Sources struct {
	// Cities is GeoNames cities500.txt (tab-separated, 19 columns).
	Cities io.Reader
	// Regions is iso3166-2-db's data/iso3166-2.json: countries with their
	// names and their first-level regions, whose "admin" code is GeoNames'
	// admin1 column.
	Regions []byte
	// CountryNames maps a language ("en", "fr") to i18n-iso-countries'
	// langs/LANG.json.
	CountryNames map[string][]byte
	// Words are JSON arrays of common words (English, French): a one-word
	// town name that is also a common word needs more evidence in Find.
	Words [][]byte
}

// BuildStats describes a built index.
type BuildStats struct {
	Cities, Regions, Countries int
	Keys, Postings             int
	Bytes                      int
}

// skippedFeatureCodes are GeoNames populated-place codes left out: historical,
// abandoned, destroyed places and capitals of the past.
var skippedFeatureCodes = map[string]bool{"PPLH": true, "PPLQ": true, "PPLW": true, "PPLCH": true}

type buildPlace struct {
	Place
	admin1Code string
	code       string // GeoNames feature code
	names      []string
	alts       []string
}

// BuildIndex compiles the gazetteer sources into the binary index read by
// Load. The output depends only on the inputs.
func BuildIndex(src Sources) ([]byte, BuildStats, error) {
	var st BuildStats
	common, err := commonWords(src.Words)
	if err != nil {
		return nil, st, err
	}
	cities, err := readCities(src.Cities)
	if err != nil {
		return nil, st, err
	}
	sort.Slice(cities, func(i, j int) bool { return cities[i].GeonameID < cities[j].GeonameID })
	st.Cities = len(cities)

	var regionsDB map[string]struct {
		Names   map[string]any `json:"names"`
		Regions []struct {
			Names map[string]any `json:"names"`
			Admin string         `json:"admin"`
		} `json:"regions"`
	}
	if err := json.Unmarshal(src.Regions, &regionsDB); err != nil {
		return nil, st, fmt.Errorf("regions: %w", err)
	}
	countryNames := map[string]map[string][]string{}
	langs := make([]string, 0, len(src.CountryNames))
	for lang := range src.CountryNames {
		langs = append(langs, lang)
	}
	sort.Strings(langs)
	for _, lang := range langs {
		var f struct {
			Countries map[string]any `json:"countries"`
		}
		if err := json.Unmarshal(src.CountryNames[lang], &f); err != nil {
			return nil, st, fmt.Errorf("country names %s: %w", lang, err)
		}
		for cc, v := range f.Countries {
			if countryNames[cc] == nil {
				countryNames[cc] = map[string][]string{}
			}
			countryNames[cc][lang] = stringsOf(v)
		}
	}

	// Capitals of regions and countries.
	type adminKey struct{ cc, code string }
	capital := map[adminKey]int{}
	natCapital := map[string]int{}
	better := func(a, b *buildPlace, want string) bool { // is a a better capital than b?
		if (a.code == want) != (b.code == want) {
			return a.code == want
		}
		return a.Population > b.Population
	}
	for i := range cities {
		c := &cities[i]
		k := adminKey{c.Country, c.admin1Code}
		if j, ok := capital[k]; !ok || better(c, &cities[j], "PPLA") {
			capital[k] = i
		}
		if j, ok := natCapital[c.Country]; !ok || better(c, &cities[j], "PPLC") {
			natCapital[c.Country] = i
		}
	}

	// Regions, named in English, French and Arabic.
	var places []buildPlace
	admin1Name := map[adminKey]string{}
	ccs := make([]string, 0, len(regionsDB))
	for cc := range regionsDB {
		ccs = append(ccs, cc)
	}
	sort.Strings(ccs)
	var regions []buildPlace
	for _, cc := range ccs {
		rs := regionsDB[cc].Regions
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].Admin < rs[j].Admin })
		for _, r := range rs {
			if r.Admin == "" {
				continue
			}
			ci, ok := capital[adminKey{cc, r.Admin}]
			if !ok {
				continue
			}
			en := firstString(r.Names["en"])
			gn := firstString(r.Names["geonames"])
			name := asciiFold(stripAdminWords(en))
			if name == "" {
				name = asciiFold(gn)
			}
			if name == "" {
				continue
			}
			admin1Name[adminKey{cc, r.Admin}] = name
			p := buildPlace{Place: Place{Name: name, Lat: cities[ci].Lat, Lon: cities[ci].Lon, Admin1: name, Country: cc, Feature: Region}}
			p.names = []string{name}
			for _, lang := range []string{"en", "fr", "ar", "geonames"} {
				for _, n := range stringsOf(r.Names[lang]) {
					p.alts = append(p.alts, n, stripAdminWords(n))
				}
			}
			regions = append(regions, p)
		}
	}
	for i := range cities {
		cities[i].Admin1 = admin1Name[adminKey{cities[i].Country, cities[i].admin1Code}]
	}
	st.Regions = len(regions)

	// Countries.
	var countries []buildPlace
	ccs = ccs[:0]
	for cc := range countryNames {
		ccs = append(ccs, cc)
	}
	sort.Strings(ccs)
	for _, cc := range ccs {
		ci, ok := natCapital[cc]
		if !ok {
			continue
		}
		en := countryNames[cc]["en"]
		name := ""
		if db, ok := regionsDB[cc]; ok {
			name = firstString(db.Names["en"])
		}
		if name == "" && len(en) > 0 {
			name = en[0]
		}
		if name == "" {
			continue
		}
		p := buildPlace{Place: Place{Name: name, Lat: cities[ci].Lat, Lon: cities[ci].Lon, Country: cc, Feature: Country}}
		p.names = []string{name}
		for _, lang := range langs {
			p.alts = append(p.alts, countryNames[cc][lang]...)
		}
		if db, ok := regionsDB[cc]; ok {
			for _, lang := range []string{"en", "fr", "ar", "geonames"} {
				p.alts = append(p.alts, stringsOf(db.Names[lang])...)
			}
		}
		countries = append(countries, p)
	}
	st.Countries = len(countries)

	places = append(places, cities...)
	places = append(places, regions...)
	places = append(places, countries...)

	w := newIndexWriter()
	var z tokenizer
	for id := range places {
		p := &places[id]
		w.addPlace(p.Place)
		seen := map[uint64]posting{}
		add := func(n string, flag posting) {
			if n == "" || len(n) > 100 {
				return
			}
			h, words := nameHash(&z, n)
			if words == 0 || words > 6 {
				return
			}
			fl := flag
			if isUpperForm(n) {
				fl |= pUpper
			}
			if words == 1 && p.Feature == City && common[string(z.key(z.nameTokens()[0]))] {
				fl |= pCommon
			}
			old, ok := seen[h]
			switch {
			case !ok:
				seen[h] = fl
			case old&pMain != 0:
			case fl&pMain != 0:
				seen[h] = fl
			}
		}
		for _, n := range p.names {
			add(n, pMain)
		}
		for _, n := range p.alts {
			add(n, pAlt)
		}
		hs := make([]uint64, 0, len(seen))
		for h := range seen {
			hs = append(hs, h)
		}
		sort.Slice(hs, func(i, j int) bool { return hs[i] < hs[j] })
		for _, h := range hs {
			w.addKey(h, posting(id)|seen[h])
		}
	}
	b := w.bytes()
	st.Keys, st.Postings, st.Bytes = len(w.keys), w.nPost, len(b)
	return b, st, nil
}

// readCities parses GeoNames cities500.txt.
func readCities(r io.Reader) ([]buildPlace, error) {
	var out []buildPlace
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 19 {
			return nil, fmt.Errorf("cities500.txt:%d: %d columns, want 19", line, len(c))
		}
		if c[6] != "P" || skippedFeatureCodes[c[7]] {
			continue
		}
		id, err1 := strconv.Atoi(c[0])
		lat, err2 := strconv.ParseFloat(c[4], 64)
		lon, err3 := strconv.ParseFloat(c[5], 64)
		pop, err4 := strconv.Atoi(c[14])
		if c[14] == "" {
			err4 = nil
		}
		if err := firstErr(err1, err2, err3, err4); err != nil {
			return nil, fmt.Errorf("cities500.txt:%d: %w", line, err)
		}
		name := c[2] // the ASCII name: "Albu Kamal" rather than "Ālbū Kamāl"
		if name == "" {
			name = c[1]
		}
		p := buildPlace{Place: Place{Name: name, GeonameID: id, Lat: lat, Lon: lon, Country: c[8], Feature: City, Population: pop}, admin1Code: c[10], code: c[7]}
		p.names = []string{c[1], c[2]}
		if c[3] != "" {
			for _, a := range strings.Split(c[3], ",") {
				if keepAlternate(a) {
					p.alts = append(p.alts, a)
				}
			}
		}
		out = append(out, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("cities500.txt: %w", err)
	}
	return out, nil
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// keepAlternate reports whether an alternate name is worth indexing: Latin
// or Arabic script, no digits, not an airport code, not too short or long.
func keepAlternate(a string) bool {
	if len(a) < 3 || len(a) > 80 || isUpperForm(a) || strings.HasPrefix(a, "http") {
		return false
	}
	latin, arabic := false, false
	for _, r := range a {
		switch {
		case unicode.IsDigit(r):
			return false
		case r < 0x250 || r >= 0x1E00 && r < 0x1F00:
			if unicode.IsLetter(r) {
				latin = true
			}
		case r >= 0x0600 && r <= 0x06FF:
			arabic = true
		case unicode.IsLetter(r):
			return false // another script
		}
	}
	return latin != arabic
}

// adminWords are the words that name the kind of a first-level division,
// stripped from region names to get the bare name ("Homs Governorate" →
// "Homs", "Oblast de Soumy" → "Soumy").
var adminPrefixes = []string{"Gouvernorat de ", "Gouvernorat d'", "Gouvernorat d’", "Gouvernorat du ", "Région de ", "Région d'", "Région du ", "Oblast de ", "Oblast d'", "Oblast du ", "Province de ", "Province d'", "Province du ", "Préfecture de ", "Département de ", "Département du ", "Département d'", "Wilaya de ", "Wilaya d'", "État de ", "État du ", "Région ", "Muhafazat ", "محافظة ", "منطقة ", "ولاية "}
var adminSuffixes = []string{" Governorate", " Province", " Oblast", " Region", " Prefecture", " Department", " Municipality", " District", " State", " Krai", " Territory", " County", " Canton", " Voivodeship", " Wilaya", " أوبلاست"}

func stripAdminWords(s string) string {
	for _, p := range adminPrefixes {
		if strings.HasPrefix(s, p) && len(s) > len(p) {
			s = s[len(p):]
			break
		}
	}
	for _, suf := range adminSuffixes {
		if strings.HasSuffix(s, suf) && len(s) > len(suf) {
			s = s[:len(s)-len(suf)]
			break
		}
	}
	return s
}

// stringsOf returns v as a list of strings (a JSON string or array).
func stringsOf(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func firstString(v any) string {
	if s := stringsOf(v); len(s) > 0 {
		return s[0]
	}
	return ""
}

// commonWords folds the word lists into a set of keys. Words of fewer than
// three letters and words with a hyphen or apostrophe are left out.
func commonWords(lists [][]byte) (map[string]bool, error) {
	out := map[string]bool{}
	var z tokenizer
	for i, b := range lists {
		var ws []string
		if err := json.Unmarshal(b, &ws); err != nil {
			return nil, fmt.Errorf("word list %d: %w", i, err)
		}
		for _, w := range ws {
			if len(w) < 3 || strings.ContainsAny(w, "-' ") {
				continue
			}
			z.tokenize(w)
			if len(z.toks) == 1 {
				out[string(z.key(0))] = true
			}
		}
	}
	return out, nil
}

// asciiFold replaces the accented Latin letters of s by their base
// letters, keeping case: "Şanlıurfa" → "Sanliurfa".
func asciiFold(s string) string {
	var b strings.Builder
	for _, r := range s {
		var rep string
		switch {
		case r >= 0xC0 && r < 0x250:
			rep = latinFold00C0[r-0xC0]
		case r >= 0x1E00 && r < 0x1F00:
			rep = latinFold1E00[r-0x1E00]
		default:
			b.WriteRune(r)
			continue
		}
		if rep == "" {
			b.WriteRune(r)
			continue
		}
		if unicode.IsUpper(r) {
			rep = strings.ToUpper(rep[:1]) + rep[1:]
		}
		b.WriteString(rep)
	}
	return b.String()
}

// roundCoord rounds a coordinate to the index's 1e-5 degree.
func roundCoord(x float64) int32 { return int32(math.Round(x * 1e5)) }
