package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/server"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/postgres"
)

// defaultAddr is where serve and demo listen: this machine only.
const defaultAddr = "127.0.0.1:8080"

func cmdServe(e *env, args []string) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	db := dbFlag(fl)
	addr := fl.String("addr", defaultAddr, "listen on `HOST:PORT` (port 0 picks a free one)")
	token := fl.String("token", os.Getenv("SITREP_TOKEN"), "bearer `TOKEN` that POST /api/documents requires (default $SITREP_TOKEN; empty refuses ingest over HTTP)")
	lexDir := fl.String("lexicons", "", "read lexicons from `DIR` instead of the embedded copy")
	fl.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: sitrep serve [flags]")
		fmt.Fprintln(e.stderr, "Serves the stored events: the web map at / and the JSON API under /api/ (see /api/openapi.json).")
		fl.PrintDefaults()
	}
	rest, err := parseFlags(fl, args)
	if err != nil {
		return 2
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "sitrep serve: unexpected argument %q\n", rest[0])
		return 2
	}
	if !postgres.IsDSN(*db) {
		if _, err := os.Stat(*db); err != nil {
			fmt.Fprintf(e.stderr, "sitrep serve: no database at %s (run 'sitrep ingest' first, give --db, or try 'sitrep demo')\n", *db)
			return 1
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	x, ok := newExtractor(e, *lexDir)
	if !ok {
		return 1
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep serve: %v\n", err)
		return 1
	}
	defer st.Close()
	if err := serve(ctx, e, st, x, *addr, *token, nil); err != nil {
		fmt.Fprintf(e.stderr, "sitrep serve: %v\n", err)
		return 1
	}
	return 0
}

// serve listens on addr and serves st until ctx ends. When ready is set it
// is called with the base URL once the server accepts connections, and the
// server stops when it returns.
func serve(ctx context.Context, e *env, st store.Store, x *sitrep.Extractor, addr, token string, ready func(ctx context.Context, base string) error) error {
	h, err := server.New(server.Config{
		Store: st,
		Token: token,
		Ingest: func(ctx context.Context, doc event.Document) (store.Result, error) {
			return ingestItem(ctx, x, st, ingestItemOf(doc), sitrep.Document{}, true)
		},
		Logger: slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", addr, err)
	}
	base := "http://" + ln.Addr().String() + "/"
	stats, err := st.Stats(ctx)
	if err != nil {
		ln.Close()
		return err
	}
	fmt.Fprintf(e.stdout, "sitrep: serving %d events from %d documents at %s\n", stats.Events, stats.Documents, base)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	if ready != nil {
		go func() {
			err := ready(ctx, base)
			cancel()
			done <- err
		}()
	} else {
		fmt.Fprintln(e.stdout, "sitrep: Ctrl-C stops")
		done <- nil
	}
	runErr := server.Run(ctx, ln, h)
	cancel()
	return errors.Join(runErr, <-done)
}

// ingestItemOf wraps a document posted to the API as an ingest item.
func ingestItemOf(doc event.Document) ingest.Item {
	name := doc.ID
	if name == "" {
		name = "POST /api/documents"
	}
	return ingest.Item{Name: name, Doc: doc}
}
