// Package export writes stored events in the formats other tools read:
//
//   - jsonl: one fused event a line, exactly as `sitrep query` prints it;
//   - geojson: an RFC 7946 FeatureCollection, one Feature per event, a
//     Point at [lon, lat] (a null geometry when the event has no place),
//     the record as properties without the location's coordinates;
//   - acled: a CSV with ACLED's 31 columns in ACLED's order (acled.go says
//     how each sitrep field maps onto them);
//   - gdelt: a tab-separated file with GDELT 2.0's 61 event columns in
//     order, without a header line, as GDELT publishes them (gdelt.go).
//
// Every writer is deterministic: the same events give the same bytes.
// Countries are named from the table in countries.tsv (ISO 3166-1 alpha-2,
// alpha-3 and numeric, FIPS 10-4, English name, ACLED region); a country
// missing from it keeps its alpha-2 code and leaves the other columns empty.
package export

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/sitrep/sitrep/internal/store"
)

// ErrFormat is returned for a format name Write does not know.
var ErrFormat = errors.New("unknown export format")

// Format names, as --format and ?format= take them.
const (
	JSONL   = "jsonl"
	GeoJSON = "geojson"
	ACLED   = "acled"
	GDELT   = "gdelt"
)

// Formats lists the format names in the order help texts show them.
func Formats() []string { return []string{JSONL, GeoJSON, ACLED, GDELT} }

// ContentType is the media type of a format, for HTTP responses.
func ContentType(format string) string {
	switch format {
	case JSONL:
		return "application/x-ndjson; charset=utf-8"
	case GeoJSON:
		return "application/geo+json"
	case ACLED:
		return "text/csv; charset=utf-8"
	case GDELT:
		return "text/tab-separated-values; charset=utf-8"
	}
	return "application/octet-stream"
}

// Extension is the file name extension of a format, without the dot.
func Extension(format string) string {
	switch format {
	case JSONL:
		return "jsonl"
	case GeoJSON:
		return "geojson"
	case ACLED:
		return "csv"
	case GDELT:
		return "tsv"
	}
	return "txt"
}

// Write writes evs to w in the named format, or returns ErrFormat.
func Write(w io.Writer, format string, evs []store.Event) error {
	bw := bufio.NewWriter(w)
	var err error
	switch format {
	case JSONL:
		err = WriteJSONL(bw, evs)
	case GeoJSON:
		err = WriteGeoJSON(bw, evs)
	case ACLED:
		err = WriteACLED(bw, evs)
	case GDELT:
		err = WriteGDELT(bw, evs)
	default:
		return fmt.Errorf("%w %q (want %s)", ErrFormat, format, strings.Join(Formats(), ", "))
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", format, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", format, err)
	}
	return nil
}

// WriteJSONL writes one event a line.
func WriteJSONL(w io.Writer, evs []store.Event) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, ev := range evs {
		if err := enc.Encode(ev); err != nil {
			return fmt.Errorf("event %s: %w", ev.ID, err)
		}
	}
	return nil
}

// WriteGeoJSON writes an RFC 7946 FeatureCollection.
func WriteGeoJSON(w io.Writer, evs []store.Event) error {
	type feature struct {
		Type       string          `json:"type"`
		ID         string          `json:"id,omitempty"`
		Geometry   json.RawMessage `json:"geometry"`
		Properties map[string]any  `json:"properties"`
	}
	fc := struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}{Type: "FeatureCollection", Features: []feature{}}
	for _, ev := range evs {
		b, err := json.Marshal(ev)
		if err != nil {
			return fmt.Errorf("event %s: %w", ev.ID, err)
		}
		var props map[string]any
		if err := json.Unmarshal(b, &props); err != nil {
			return fmt.Errorf("event %s: %w", ev.ID, err)
		}
		geom := json.RawMessage("null")
		if loc := ev.Location; loc != nil {
			geom = json.RawMessage(fmt.Sprintf(`{"type":"Point","coordinates":[%s,%s]}`, num(loc.Lon), num(loc.Lat)))
			if m, ok := props["location"].(map[string]any); ok {
				delete(m, "lat")
				delete(m, "lon")
			}
		}
		fc.Features = append(fc.Features, feature{Type: "Feature", ID: ev.ID, Geometry: geom, Properties: props})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(fc)
}

// num formats a coordinate with no more digits than it has.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// country is one row of countries.tsv.
type country struct {
	alpha2, alpha3, numeric, fips, name, region string
}

//go:embed countries.tsv
var countriesTSV string

// countryTable parses countries.tsv once; the table is read-only after.
var countryTable = sync.OnceValue(func() map[string]country {
	t := map[string]country{}
	for _, line := range strings.Split(countriesTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			panic(fmt.Sprintf("export: countries.tsv: malformed row %q", line))
		}
		c := country{f[0], f[1], f[2], f[3], f[4], f[5]}
		t[c.alpha2] = c
		t[c.alpha3] = c
	}
	return t
})

// lookupCountry finds a country by its alpha-2 or alpha-3 code.
func lookupCountry(code string) (country, bool) {
	c, ok := countryTable()[strings.ToUpper(code)]
	return c, ok
}
