package text

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// devCorpus returns the dev corpus texts concatenated, one article a line.
func devCorpus(b *testing.B) string {
	b.Helper()
	files, err := filepath.Glob("../../testdata/dev/*.txt")
	if err != nil || len(files) == 0 {
		b.Skip("no dev corpus")
	}
	var sb strings.Builder
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(raw)
		sb.WriteByte('\n')
	}
	return sb.String()
}

func BenchmarkAnalyze(b *testing.B) {
	text := devCorpus(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Analyze(text, "")
	}
}

func BenchmarkTokenize(b *testing.B) {
	text := devCorpus(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Tokenize(text)
	}
}

func BenchmarkFoldWithOffsets(b *testing.B) {
	text := devCorpus(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		FoldWithOffsets(text)
	}
}

func BenchmarkFoldWord(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Fold("bombardiers")
		Fold("États")
	}
}
