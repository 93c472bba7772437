package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/sitrep/sitrep/internal/geo"
)

// placeLine is one line of `sitrep places` output: a place mention.
type placeLine struct {
	File      string    `json:"file"`
	Span      [2]int    `json:"span"`   // the name itself
	Phrase    [2]int    `json:"phrase"` // the name with its context words
	Words     string    `json:"words"`
	Text      string    `json:"text"`
	Place     geo.Place `json:"place"`
	Precision int       `json:"precision"`
	Role      geo.Role  `json:"role"`
}

// cmdPlaces geoparses each file: one JSON line per place mention. A file
// that cannot be read is reported and the others are still processed.
func cmdPlaces(e *env, args []string) int {
	fs := newFlags(e, "places", "sitrep places [--lang fr|en] FILE...")
	lang := fs.String("lang", "", "language of the texts: fr or en (default: from a NAME.fr.txt / NAME.en.txt file name)")
	names, ok := positional(fs, args)
	if !ok {
		return 2
	}
	g, err := geo.Default()
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep places: %v\n", err)
		return 1
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	code := 0
	for _, file := range names {
		b, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep places: %v\n", err)
			code = 1
			continue
		}
		l := *lang
		if l == "" {
			switch {
			case strings.Contains(file, ".fr."):
				l = "fr"
			case strings.Contains(file, ".en."):
				l = "en"
			}
		}
		text := string(b)
		for _, m := range g.Find(text, l) {
			line := placeLine{
				File: file, Span: [2]int{m.Start, m.End}, Phrase: [2]int{m.PhraseStart, m.End},
				Words: text[m.Start:m.End], Text: m.Text, Place: m.Place, Precision: m.Precision, Role: m.Role,
			}
			if err := enc.Encode(line); err != nil {
				fmt.Fprintf(e.stderr, "sitrep places: %v\n", err)
				return 1
			}
		}
	}
	return code
}
