package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

func cmdDemo(e *env, args []string) int {
	fl := flag.NewFlagSet("demo", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	addr := fl.String("addr", defaultAddr, "listen on `HOST:PORT` (port 0 picks a free one)")
	check := fl.Bool("check", false, "ingest, serve, request the page and the API once, and exit (for CI)")
	lexDir := fl.String("lexicons", "", "read lexicons from `DIR` instead of the embedded copy")
	fl.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: sitrep demo [--addr HOST:PORT] [--check]")
		fmt.Fprintln(e.stderr, "Ingests the embedded demo corpus into a temporary database (removed on exit) and serves the map and the API.")
		fl.PrintDefaults()
	}
	rest, err := parseFlags(fl, args)
	if err != nil {
		return 2
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "sitrep demo: unexpected argument %q\n", rest[0])
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintf(e.stderr, "sitrep demo: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	docs, err := demo.Documents()
	if err != nil {
		return fail(err)
	}
	x, ok := newExtractor(e, *lexDir)
	if !ok {
		return 1
	}
	dir, err := os.MkdirTemp("", "sitrep-demo-")
	if err != nil {
		return fail(err)
	}
	defer os.RemoveAll(dir)
	st, err := sqlite.Open(ctx, filepath.Join(dir, "demo.db"))
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	var t tally
	for _, d := range docs {
		res, err := ingestItem(ctx, x, st, ingestItemOf(d), sitrep.Document{}, true)
		if err != nil {
			return fail(fmt.Errorf("%s: %w", d.ID, err))
		}
		t.docsNew++
		t.eventsNew += res.EventsNew
		t.eventsFused += res.EventsFused
	}
	fmt.Fprintf(e.stderr, "sitrep demo: %s\n", t)
	var ready func(context.Context, string) error
	if *check {
		ready = func(ctx context.Context, base string) error {
			n, err := selfCheck(ctx, base)
			if err != nil {
				return fmt.Errorf("check: %w", err)
			}
			fmt.Fprintf(e.stdout, "sitrep demo: check passed: the page and %d events served\n", n)
			return nil
		}
	}
	if err := serve(ctx, e, st, x, *addr, "", ready); err != nil {
		return fail(err)
	}
	return 0
}

// selfCheck requests the page, the event list and the OpenAPI description
// from a server just started, and returns the number of events served.
func selfCheck(ctx context.Context, base string) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	get := func(path string) ([]byte, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+strings.TrimPrefix(path, "/"), nil)
		if err != nil {
			return nil, err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			return nil, fmt.Errorf("GET %s: %w", path, err)
		}
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("GET %s: %s: %s", path, resp.Status, b)
		}
		return b, nil
	}
	page, err := get("/")
	if err != nil {
		return 0, err
	}
	if !strings.Contains(string(page), "<title>sitrep") {
		return 0, fmt.Errorf("GET /: not the sitrep page")
	}
	if _, err := get("/api/openapi.json"); err != nil {
		return 0, err
	}
	b, err := get("/api/events?limit=1")
	if err != nil {
		return 0, err
	}
	var page1 struct {
		Total int `json:"total"`
	}
	if err := json.Unmarshal(b, &page1); err != nil {
		return 0, fmt.Errorf("GET /api/events: %w", err)
	}
	if page1.Total == 0 {
		return 0, fmt.Errorf("GET /api/events: no events")
	}
	return page1.Total, nil
}
