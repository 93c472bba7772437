package lexicon

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// Error is one problem in a lexicon file, with its position.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// ErrorList collects the problems found while loading, in file order.
type ErrorList []*Error

// Error joins every message, one per line.
func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Err returns nil for an empty list and the list itself otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

func (l *ErrorList) add(file string, line int, format string, args ...any) {
	*l = append(*l, &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// row is one data line of a table file.
type row struct {
	line int
	cols []string
}

// readTable reads a tab-separated file whose header must be exactly want.
// A missing file is not an error: it yields no rows (a language may lack
// a file). Problems are added to errs; the rows that parsed are returned.
func readTable(fsys fs.FS, path string, want []string, errs *ErrorList) []row {
	data, err := fs.ReadFile(fsys, path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		errs.add(path, 0, "reading: %v", err)
		return nil
	}
	var rows []row
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	header := false
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if !header {
			header = true
			if strings.Join(cols, "\t") != strings.Join(want, "\t") {
				errs.add(path, n, "header %q, want %q", strings.Join(cols, " | "), strings.Join(want, " | "))
				return nil
			}
			continue
		}
		if len(cols) != len(want) {
			errs.add(path, n, "%d columns, want %d (%s)", len(cols), len(want), strings.Join(want, ", "))
			continue
		}
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		rows = append(rows, row{line: n, cols: cols})
	}
	if err := sc.Err(); err != nil {
		errs.add(path, n, "reading: %v", err)
	}
	if !header && len(data) > 0 {
		errs.add(path, n, "no header line")
	}
	return rows
}
