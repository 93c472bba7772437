package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sitrep/sitrep"
)

func newExtractor(e *env, lexDir string) (*sitrep.Extractor, bool) {
	var opt sitrep.Options
	if lexDir != "" {
		opt.Lexicons = os.DirFS(lexDir)
	}
	x, err := sitrep.New(opt)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep: %v\n", err)
		return nil, false
	}
	return x, true
}

func cmdExtract(e *env, args []string) int {
	fl := newFlags(e, "extract", "sitrep extract [flags] FILE... ('-' reads standard input; a .json file holds one document)")
	lang := fl.String("lang", "", "language of the articles: fr or en (default: detect)")
	published := fl.String("published", "", "publication date `YYYY-MM-DD` (relative dates resolve against it)")
	id := fl.String("id", "", "document id (default: a hash of the content); one input only")
	source := fl.String("source", "", "outlet `name`")
	format := fl.String("format", "jsonl", "output format: jsonl or table")
	lexDir := fl.String("lexicons", "", "read lexicons from `DIR` instead of the embedded copy")
	explain := fl.Bool("explain", false, "write the frames found and how they merged to stderr")
	files, ok := positional(fl, args)
	if !ok {
		return 2
	}
	if *format != "jsonl" && *format != "table" {
		fmt.Fprintf(e.stderr, "sitrep extract: unknown --format %q (jsonl or table)\n", *format)
		return 2
	}
	if *id != "" && len(files) > 1 {
		fmt.Fprintln(e.stderr, "sitrep extract: --id names one document; give one input")
		return 2
	}
	x, ok := newExtractor(e, *lexDir)
	if !ok {
		return 1
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	bar := newProgress(e.stderr, len(files))
	seen := map[string]string{}
	failed := 0
	for i, name := range files {
		bar.step(i, name)
		doc, err := readDocument(e, name, sitrep.MaxDocumentBytes)
		if err == nil {
			if *lang != "" && doc.Lang == "" {
				doc.Lang = *lang
			}
			if *published != "" && doc.Published == "" {
				doc.Published = *published
			}
			if *id != "" {
				doc.ID = *id
			}
			if *source != "" && doc.Source == "" {
				doc.Source = *source
			}
			h := sitrep.ContentID(doc.Text)
			if first, dup := seen[h]; dup {
				err = fmt.Errorf("duplicate article: same text as %s; skipped", first)
			} else {
				seen[h] = name
			}
		}
		var evs []sitrep.Event
		if err == nil {
			if *explain {
				evs, err = x.Explain(doc, e.stderr)
			} else {
				evs, err = x.Extract(doc)
			}
		}
		if err != nil {
			bar.done()
			fmt.Fprintf(e.stderr, "sitrep extract: %s: %v\n", name, err)
			failed++
			continue
		}
		switch *format {
		case "jsonl":
			for _, ev := range evs {
				if err := enc.Encode(ev); err != nil {
					fmt.Fprintf(e.stderr, "sitrep extract: writing: %v\n", err)
					return 1
				}
			}
		case "table":
			writeTable(out, name, doc, evs)
		}
	}
	bar.done()
	if failed > 0 {
		fmt.Fprintf(e.stderr, "sitrep extract: %d of %d inputs failed\n", failed, len(files))
		return 1
	}
	return 0
}

// writeTable prints events for a person at a terminal.
func writeTable(w io.Writer, name string, doc sitrep.Document, evs []sitrep.Event) {
	fmt.Fprintf(w, "== %s: %d event(s)\n", name, len(evs))
	for i, ev := range evs {
		fmt.Fprintf(w, "%d. %s\n", i+1, headline(ev))
		fmt.Fprintf(w, "   %s → %s\n", actorLabel(ev.Actor1), actorLabel(ev.Actor2))
		if len(ev.Weapons) > 0 {
			var ws []string
			for _, wp := range ev.Weapons {
				s := wp.Class
				if wp.Model != "" {
					s += " " + wp.Model
				}
				if wp.Quantity > 0 {
					s = fmt.Sprintf("%d× %s", wp.Quantity, s)
				}
				ws = append(ws, s)
			}
			fmt.Fprintf(w, "   weapons: %s\n", strings.Join(ws, ", "))
		}
		if len(ev.Targets) > 0 {
			fmt.Fprintf(w, "   targets: %s\n", strings.Join(ev.Targets, ", "))
		}
		if ev.Fatalities != nil {
			fmt.Fprintf(w, "   fatalities: %d (%q)\n", ev.Fatalities.Best, ev.Fatalities.Text)
		}
		if len(ev.Sources) > 0 {
			var ss []string
			for _, s := range ev.Sources {
				ss = append(ss, s.Name)
			}
			fmt.Fprintf(w, "   sources: %s\n", strings.Join(ss, " ← "))
		}
		for _, sp := range ev.Evidence {
			fmt.Fprintf(w, "   [%d,%d] %s\n", sp.Start, sp.End, clip(doc.Text[sp.Start:sp.End], 100))
		}
	}
}

// headline is an event's first table line: type, date, place, modality.
func headline(ev sitrep.Event) string {
	date := "date unknown"
	if ev.Date.Value != nil {
		date = *ev.Date.Value
	}
	place := "place unknown"
	if ev.Location != nil {
		place = fmt.Sprintf("%s, %s (precision %d)", ev.Location.Name, ev.Location.Country, ev.Location.Precision)
	}
	return fmt.Sprintf("%s [%s, CAMEO %s] %s, %s — %s", ev.Type, ev.EventType, ev.CAMEO, date, place, ev.Modality)
}

func actorLabel(a *sitrep.Actor) string {
	if a == nil {
		return "(none)"
	}
	if a.Name != "" {
		return fmt.Sprintf("%s (%s)", a.Name, a.ID)
	}
	return a.ID
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
