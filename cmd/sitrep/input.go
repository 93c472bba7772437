package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/sitrep/sitrep"
)

// readDocument reads one input: a text file, a .json document, or "-" for
// standard input. The read stops past max bytes so a huge file costs no
// more memory than the limit.
func readDocument(e *env, name string, max int) (sitrep.Document, error) {
	var r io.Reader
	if name == "-" {
		r = e.stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return sitrep.Document{}, err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return sitrep.Document{}, fmt.Errorf("is a directory")
		}
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, int64(max)+1))
	if err != nil {
		return sitrep.Document{}, err
	}
	if len(b) > max {
		return sitrep.Document{}, fmt.Errorf("%w: more than %d bytes", sitrep.ErrTooLarge, max)
	}
	if strings.EqualFold(filepath.Ext(name), ".json") {
		var d sitrep.Document
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&d); err != nil {
			return sitrep.Document{}, fmt.Errorf("reading JSON document: %w", err)
		}
		if dec.More() {
			return sitrep.Document{}, fmt.Errorf("reading JSON document: more than one value (use one file per document)")
		}
		if d.Text == "" {
			return sitrep.Document{}, fmt.Errorf("JSON document has no \"text\"")
		}
		return d, nil
	}
	if err := sitrep.Check(b, max); err != nil {
		return sitrep.Document{}, err
	}
	return sitrep.Document{Text: string(b)}, nil
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progress draws "[n/N] name" on a terminal; it is silent otherwise.
type progress struct {
	w     io.Writer
	on    bool
	total int
}

func newProgress(w io.Writer, total int) *progress {
	return &progress{w: w, on: total > 1 && isTerminal(w), total: total}
}

func (p *progress) step(n int, name string) {
	if !p.on {
		return
	}
	const width = 24
	done := width * n / p.total
	if len(name) > 40 {
		name = "…" + name[len(name)-39:]
	}
	fmt.Fprintf(p.w, "\r\033[K[%s%s] %d/%d %s", strings.Repeat("#", done), strings.Repeat(".", width-done), n, p.total, name)
}

func (p *progress) done() {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
