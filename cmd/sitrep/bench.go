package main

import (
	"fmt"
	"runtime"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/text"
)

// cmdBench measures the pipeline on the given articles, in this process,
// against a baseline: tokenizing and sentence-splitting the same texts
// (the least any extractor must do). It reports articles and megabytes
// per second for both and their ratio, so a figure can be compared across
// machines.
func cmdBench(e *env, args []string) int {
	fl := newFlags(e, "bench", "sitrep bench [--time 3s] [--lang fr|en] FILE...")
	dur := fl.Duration("time", 3*time.Second, "how long to run each measurement")
	lang := fl.String("lang", "", "language of the articles (default: detect)")
	lexDir := fl.String("lexicons", "", "read lexicons from `DIR` instead of the embedded copy")
	files, ok := positional(fl, args)
	if !ok {
		return 2
	}
	var docs []sitrep.Document
	var size int
	for _, name := range files {
		d, err := readDocument(e, name, sitrep.MaxDocumentBytes)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep bench: %s: %v\n", name, err)
			return 1
		}
		if d.Lang == "" {
			d.Lang = *lang
		}
		docs = append(docs, d)
		size += len(d.Text)
	}
	start := time.Now()
	x, ok := newExtractor(e, *lexDir)
	if !ok {
		return 1
	}
	load := time.Since(start)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)

	run := func(f func(sitrep.Document) error) (float64, error) {
		n := 0
		t0 := time.Now()
		for time.Since(t0) < *dur {
			for _, d := range docs {
				if err := f(d); err != nil {
					return 0, err
				}
			}
			n++
		}
		return float64(n) / time.Since(t0).Seconds(), nil
	}
	base, _ := run(func(d sitrep.Document) error {
		lang := d.Lang
		if lang == "" {
			lang = text.DetectLang(d.Text)
		}
		text.Analyze(d.Text, lang)
		return nil
	})
	full, err := run(func(d sitrep.Document) error {
		_, err := x.Extract(d)
		return err
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep bench: %v\n", err)
		return 1
	}
	mb := float64(size) / 1e6
	fmt.Fprintf(e.stdout, "articles: %d (%.1f KB), GOMAXPROCS %d, one goroutine\n", len(docs), float64(size)/1e3, runtime.GOMAXPROCS(0))
	fmt.Fprintf(e.stdout, "load:     %v (lexicons and gazetteer), heap after load %.1f MB\n", load.Round(time.Millisecond), float64(ms.HeapAlloc)/1e6)
	fmt.Fprintf(e.stdout, "baseline: %8.0f articles/s %7.2f MB/s  (text.Analyze only)\n", base*float64(len(docs)), base*mb)
	fmt.Fprintf(e.stdout, "extract:  %8.0f articles/s %7.2f MB/s  (whole pipeline)\n", full*float64(len(docs)), full*mb)
	fmt.Fprintf(e.stdout, "ratio:    the pipeline runs at %.3f of the baseline's speed\n", full/base)
	return 0
}
