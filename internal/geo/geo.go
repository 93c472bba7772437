package geo

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Feature is the kind of a gazetteer entry.
type Feature uint8

// The feature classes.
const (
	// City is a populated place: a city, town or village.
	City Feature = iota + 1
	// Region is a first-level administrative division (governorate,
	// province, oblast); its Lat/Lon are its capital's.
	Region
	// Country is a sovereign state; its Lat/Lon are its capital's.
	Country
	// Water is a sea, gulf, lake or river.
	Water
	// Site is a named place that is not a town: an airbase, a dam, a border
	// crossing.
	Site
)

var featureNames = [...]string{"", "city", "region", "country", "water", "site"}

// String returns the feature's lower-case name ("city", "region" …).
func (f Feature) String() string {
	if int(f) < len(featureNames) {
		return featureNames[f]
	}
	return fmt.Sprintf("feature(%d)", f)
}

// MarshalText encodes the feature as its name.
func (f Feature) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// ParseFeature returns the feature with the given name.
func ParseFeature(s string) (Feature, error) {
	for i, n := range featureNames {
		if i > 0 && n == s {
			return Feature(i), nil
		}
	}
	return 0, fmt.Errorf("unknown feature %q (want city, region, country, water or site)", s)
}

// Role says what part a place plays in the sentence that names it.
type Role uint8

// The roles of a place mention.
const (
	// Event is the default: the place may be where something happened.
	Event Role = iota
	// Launch is a launch or take-off area: "depuis la Méditerranée", "from
	// the Caspian Sea", "stationné dans la Méditerranée".
	Launch
	// Overflown is a country or area flown over: "ont survolé l'Iran et
	// l'Irak".
	Overflown
	// Dateline is the reporting city at the head of an article: "Damas, 10
	// novembre 2017 -", "KYIV, April 8, 2022 -".
	Dateline
	// Title is a place that names an office or a government rather than a
	// location: part of an official's or an institution's title ("le maire
	// de Kiev", "Donetsk regional governor", "the Kharkiv regional
	// administration"), or a capital standing for its government before a
	// reporting verb ("Moscou affirme", "Kyiv denied").
	Title
	// Clock is a place named for its time zone: "vers 4 heures (heure de
	// Damas)", "2 a.m. Kyiv time".
	Clock
	// Border is a country across a border: "près de Karimama, à la
	// frontière avec le Niger", "on the border with Syria".
	Border
)

var roleNames = [...]string{"event", "launch", "overflown", "dateline", "title", "clock", "border"}

// String returns the role's lower-case name.
func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return fmt.Sprintf("role(%d)", r)
}

// MarshalText encodes the role as its name.
func (r Role) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// Place is one gazetteer entry.
type Place struct {
	Name       string  `json:"name"`                // English name ("Abu Kamal", "Deir ez-Zor")
	GeonameID  int     `json:"geonameid,omitempty"` // 0 for hand-kept entries without one
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	Admin1     string  `json:"admin1,omitempty"`  // English name of the first-level division
	Country    string  `json:"country,omitempty"` // ISO 3166-1 alpha-2
	Feature    Feature `json:"feature"`
	Population int     `json:"population,omitempty"`
}

// Mention is one place name found in a text.
type Mention struct {
	// Start and End are the byte span of the name itself in the original
	// text ("al-Boukamal").
	Start, End int
	// PhraseStart is the start of the phrase including its context words
	// ("près de la ville syrienne d’al-Boukamal" starts at "près"); it
	// equals Start when there are none.
	PhraseStart int
	// Text is the original text of [PhraseStart, End).
	Text string
	// Place is the chosen place.
	Place Place
	// Precision follows ACLED's geo-precision: 1 the named town; 2 near a
	// town, or a site; 3 a region, a country or a water body.
	Precision int
	// Role says whether the place can be an event's location.
	Role Role
	// Candidates are the places weighed, best first, with their scores and
	// the reasons for them.
	Candidates []Candidate
}

// Candidate is one place a name may refer to, with its score and the
// reasons for the score.
type Candidate struct {
	Place Place
	Score float64
	Why   []string
}

// Options bias a Lookup.
type Options struct {
	// Lang is the language of the name ("fr", "en"); it may be empty.
	// Lookup does not use it yet: names of every language share one index.
	Lang string
	// Country is an ISO 3166-1 alpha-2 code whose places are preferred.
	Country string
}

// Errors returned by Load.
var (
	// ErrNoData means the file system holds neither an index nor a
	// hand-kept file.
	ErrNoData = errors.New("geo: no gazetteer data (want index.bin and/or extra.tsv)")
)

// File names inside the file system given to Load.
const (
	IndexFile    = "index.bin"
	ExtraFile    = "extra.tsv"
	CuesFile     = "cues.tsv"
	DemonymsFile = "demonyms.tsv"
	StopFile     = "stopwords.tsv"
)

//go:embed data/*.tsv
var dataFS embed.FS

// Gazetteer finds and resolves place names. It is safe for concurrent use
// once loaded.
type Gazetteer struct {
	bin  *binIndex // the compiled index; nil when there is none
	nbin int       // number of places in bin

	places []Place              // hand-kept places not in bin, ids nbin…
	keys   map[uint64][]posting // hand-kept spellings
	byGeo  map[int]int32        // geonameid → place id, hand-kept places only
	cntry  map[string]int32     // alpha-2 → country place id
	region map[string]int32     // alpha-2 + "\x00" + admin1 → region place id
	lex    *lexicon
	// display holds the English name and admin1 that the hand-kept file
	// gives to indexed places.
	display map[int32]display
	// admin1 maps an indexed admin1 name to the name a hand-kept region
	// row of that country shows for it ("Ar-Raqqah" → "Raqqa").
	admin1 map[string][]adminName
}

// adminName is the name shown for an admin1 of a country.
type adminName struct{ country, name string }

// display is what the hand-kept file says of an indexed place.
type display struct {
	name, admin1 string
	population   int
}

// posting is one (key, place) pair: a place id in the low 24 bits and
// flags above.
type posting uint32

const (
	pIDMask posting = 1<<24 - 1
	pMain   posting = 1 << 24 // the key is the place's own (first) name
	pExtra  posting = 1 << 25 // the key comes from the hand-kept file
	pUpper  posting = 1 << 26 // the spelling is written in capitals ("US")
	pCommon posting = 1 << 27 // the key is also a common French or English word
	pAlt    posting = 1 << 28 // the key is an alternate name in another language or script
)

func (p posting) id() int32 { return int32(p & pIDMask) }

// Default returns the gazetteer built into the binary: the compiled
// GeoNames index (when present) plus the hand-kept file. Each call builds a
// new value; the index itself is not parsed (it is read in place), so a
// call costs little, but callers should keep the value.
func Default() (*Gazetteer, error) {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		return nil, fmt.Errorf("geo: embedded data: %w", err)
	}
	return load(sub, embeddedIndex)
}

// Load reads a gazetteer from fsys: index.bin (the compiled index, optional)
// and extra.tsv (hand-kept places), with the context word lists cues.tsv,
// demonyms.tsv and stopwords.tsv (the embedded ones are used when fsys has
// none).
func Load(fsys fs.FS) (*Gazetteer, error) {
	b, err := fs.ReadFile(fsys, IndexFile)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("geo: reading %s: %w", IndexFile, err)
	}
	return load(fsys, string(b))
}

func load(fsys fs.FS, index string) (*Gazetteer, error) {
	g := &Gazetteer{
		keys:    make(map[uint64][]posting),
		byGeo:   make(map[int]int32),
		cntry:   make(map[string]int32),
		region:  make(map[string]int32),
		display: make(map[int32]display),
		admin1:  make(map[string][]adminName),
	}
	if index != "" {
		bin, err := openIndex(index)
		if err != nil {
			return nil, fmt.Errorf("geo: %s: %w", IndexFile, err)
		}
		g.bin = bin
		g.nbin = bin.n
		bin.each(func(id int32, f Feature, cc, admin1 string) {
			switch f {
			case Country:
				g.cntry[cc] = id
			case Region:
				g.region[cc+"\x00"+admin1] = id
			}
		})
	}
	lex, err := loadLexicon(fsys)
	if err != nil {
		return nil, err
	}
	g.lex = lex
	extra, err := fs.ReadFile(fsys, ExtraFile)
	switch {
	case err == nil:
		if err := g.addExtra(ExtraFile, string(extra)); err != nil {
			return nil, err
		}
	case errors.Is(err, fs.ErrNotExist):
		if g.bin == nil {
			return nil, ErrNoData
		}
	default:
		return nil, fmt.Errorf("geo: reading %s: %w", ExtraFile, err)
	}
	return g, nil
}

// Len returns the number of places in the gazetteer.
func (g *Gazetteer) Len() int { return g.nbin + len(g.places) }

// place returns the place with id i.
func (g *Gazetteer) place(i int32) Place {
	if int(i) < g.nbin {
		p := g.bin.place(i)
		for _, a := range g.admin1[p.Admin1] {
			if a.country == p.Country {
				p.Admin1 = a.name
			}
		}
		if d, ok := g.display[i]; ok {
			p.Name = d.name
			if d.admin1 != "" {
				p.Admin1 = d.admin1
			}
			if p.Population == 0 {
				p.Population = d.population
			}
		}
		return p
	}
	return g.places[int(i)-g.nbin]
}

// feature returns the feature of place i without building the Place.
func (g *Gazetteer) feature(i int32) Feature {
	if int(i) < g.nbin {
		return g.bin.feature(i)
	}
	return g.places[int(i)-g.nbin].Feature
}

// postings appends the postings of key hash h to dst.
func (g *Gazetteer) postings(dst []posting, h uint64) []posting {
	if g.bin != nil {
		dst = g.bin.lookup(dst, h)
	}
	if ps, ok := g.keys[h]; ok {
		for _, p := range ps {
			dup := false
			for j, q := range dst {
				if q.id() == p.id() {
					dst[j] |= p &^ pIDMask &^ pCommon
					dup = true
					break
				}
			}
			if !dup {
				dst = append(dst, p)
			}
		}
	}
	return dst
}

// Lookup geocodes one name: the places it may refer to, best first. The
// name may carry an article or an elision ("la Méditerranée", "al-Bab"),
// and a type word: "province de Hama", "Hama province", "la région de
// Soumy" prefer the region; "la ville de Hama", "the town of Hama" the
// town.
func (g *Gazetteer) Lookup(name string, opt Options) []Candidate {
	var z tokenizer
	z.tokenize(name)
	if len(z.toks) == 0 {
		return nil
	}
	a, b := 0, len(z.toks)
	region, town := false, false
	for a < b-1 {
		k := z.key(a)
		c := g.lex.class(k)
		if c&(cRegion|cTown|cFiller) == 0 && z.toks[a].flags&tElision == 0 || isArticle(k) {
			break
		}
		region = region || c&cRegion != 0
		town = town || c&cTown != 0
		a++
	}
	if a > 0 && g.lex.class(z.key(a-1))&cFiller == 0 && z.toks[a-1].flags&tElision == 0 {
		a, region, town = 0, false, false // "Port Moresby" is a name, not "port of Moresby"
	}
	for b > a+1 && g.lex.class(z.key(b-1))&cRegion != 0 {
		region = true
		b--
	}
	h, n := nameHash(&z, name[z.toks[a].start:z.toks[b-1].end])
	if n == 0 {
		return nil
	}
	ps := g.postings(nil, h)
	pls := make([]Place, len(ps))
	for i, p := range ps {
		pls[i] = g.place(p.id())
	}
	cands := make([]Candidate, 0, len(ps))
	for i, p := range ps {
		pl := pls[i]
		s, why := baseScore(pl, p, true)
		if opt.Country != "" && strings.EqualFold(pl.Country, opt.Country) {
			s += 5
			why = append(why, "in the --country asked for (+5)")
		}
		if !region && isTwinRegion(&pl, len(pls), func(i int) *Place { return &pls[i] }) {
			s -= 6
			why = append(why, "a region named like the town that heads it, without \"province\"/\"region\": the town (-6)")
		}
		switch {
		case region && pl.Feature == Region:
			s += 12
			why = append(why, "\"province\"/\"region\" in the name: a region (+12)")
		case town && pl.Feature == City:
			s += 1.5
			why = append(why, "a town word in the name (+1.5)")
		}
		cands = append(cands, Candidate{Place: pl, Score: s, Why: why})
	}
	sortCandidates(cands)
	return cands
}

// seatPopulation is the population a town of unknown population counts
// for: cities500 lists such a town only when it is the seat of an
// administrative division.
const seatPopulation = 2000

// twinKm is how near a region's point (its capital) a town of the same
// name must be for the name to be read as the town.
const twinKm = 10

// isTwinRegion reports whether pl is a region and one of the n candidates
// of the same name (at(i)) is a town at the region's capital: "Raqqa",
// "Hama", "Donetsk" alone name the town; "Raqqa province" the region.
func isTwinRegion(pl *Place, n int, at func(int) *Place) bool {
	if pl.Feature != Region {
		return false
	}
	for i := 0; i < n; i++ {
		o := at(i)
		if o.Feature == City && o.Country == pl.Country && Km(o.Lat, o.Lon, pl.Lat, pl.Lon) <= twinKm {
			return true
		}
	}
	return false
}

// baseScore scores a candidate without context: population, feature class
// and how the name matched. With explain it also returns the reasons.
func baseScore(pl Place, p posting, explain bool) (float64, []string) {
	var why []string
	s := 0.0
	add := func(v float64, r string) {
		s += v
		if explain {
			why = append(why, r)
		}
	}
	if pl.Population > 0 {
		ps := math.Log10(float64(pl.Population) + 1)
		s += ps
		if explain {
			why = append(why, "population "+strconv.Itoa(pl.Population)+" (+"+strconv.FormatFloat(ps, 'f', 1, 64)+")")
		}
	} else if pl.Feature == City {
		ps := math.Log10(seatPopulation)
		s += ps
		if explain {
			why = append(why, "population unknown: a seat, counted as "+strconv.Itoa(seatPopulation)+" (+"+strconv.FormatFloat(ps, 'f', 1, 64)+")")
		}
	}
	switch pl.Feature {
	case Country:
		add(8, "a country (+8)")
	case Water:
		add(7, "a sea or river (+7)")
	case Site:
		add(5, "a named site (+5)")
	case Region:
		add(3, "a first-level region (+3)")
	}
	if p&pMain != 0 {
		add(1, "its own name (+1)")
	}
	if p&pExtra != 0 {
		add(3, "a hand-kept spelling (+3)")
	}
	return s, why
}

func sortCandidates(c []Candidate) {
	sort.SliceStable(c, func(i, j int) bool {
		if c[i].Score != c[j].Score {
			return c[i].Score > c[j].Score
		}
		if c[i].Place.Population != c[j].Place.Population {
			return c[i].Place.Population > c[j].Place.Population
		}
		return c[i].Place.GeonameID < c[j].Place.GeonameID
	})
}

// isCapital reports whether a town is its country's capital: the point
// of a country is its capital's.
func (g *Gazetteer) isCapital(pl *Place) bool {
	id, ok := g.cntry[pl.Country]
	if !ok || pl.Feature != City {
		return false
	}
	c := g.place(id)
	return Km(c.Lat, c.Lon, pl.Lat, pl.Lon) <= 1
}

// Distance returns the great-circle distance between two places in km.
func Distance(a, b Place) float64 { return Km(a.Lat, a.Lon, b.Lat, b.Lon) }

// Km is the great-circle distance in kilometres between two points given
// in degrees (haversine, on a sphere of radius 6,371 km).
func Km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}
