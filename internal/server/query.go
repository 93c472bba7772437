package server

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/store"
)

// DefaultLimit and MaxLimit bound a page of GET /api/events.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// query is a parsed event request: the filter, then the page.
type query struct {
	filter        store.Filter
	limit, offset int
	sort          string
}

// parseQuery reads the filters of `sitrep query` from URL parameters:
// type (comma-separated), actor, country, bbox (W,S,E,N), since, until,
// text; and, when paged, limit, offset and sort. Unknown parameters are
// an error, so that a typo does not silently return everything.
func parseQuery(v url.Values, paged bool) (query, error) {
	q := query{limit: DefaultLimit, sort: "date"}
	known := map[string]bool{"type": true, "actor": true, "country": true, "bbox": true, "since": true, "until": true, "text": true}
	if paged {
		known["limit"], known["offset"], known["sort"] = true, true, true
	}
	for k := range v {
		if !known[k] {
			return q, fmt.Errorf("unknown parameter %q", k)
		}
	}
	for _, t := range strings.Split(v.Get("type"), ",") {
		if t = strings.TrimSpace(t); t != "" {
			q.filter.Types = append(q.filter.Types, t)
		}
	}
	q.filter.Actor = strings.TrimSpace(v.Get("actor"))
	q.filter.Text = strings.TrimSpace(v.Get("text"))
	if c := strings.TrimSpace(v.Get("country")); c != "" {
		if len(c) != 2 {
			return q, fmt.Errorf("country takes a two-letter ISO 3166-1 code, not %q", c)
		}
		q.filter.Country = strings.ToUpper(c)
	}
	for _, p := range []struct {
		name string
		dst  *string
	}{{"since", &q.filter.Since}, {"until", &q.filter.Until}} {
		d := strings.TrimSpace(v.Get(p.name))
		if d == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", d); err != nil {
			return q, fmt.Errorf("%s takes a date YYYY-MM-DD, not %q", p.name, d)
		}
		*p.dst = d
	}
	if b := strings.TrimSpace(v.Get("bbox")); b != "" {
		bb, err := ParseBBox(b)
		if err != nil {
			return q, fmt.Errorf("bbox: %w", err)
		}
		q.filter.BBox = &bb
	}
	if !paged {
		return q, nil
	}
	var err error
	if s := v.Get("limit"); s != "" {
		if q.limit, err = strconv.Atoi(s); err != nil || q.limit < 1 || q.limit > MaxLimit {
			return q, fmt.Errorf("limit takes a number from 1 to %d, not %q", MaxLimit, s)
		}
	}
	if s := v.Get("offset"); s != "" {
		if q.offset, err = strconv.Atoi(s); err != nil || q.offset < 0 {
			return q, fmt.Errorf("offset takes a number from 0, not %q", s)
		}
	}
	if s := v.Get("sort"); s != "" {
		switch s {
		case "date", "-date", "fatalities", "-fatalities", "articles", "-articles":
			q.sort = s
		default:
			return q, fmt.Errorf("sort takes date, fatalities or articles, with - for descending, not %q", s)
		}
	}
	return q, nil
}

// ParseBBox reads "W,S,E,N" in degrees.
func ParseBBox(s string) ([4]float64, error) {
	var b [4]float64
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return b, fmt.Errorf("want W,S,E,N, got %q", s)
	}
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return b, fmt.Errorf("%q is not a number", p)
		}
		b[i] = f
	}
	if b[1] > b[3] || b[1] < -90 || b[3] > 90 || b[0] < -180 || b[2] > 180 {
		return b, fmt.Errorf("%q is not west,south,east,north in degrees", s)
	}
	return b, nil
}
