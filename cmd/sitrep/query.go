package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/postgres"
)

func cmdQuery(e *env, args []string) int {
	fl := flag.NewFlagSet("query", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	db := dbFlag(fl)
	typ := fl.String("type", "", "keep events of these types or event types, comma-separated (air_drone_strike,battles)")
	actor := fl.String("actor", "", "keep events with this actor `ID` or one under it (RUS keeps RUS.MIL)")
	country := fl.String("country", "", "keep events located in this ISO 3166-1 alpha-2 country `CC`")
	bbox := fl.String("bbox", "", "keep events located inside `W,S,E,N` (degrees)")
	since := fl.String("since", "", "keep events dated on or after `YYYY-MM-DD`")
	until := fl.String("until", "", "keep events dated on or before `YYYY-MM-DD`")
	textQ := fl.String("text", "", "keep events told by an article containing all these `words`")
	limit := fl.Int("limit", 0, "print at most `N` events (0: all)")
	format := fl.String("format", "jsonl", "output format: jsonl or table")
	fl.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: sitrep query [flags]")
		fmt.Fprintln(e.stderr, "Prints the stored events, fused across articles, oldest first (undated last).")
		fl.PrintDefaults()
	}
	rest, err := parseFlags(fl, args)
	if err != nil {
		return 2
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "sitrep query: unexpected argument %q (filters are flags)\n", rest[0])
		return 2
	}
	f := store.Filter{Types: splitList(*typ), Actor: *actor, Country: *country, Text: *textQ, Limit: *limit}
	bad := func(format string, args ...any) int {
		fmt.Fprintf(e.stderr, "sitrep query: "+format+"\n", args...)
		return 2
	}
	if *format != "jsonl" && *format != "table" {
		return bad("unknown --format %q (jsonl or table)", *format)
	}
	if *country != "" && len(*country) != 2 {
		return bad("--country takes a two-letter ISO 3166-1 code, not %q", *country)
	}
	for name, v := range map[string]*string{"since": since, "until": until} {
		if *v == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", *v); err != nil {
			return bad("--%s takes a date YYYY-MM-DD, not %q", name, *v)
		}
	}
	f.Since, f.Until = *since, *until
	if *bbox != "" {
		b, err := parseBBox(*bbox)
		if err != nil {
			return bad("--bbox: %v", err)
		}
		f.BBox = &b
	}
	if !postgres.IsDSN(*db) {
		if _, err := os.Stat(*db); err != nil {
			fmt.Fprintf(e.stderr, "sitrep query: no database at %s (run 'sitrep ingest' first, or give --db)\n", *db)
			return 1
		}
	}
	ctx := context.Background()
	st, err := openStore(ctx, *db)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep query: %v\n", err)
		return 1
	}
	defer st.Close()
	evs, err := st.Events(ctx, f)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep query: %v\n", err)
		return 1
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	if *format == "table" {
		writeEventTable(out, evs)
		return 0
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for _, ev := range evs {
		if err := enc.Encode(ev); err != nil {
			fmt.Fprintf(e.stderr, "sitrep query: writing: %v\n", err)
			return 1
		}
	}
	return 0
}

// parseBBox reads "W,S,E,N".
func parseBBox(s string) ([4]float64, error) {
	var b [4]float64
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return b, fmt.Errorf("want W,S,E,N, got %q", s)
	}
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return b, fmt.Errorf("%q is not a number", p)
		}
		b[i] = v
	}
	if b[1] > b[3] || b[1] < -90 || b[3] > 90 || b[0] < -180 || b[2] > 180 {
		return b, fmt.Errorf("%q is not west,south,east,north in degrees", s)
	}
	return b, nil
}

// writeEventTable prints fused events for a person at a terminal.
func writeEventTable(w io.Writer, evs []store.Event) {
	fmt.Fprintf(w, "%d event(s)\n", len(evs))
	for i, ev := range evs {
		fmt.Fprintf(w, "%d. %s — %d article(s) — id %s\n", i+1, headline(ev.Event), ev.NumArticles, ev.ID)
		fmt.Fprintf(w, "   %s → %s\n", actorLabel(ev.Actor1), actorLabel(ev.Actor2))
		if ev.Fatalities != nil {
			s := strconv.Itoa(ev.Fatalities.Best)
			if ev.Fatalities.Max != nil && *ev.Fatalities.Max != ev.Fatalities.Best {
				s += fmt.Sprintf(" (up to %d)", *ev.Fatalities.Max)
			}
			fmt.Fprintf(w, "   fatalities: %s\n", s)
		}
		if len(ev.Sources) > 0 {
			var ss []string
			for _, s := range ev.Sources {
				ss = append(ss, s.Name)
			}
			fmt.Fprintf(w, "   sources: %s\n", strings.Join(ss, "; "))
		}
		for _, m := range ev.Mentions {
			label := m.Title
			if label == "" {
				label = m.Doc
			}
			outlet := m.Outlet
			if outlet == "" {
				outlet = "unknown outlet"
			}
			fmt.Fprintf(w, "   - %s: %s", outlet, clip(label, 80))
			if m.URL != "" {
				fmt.Fprintf(w, " <%s>", m.URL)
			}
			fmt.Fprintln(w)
		}
	}
}
