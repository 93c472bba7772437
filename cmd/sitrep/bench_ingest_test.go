package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkIngest measures 'sitrep ingest' end to end (reading files,
// extraction, SQLite, fusion) over the dev corpus ×100, into a fresh
// database each time, and reports documents and megabytes of text per
// second. Run it with:
//
//	go test -run '^$' -bench Ingest -benchtime 1x ./cmd/sitrep
//
// distinct: 100 copies of each of the 32 articles, each made distinct by
// a line of its own and stored with --near-dup=false, so that all 3,200
// are extracted and stored, and each event fuses with its 99 other copies.
// duplicates: the corpus folder given 100 times: 32 articles stored and
// 3,168 recognised as duplicates before extraction.
func BenchmarkIngest(b *testing.B) {
	dir := b.TempDir()
	corpus := filepath.Join(dir, "corpus")
	n := writeCopies(b, corpus, 100)
	distinctBytes := folderTextBytes(b, corpus)
	devBytes := folderTextBytes(b, "../../testdata/dev")
	dev := make([]string, 100)
	for i := range dev {
		dev[i] = "../../testdata/dev"
	}
	for _, c := range []struct {
		name  string
		args  []string
		docs  int
		bytes int64
	}{
		{"distinct", []string{"--near-dup=false", corpus}, n, distinctBytes},
		{"duplicates", dev, 100 * 32, 100 * devBytes},
	} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				db := filepath.Join(b.TempDir(), "bench.db")
				args := append([]string{"ingest", "--db", db}, c.args...)
				if code := run(args, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
					b.Fatalf("ingest: exit %d", code)
				}
			}
			secs := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(float64(c.docs)/secs, "docs/s")
			b.ReportMetric(float64(c.bytes)/1e6/secs, "MB/s")
		})
	}
}

// folderTextBytes adds up the size of the articles of a folder (.txt
// files and .json documents, gold files left out).
func folderTextBytes(b *testing.B, dir string) int64 {
	var n int64
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		if strings.HasSuffix(f, ".gold.json") || strings.HasSuffix(f, ".md") {
			continue
		}
		if st, err := os.Stat(f); err == nil {
			n += st.Size()
		}
	}
	return n
}
