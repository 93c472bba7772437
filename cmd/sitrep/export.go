package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/export"
	"github.com/sitrep/sitrep/internal/server"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/postgres"
)

// filterFlags adds the event filters of `sitrep query` to fl; the returned
// function validates them after parsing.
func filterFlags(fl *flag.FlagSet) func() (store.Filter, error) {
	typ := fl.String("type", "", "keep events of these types or event types, comma-separated (air_drone_strike,battles)")
	actor := fl.String("actor", "", "keep events with this actor `ID` or one under it (RUS keeps RUS.MIL)")
	country := fl.String("country", "", "keep events located in this ISO 3166-1 alpha-2 country `CC`")
	bbox := fl.String("bbox", "", "keep events located inside `W,S,E,N` (degrees)")
	since := fl.String("since", "", "keep events dated on or after `YYYY-MM-DD`")
	until := fl.String("until", "", "keep events dated on or before `YYYY-MM-DD`")
	textQ := fl.String("text", "", "keep events told by an article containing all these `words`")
	limit := fl.Int("limit", 0, "at most `N` events (0: all)")
	return func() (store.Filter, error) {
		f := store.Filter{Types: splitList(*typ), Actor: *actor, Country: strings.ToUpper(*country), Text: *textQ, Limit: *limit}
		if *country != "" && len(*country) != 2 {
			return f, fmt.Errorf("--country takes a two-letter ISO 3166-1 code, not %q", *country)
		}
		for _, d := range []struct {
			name string
			v    string
		}{{"since", *since}, {"until", *until}} {
			if d.v == "" {
				continue
			}
			if _, err := time.Parse("2006-01-02", d.v); err != nil {
				return f, fmt.Errorf("--%s takes a date YYYY-MM-DD, not %q", d.name, d.v)
			}
		}
		f.Since, f.Until = *since, *until
		if *bbox != "" {
			b, err := server.ParseBBox(*bbox)
			if err != nil {
				return f, fmt.Errorf("--bbox: %w", err)
			}
			f.BBox = &b
		}
		return f, nil
	}
}

func cmdExport(e *env, args []string) int {
	fl := flag.NewFlagSet("export", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	db := dbFlag(fl)
	format := fl.String("format", "", "output format: "+strings.Join(export.Formats(), ", ")+" (required)")
	out := fl.String("o", "", "write to `FILE` instead of standard output")
	filter := filterFlags(fl)
	fl.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: sitrep export --format jsonl|geojson|acled|gdelt [flags]")
		fmt.Fprintln(e.stderr, "Writes the stored events the filters select as JSONL, GeoJSON (RFC 7946), ACLED CSV or GDELT 2.0 TSV.")
		fl.PrintDefaults()
	}
	rest, err := parseFlags(fl, args)
	if err != nil {
		return 2
	}
	bad := func(format string, args ...any) int {
		fmt.Fprintf(e.stderr, "sitrep export: "+format+"\n", args...)
		return 2
	}
	if len(rest) > 0 {
		return bad("unexpected argument %q (filters are flags)", rest[0])
	}
	if *format == "" {
		return bad("--format is required: %s", strings.Join(export.Formats(), ", "))
	}
	if !contains(export.Formats(), *format) {
		return bad("unknown --format %q (%s)", *format, strings.Join(export.Formats(), ", "))
	}
	f, err := filter()
	if err != nil {
		return bad("%v", err)
	}
	if !postgres.IsDSN(*db) {
		if _, err := os.Stat(*db); err != nil {
			fmt.Fprintf(e.stderr, "sitrep export: no database at %s (run 'sitrep ingest' first, or give --db)\n", *db)
			return 1
		}
	}
	ctx := context.Background()
	st, err := openStore(ctx, *db)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep export: %v\n", err)
		return 1
	}
	defer st.Close()
	evs, err := st.Events(ctx, f)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep export: %v\n", err)
		return 1
	}
	if *out == "" {
		if err := export.Write(e.stdout, *format, evs); err != nil {
			fmt.Fprintf(e.stderr, "sitrep export: %v\n", err)
			return 1
		}
		return 0
	}
	file, err := os.Create(*out)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep export: %v\n", err)
		return 1
	}
	err = export.Write(file, *format, evs)
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep export: %s: %v\n", *out, err)
		return 1
	}
	{
		fmt.Fprintf(e.stderr, "sitrep export: %d events written to %s\n", len(evs), *out)
	}
	return 0
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
