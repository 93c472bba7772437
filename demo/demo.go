// Package demo holds sitrep's demo corpus: short news articles written for
// the project (French and English; Ukraine, Syria, Iraq, the Sahel,
// Somalia, Yemen and Nigeria, March 2023), one JSON document a file
// ({"id", "lang", "published", "source", "url", "title", "text"}), embedded
// in the binary for `sitrep demo`. The outlets and addresses are invented
// (the .invalid domain); the events are written to exercise the extractor
// and the map, not to report what happened.
package demo

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"

	"github.com/sitrep/sitrep/event"
)

//go:embed *.json
var corpus embed.FS

// FS returns the corpus files.
func FS() fs.FS { return corpus }

// Documents decodes every document of the corpus, in file name order.
func Documents() ([]event.Document, error) {
	names, err := fs.Glob(corpus, "*.json")
	if err != nil {
		return nil, fmt.Errorf("demo corpus: %w", err)
	}
	sort.Strings(names)
	docs := make([]event.Document, 0, len(names))
	for _, n := range names {
		b, err := corpus.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("demo corpus: %w", err)
		}
		var d event.Document
		if err := json.Unmarshal(b, &d); err != nil {
			return nil, fmt.Errorf("demo corpus: %s: %w", n, err)
		}
		if d.ID == "" || d.Text == "" || d.Published == "" {
			return nil, fmt.Errorf("demo corpus: %s: id, published and text are required", n)
		}
		docs = append(docs, d)
	}
	return docs, nil
}
