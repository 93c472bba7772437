package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/postgres"
	"github.com/sitrep/sitrep/internal/store/sqlite"
	"github.com/sitrep/sitrep/internal/text"
)

// openStore opens the store a --db value names: a postgres:// URL or a
// SQLite file.
func openStore(ctx context.Context, dsn string) (store.Store, error) {
	if postgres.IsDSN(dsn) {
		return postgres.Open(ctx, dsn)
	}
	return sqlite.Open(ctx, dsn)
}

// dbFlag adds the --db flag every storing subcommand takes.
func dbFlag(fl *flag.FlagSet) *string {
	def := sqlite.DefaultPath
	return fl.String("db", def, "where events are kept: a SQLite file `PATH` or a postgres:// URL")
}

// tally counts what an ingest did.
type tally struct {
	docsNew, docsDup, docsNear, docsFailed int
	eventsNew, eventsFused                 int
}

// String is the summary line printed at the end of an ingest.
func (t tally) String() string {
	return fmt.Sprintf("documents: %d new, %d duplicate (%d near-identical), %d failed; events: %d new, %d fused",
		t.docsNew, t.docsDup+t.docsNear, t.docsNear, t.docsFailed, t.eventsNew, t.eventsFused)
}

// ingested is the outcome of one item.
type ingested struct {
	input int // index of the input it came from
	name  string
	res   store.Result
	err   error
}

func cmdIngest(e *env, args []string) int {
	fl := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	db := dbFlag(fl)
	follow := fl.Bool("follow", false, "after reading the inputs, keep polling those that are feeds for new items (Ctrl-C stops)")
	interval := fl.Duration("interval", 5*time.Minute, "how often --follow polls each feed")
	jobs := fl.Int("jobs", runtime.GOMAXPROCS(0), "articles extracted at once")
	lang := fl.String("lang", "", "language of articles that do not say: fr or en (default: detect)")
	published := fl.String("published", "", "publication date `YYYY-MM-DD` of articles that do not say")
	source := fl.String("source", "", "outlet `name` of articles that do not say")
	near := fl.Bool("near-dup", true, "fold near-identical articles (MinHash of word shingles) into the one stored")
	links := fl.Bool("fetch-links", true, "fetch the page of a feed item that carries only a summary")
	lexDir := fl.String("lexicons", "", "read lexicons from `DIR` instead of the embedded copy")
	fl.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: sitrep ingest [flags] PATH|URL|FEED...")
		fmt.Fprintln(e.stderr, "Stores articles (text, .json, .jsonl, .html, RSS/Atom feeds, folders, http(s) URLs) and their events.")
		fl.PrintDefaults()
	}
	inputs, err := parseFlags(fl, args)
	if err != nil {
		return 2
	}
	if len(inputs) == 0 {
		fl.Usage()
		return 2
	}
	if *jobs < 1 {
		*jobs = 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	files, err := ingest.Expand(inputs)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep ingest: %v\n", err)
		return 1
	}
	x, ok := newExtractor(e, *lexDir)
	if !ok {
		return 1
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep ingest: %v\n", err)
		return 1
	}
	defer st.Close()

	rd := &ingest.Reader{
		FetchLinks: *links,
		Known: func(ctx context.Context, url string) bool {
			ok, err := st.HasURL(ctx, url)
			return err == nil && ok
		},
	}
	defaults := sitrep.Document{Lang: *lang, Published: *published, Source: *source}

	type job struct {
		input int
		item  ingest.Item
	}
	jobsCh := make(chan job, 2**jobs)
	results := make(chan ingested, 2**jobs)
	go func() {
		defer close(jobsCh)
		for i, in := range files {
			if err := rd.Read(ctx, in, e.stdin, func(it ingest.Item) { jobsCh <- job{i, it} }); err != nil {
				return
			}
		}
		if *follow {
			err := rd.Follow(ctx, *interval, func(it ingest.Item) { jobsCh <- job{len(files), it} })
			if err != nil && !errors.Is(err, context.Canceled) {
				results <- ingested{input: len(files), name: "--follow", err: err}
			}
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < *jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobsCh {
				res, err := ingestItem(ctx, x, st, j.item, defaults, *near)
				results <- ingested{input: j.input, name: j.item.Name, res: res, err: err}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	bar := newProgress(e.stderr, len(files))
	var t tally
	for r := range results {
		if r.input < len(files) {
			bar.step(r.input, r.name)
		}
		if r.err != nil {
			if ctx.Err() != nil && errors.Is(r.err, context.Canceled) {
				continue
			}
			bar.done()
			fmt.Fprintf(e.stderr, "sitrep ingest: %s: %v\n", r.name, r.err)
			t.docsFailed++
			continue
		}
		switch r.res.Status {
		case store.New:
			t.docsNew++
		case store.NearDuplicate:
			t.docsNear++
		default:
			t.docsDup++
		}
		t.eventsNew += r.res.EventsNew
		t.eventsFused += r.res.EventsFused
	}
	bar.done()
	fmt.Fprintf(e.stderr, "sitrep ingest: %s\n", t)
	if t.docsFailed > 0 {
		return 1
	}
	return 0
}

// ingestItem stores one item: it skips the extraction of an article the
// store already has, and lets the store decide again under its lock.
func ingestItem(ctx context.Context, x *sitrep.Extractor, st store.Store, it ingest.Item, defaults sitrep.Document, near bool) (store.Result, error) {
	if it.Err != nil {
		return store.Result{}, it.Err
	}
	if it.Known {
		return store.Result{Status: store.Duplicate}, nil
	}
	doc := it.Doc
	if doc.Lang == "" {
		doc.Lang = defaults.Lang
	}
	if doc.Published == "" {
		doc.Published = defaults.Published
	}
	if doc.Source == "" {
		doc.Source = defaults.Source
	}
	if err := sitrep.Check([]byte(doc.Text), sitrep.MaxDocumentBytes); err != nil {
		return store.Result{}, err
	}
	if doc.ID == "" {
		doc.ID = sitrep.ContentID(doc.Text)
	}
	sd := store.Document{Document: doc, Hash: ingest.Hash(doc.Text), URLs: it.URLs}
	if sd.Lang == "" {
		// Stored for near-duplicate checks, which compare languages; the
		// extractor detects it again and says when it cannot.
		if l := text.DetectLang(doc.Text); len(l) == 2 {
			sd.Lang = l
		}
	}
	if near {
		sd.MinHash = ingest.MinHash(doc.Text)
	}
	r, err := st.Lookup(ctx, sd)
	if err != nil {
		return store.Result{}, err
	}
	var evs []sitrep.Event
	if r.Status == store.New {
		if evs, err = x.Extract(doc); err != nil {
			return store.Result{}, err
		}
	}
	return st.Put(ctx, sd, evs)
}

// splitList splits a comma-separated flag value.
func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
