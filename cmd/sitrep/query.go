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

	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/postgres"
)

func cmdQuery(e *env, args []string) int {
	fl := flag.NewFlagSet("query", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	db := dbFlag(fl)
	filter := filterFlags(fl)
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
	if *format != "jsonl" && *format != "table" {
		fmt.Fprintf(e.stderr, "sitrep query: unknown --format %q (jsonl or table)\n", *format)
		return 2
	}
	f, err := filter()
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep query: %v\n", err)
		return 2
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
