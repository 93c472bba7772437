package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sitrep/sitrep/internal/geo"
)

// geocodeResult is one line of `sitrep geocode` output.
type geocodeResult struct {
	Query string `json:"query"`
	geo.Place
	Found      bool             `json:"found"`
	Candidates []geocodeExplain `json:"candidates,omitempty"`
}

// geocodeExplain is one candidate weighed, with --explain.
type geocodeExplain struct {
	geo.Place
	Score float64  `json:"score"`
	Why   []string `json:"why"`
}

// cmdGeocode geocodes each name given: one JSON line per name.
func cmdGeocode(e *env, args []string) int {
	fs := newFlags(e, "geocode", "sitrep geocode [--lang fr|en] [--country CC] [--explain] NAME...")
	lang := fs.String("lang", "", "language of the names: fr or en")
	country := fs.String("country", "", "prefer places in this ISO 3166-1 alpha-2 country")
	explain := fs.Bool("explain", false, "list the candidates weighed and why the winner won")
	names, ok := positional(fs, args)
	if !ok {
		return 2
	}
	g, err := geo.Default()
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep geocode: %v\n", err)
		return 1
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	code := 0
	for _, name := range names {
		cands := g.Lookup(name, geo.Options{Lang: *lang, Country: strings.ToUpper(*country)})
		r := geocodeResult{Query: name}
		if len(cands) > 0 {
			r.Place, r.Found = cands[0].Place, true
		} else {
			code = 1
		}
		if *explain {
			for _, c := range cands {
				r.Candidates = append(r.Candidates, geocodeExplain{c.Place, c.Score, c.Why})
			}
		}
		if err := enc.Encode(r); err != nil {
			fmt.Fprintf(e.stderr, "sitrep geocode: %v\n", err)
			return 1
		}
	}
	return code
}
