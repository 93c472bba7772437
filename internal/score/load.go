package score

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/event"
)

// Case is one scored article: NAME.txt and NAME.gold.json.
type Case struct {
	// Name is NAME, the file name without ".gold.json".
	Name string
	// TextPath is the path of NAME.txt as it was opened.
	TextPath string
	// Text is the article, whose byte offsets the evidence spans index.
	Text string
	// Gold is the decoded NAME.gold.json.
	Gold event.Gold
}

const goldSuffix = ".gold.json"

// ErrNoGold is returned (wrapped) by LoadDir and LoadFS when the folder
// holds no NAME.gold.json file: scoring against nothing is more likely a
// wrong path than an intent.
var ErrNoGold = errors.New("no *.gold.json file")

// LoadDir reads every NAME.gold.json in dir (not its subdirectories) with
// its NAME.txt, sorted by name. A missing or unreadable dir is an error,
// and so is a dir without gold files (ErrNoGold). See LoadFS for the checks; the errors name
// the files by their path under dir.
func LoadDir(dir string) ([]Case, error) {
	return load(os.DirFS(dir), func(name string) string { return filepath.Join(dir, name) })
}

// LoadFS is LoadDir on the root of fsys.
//
// Each gold file is decoded strictly (an unknown field is an error, to
// catch typos such as "fatalites") and checked: doc.id is present and
// unique in the set, every event's type is one of event.Types and its
// event_type (when given) is the type's, and every evidence span satisfies
// 0 <= start < end <= len(text). A missing NAME.txt is an error too.
//
// A bad file fails alone: LoadFS returns the cases that loaded together
// with an error that lists every problem as "path: message" (one per line,
// joined with errors.Join), so a caller may report and go on, or stop.
func LoadFS(fsys fs.FS) ([]Case, error) {
	return load(fsys, func(name string) string { return name })
}

func load(fsys fs.FS, display func(string) string) ([]Case, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("listing gold files: %w", err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), goldSuffix) {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: %w", display("."), ErrNoGold)
	}
	sort.Strings(names)
	var (
		cases []Case
		errs  []error
		seen  = map[string]string{} // doc id → gold file
	)
	for _, gname := range names {
		c, err := loadCase(fsys, gname, display)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if prev, dup := seen[c.Gold.Doc.ID]; dup {
			errs = append(errs, fmt.Errorf("%s: doc.id %q already used by %s", display(gname), c.Gold.Doc.ID, display(prev)))
			continue
		}
		seen[c.Gold.Doc.ID] = gname
		cases = append(cases, c)
	}
	return cases, errors.Join(errs...)
}

func loadCase(fsys fs.FS, gname string, display func(string) string) (Case, error) {
	name := strings.TrimSuffix(path.Base(gname), goldSuffix)
	tname := path.Join(path.Dir(gname), name+".txt")
	c := Case{Name: name, TextPath: display(tname)}
	raw, err := fs.ReadFile(fsys, gname)
	if err != nil {
		return c, fmt.Errorf("%s: %w", display(gname), err)
	}
	text, err := fs.ReadFile(fsys, tname)
	if err != nil {
		return c, fmt.Errorf("%s: missing text: %w", display(gname), err)
	}
	c.Text = string(text)
	c.Gold, err = decodeGold(raw, len(text))
	if err != nil {
		return c, fmt.Errorf("%s: %w", display(gname), err)
	}
	return c, nil
}

// decodeGold strictly decodes a gold file and validates it against a text
// of textLen bytes. All problems of the file are reported, one a line.
func decodeGold(raw []byte, textLen int) (event.Gold, error) {
	var g event.Gold
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&g); err != nil {
		return g, fmt.Errorf("decoding JSON: %w", err)
	}
	if dec.More() {
		return g, errors.New("decoding JSON: trailing data after the gold object")
	}
	return g, validateGold(&g, textLen)
}

func validateGold(g *event.Gold, textLen int) error {
	var errs []error
	if g.Doc.ID == "" {
		errs = append(errs, errors.New("doc.id is missing"))
	}
	for i, e := range g.Events {
		at := fmt.Sprintf("events[%d]", i)
		et, ok := event.Types[e.Type]
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("%s: unknown type %q", at, e.Type))
		case e.EventType != "" && e.EventType != et:
			errs = append(errs, fmt.Errorf("%s: event_type %q, but type %q is %q", at, e.EventType, e.Type, et))
		}
		for j, sp := range e.Evidence {
			if sp.Start < 0 || sp.End <= sp.Start || sp.End > textLen {
				errs = append(errs, fmt.Errorf("%s: evidence[%d] [%d, %d) out of bounds (text is %d bytes)", at, j, sp.Start, sp.End, textLen))
			}
		}
	}
	if len(errs) == 0 {
		return nil
	}
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = e.Error()
	}
	return errors.New(strings.Join(msgs, "; "))
}

// eventType is the event's ACLED event type: its own field, or the one its
// sub-event type implies when the field is empty.
func eventType(e *event.Event) string {
	if e.EventType != "" {
		return e.EventType
	}
	return event.Types[e.Type]
}
