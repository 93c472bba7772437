package score

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/event"
)

// evidenceWords is how many words of evidence Write quotes.
const evidenceWords = 8

// Write prints a fixed-width summary for a terminal: the event and
// full-record counts with P/R/F1, the accuracy of each field ("-" when no
// pair was correct), and one line per document. With verbose it then lists,
// for each document that has any: every missed gold event and every
// spurious system event (type, location, first words of the evidence), and
// every pair that differs, one "field: gold=… system=…" line per field.
func (r *Report) Write(w io.Writer, verbose bool) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }

	var gold, opt, sys, optPaired int
	for _, d := range r.Docs {
		gold += d.Gold
		opt += d.GoldOptional
		sys += d.System
		optPaired += d.Optional
	}
	p("%d documents, %d gold events (+%d optional), %d system events", len(r.Docs), gold, opt, sys)
	p(" (%d paired with optional gold, %d ignored: unknown doc)\n\n", optPaired, r.Ignored)

	p("%-12s %5s %5s %5s %9s %7s %7s\n", "", "TP", "FP", "FN", "precision", "recall", "F1")
	for _, row := range []struct {
		name string
		c    Counts
	}{{"events", r.Event}, {"full record", r.Full}} {
		p("%-12s %5d %5d %5d %9.3f %7.3f %7.3f\n", row.name, row.c.TP, row.c.FP, row.c.FN,
			row.c.Precision(), row.c.Recall(), row.c.F1())
	}

	p("\n%-12s %8s %5s\n", "field", "accuracy", "n")
	for _, f := range r.Fields {
		acc := "-"
		if f.N > 0 {
			acc = fmt.Sprintf("%.3f", f.Accuracy())
		}
		p("%-12s %8s %5d\n", f.Field, acc, f.N)
	}

	width := len("document")
	for _, d := range r.Docs {
		width = max(width, len(d.Name))
	}
	p("\n%-*s %4s %4s %4s %4s %4s %6s %7s\n", width, "document", "gold", "sys", "TP", "FP", "FN", "F1", "full F1")
	for _, d := range r.Docs {
		p("%-*s %4d %4d %4d %4d %4d %6.3f %7.3f\n", width, d.Name, d.Gold, d.System,
			d.Event.TP, d.Event.FP, d.Event.FN, d.Event.F1(), d.Full.F1())
	}

	if verbose {
		for _, d := range r.Docs {
			if len(d.Missed)+len(d.Spurious)+len(d.Wrong) == 0 {
				continue
			}
			p("\n== %s (%s)\n", d.Name, d.Doc)
			for _, m := range d.Missed {
				p("  missed   gold #%d %s\n", m.Index, describe(&m.Event, d.Text))
			}
			for _, s := range d.Spurious {
				p("  spurious system #%d %s\n", s.Index, describe(&s.Event, d.Text))
			}
			for _, w := range d.Wrong {
				what := "differs "
				if !w.Correct {
					what = "mismatch" // counted as FP + FN
				}
				p("  %s gold #%d / system #%d %s\n", what, w.Gold.Index, w.System.Index, describe(&w.Gold.Event, d.Text))
				if !w.Correct {
					p("    event_type: gold=%s system=%s (counted as FP + FN)\n", eventType(&w.Gold.Event), orNull(eventType(&w.System.Event)))
				}
				for _, f := range w.Diffs {
					p("    %s: gold=%s system=%s\n", f.Field, f.Gold, f.System)
				}
			}
		}
	}
	return bw.Flush()
}

// describe is "type @ location: "first words of evidence…"".
func describe(e *event.Event, text string) string {
	loc := "null"
	if e.Location != nil {
		loc = e.Location.Name
	}
	return fmt.Sprintf("%s @ %s: %s", orNull(e.Type), loc, quoteEvidence(e.Evidence, text))
}

// quoteEvidence quotes the first words of the earliest evidence span,
// clamped to the text; "(no evidence)" when there is none in bounds.
func quoteEvidence(spans []event.Span, text string) string {
	sorted := append([]event.Span(nil), spans...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	for _, sp := range sorted {
		start, end := max(sp.Start, 0), min(sp.End, len(text))
		if start >= end {
			continue
		}
		words := strings.Fields(strings.ToValidUTF8(text[start:end], "\uFFFD"))
		if len(words) == 0 {
			continue
		}
		more := ""
		if len(words) > evidenceWords {
			words, more = words[:evidenceWords], "…"
		}
		return strconv.Quote(strings.Join(words, " ") + more)
	}
	return "(no evidence)"
}

func orNull(s string) string {
	if s == "" {
		return `""`
	}
	return s
}

// formatField formats one field of an event for a FieldDiff.
func formatField(name string, e *event.Event) string {
	switch name {
	case FieldType:
		return orNull(e.Type)
	case FieldCAMEO:
		return orNull(e.CAMEO)
	case FieldActor1:
		return formatActor(e.Actor1)
	case FieldActor2:
		return formatActor(e.Actor2)
	case FieldLocation:
		if e.Location == nil {
			return "null"
		}
		l := e.Location
		return fmt.Sprintf("%s (%.4f,%.4f p%d)", orNull(l.Name), l.Lat, l.Lon, l.Precision)
	case FieldDate:
		if e.Date.Value == nil {
			return "null"
		}
		return *e.Date.Value
	case FieldWeapons:
		set := map[string]bool{}
		for _, w := range e.Weapons {
			set[w.Class] = true
		}
		classes := make([]string, 0, len(set))
		for c := range set {
			classes = append(classes, c)
		}
		sort.Strings(classes)
		return "[" + strings.Join(classes, ", ") + "]"
	case FieldFatalities:
		if e.Fatalities == nil {
			return "null"
		}
		return strconv.Itoa(e.Fatalities.Best)
	case FieldSources:
		names := make([]string, len(e.Sources))
		for i, s := range e.Sources {
			names[i] = strconv.Quote(s.Name)
			if s.Kind == "anonymous" {
				names[i] += " (anonymous, " + orNull(s.Affiliation) + ")"
			}
		}
		return "[" + strings.Join(names, ", ") + "]"
	case FieldModality:
		return orNull(e.Modality)
	}
	return "?"
}

func formatActor(a *event.Actor) string {
	if a == nil {
		return "null"
	}
	s := orNull(a.ID)
	if a.Country != "" && !strings.HasPrefix(a.ID, a.Country) {
		s += " (country " + a.Country + ")"
	}
	return s
}

func formatKm(km float64) string { return fmt.Sprintf(", %.1f km away", km) }

func formatF1(f float64) string { return fmt.Sprintf(" (F1 %.2f)", f) }
