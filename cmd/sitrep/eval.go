package main

import (
	"fmt"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/score"
)

func cmdEval(e *env, args []string) int {
	fl := newFlags(e, "eval", "sitrep eval [flags] DIR... (each DIR holds NAME.txt + NAME.gold.json pairs)")
	verbose := fl.Bool("verbose", false, "list each missed, spurious and partly wrong event")
	minF1 := fl.Float64("min-f1", 0, "exit non-zero when event F1 is below `X`")
	minFull := fl.Float64("min-full-f1", 0, "exit non-zero when full-record F1 is below `X`")
	lexDir := fl.String("lexicons", "", "read lexicons from `DIR` instead of the embedded copy")
	dirs, ok := positional(fl, args)
	if !ok {
		return 2
	}
	x, ok := newExtractor(e, *lexDir)
	if !ok {
		return 1
	}
	failed := false
	var cases []score.Case
	for _, dir := range dirs {
		cs, err := score.LoadDir(dir)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep eval: %v\n", err)
			failed = true
		}
		cases = append(cases, cs...)
	}
	var system []sitrep.Event
	bar := newProgress(e.stderr, len(cases))
	for i, c := range cases {
		bar.step(i, c.Name)
		d := c.Gold.Doc
		d.Text = c.Text
		evs, err := x.Extract(d)
		if err != nil {
			bar.done()
			fmt.Fprintf(e.stderr, "sitrep eval: %s: %v\n", c.TextPath, err)
			failed = true
			continue
		}
		system = append(system, evs...)
	}
	bar.done()
	rep := score.Score(cases, system)
	if err := rep.Write(e.stdout, *verbose); err != nil {
		fmt.Fprintf(e.stderr, "sitrep eval: %v\n", err)
		return 1
	}
	if f := rep.EventF1(); f < *minF1 {
		fmt.Fprintf(e.stderr, "sitrep eval: event F1 %.3f is below --min-f1 %.3f\n", f, *minF1)
		failed = true
	}
	if f := rep.FullF1(); f < *minFull {
		fmt.Fprintf(e.stderr, "sitrep eval: full-record F1 %.3f is below --min-full-f1 %.3f\n", f, *minFull)
		failed = true
	}
	if failed {
		return 1
	}
	return 0
}
