package server

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/internal/store"
)

// Span is a highlighted part of a document's text: the evidence sentence
// of an event, or the words a field of it came from. Start and End are
// byte offsets into the UTF-8 text, [Start, End); JSStart and JSEnd the
// same range in UTF-16 code units, as JavaScript strings index.
type Span struct {
	Event   string `json:"event"`
	Field   string `json:"field"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	JSStart int    `json:"js_start"`
	JSEnd   int    `json:"js_end"`
}

// DocumentView is the answer of GET /api/documents/{id}.
type DocumentView struct {
	store.Document
	// Events lists the ids of the fused events this document tells.
	Events []string `json:"events"`
	Spans  []Span   `json:"spans"`
}

// documentView finds, in the mentions doc tells, the evidence sentences
// and, inside them, the words of each field.
func documentView(doc store.Document, evs []store.Event) DocumentView {
	v := DocumentView{Document: doc, Events: []string{}, Spans: []Span{}}
	ids := map[string]bool{doc.ID: true}
	for _, a := range doc.Aliases {
		ids[a] = true
	}
	idx := newUTF16Index(doc.Text)
	add := func(evID, field string, start, end int) {
		if start < 0 || end > len(doc.Text) || start >= end {
			return
		}
		v.Spans = append(v.Spans, Span{Event: evID, Field: field, Start: start, End: end,
			JSStart: idx.at(start), JSEnd: idx.at(end)})
	}
	for _, ev := range evs {
		told := false
		for _, m := range ev.Mentions {
			if !ids[m.Doc] {
				continue
			}
			told = true
			for _, sp := range m.Evidence {
				add(ev.ID, "evidence", sp.Start, sp.End)
			}
			for _, f := range fieldTexts(m.Event) {
				if s, e, ok := locate(doc.Text, f.text, m.Evidence); ok {
					add(ev.ID, f.field, s, e)
				}
			}
		}
		if told {
			v.Events = append(v.Events, ev.ID)
		}
	}
	sort.SliceStable(v.Spans, func(i, j int) bool {
		if v.Spans[i].Start != v.Spans[j].Start {
			return v.Spans[i].Start < v.Spans[j].Start
		}
		return v.Spans[i].End > v.Spans[j].End
	})
	return v
}

// fieldText is the words in the document a field of a record came from.
type fieldText struct{ field, text string }

func fieldTexts(ev event.Event) []fieldText {
	var out []fieldText
	add := func(field, text string) {
		if strings.TrimSpace(text) != "" {
			out = append(out, fieldText{field, text})
		}
	}
	if ev.Actor1 != nil {
		add("actor1", ev.Actor1.Text)
	}
	if ev.Actor2 != nil {
		add("actor2", ev.Actor2.Text)
	}
	if ev.Location != nil {
		add("location", ev.Location.Text)
	}
	add("date", ev.Date.Text)
	for _, w := range ev.Weapons {
		add("weapons", w.Text)
	}
	if ev.Fatalities != nil {
		add("fatalities", ev.Fatalities.Text)
	}
	for _, s := range ev.Sources {
		add("sources", s.Text)
	}
	return out
}

// locate finds text in the first evidence span holding it, else anywhere
// in the document.
func locate(doc, text string, evidence []event.Span) (int, int, bool) {
	for _, sp := range evidence {
		if sp.Start < 0 || sp.End > len(doc) || sp.Start >= sp.End {
			continue
		}
		if i := strings.Index(doc[sp.Start:sp.End], text); i >= 0 {
			return sp.Start + i, sp.Start + i + len(text), true
		}
	}
	if i := strings.Index(doc, text); i >= 0 {
		return i, i + len(text), true
	}
	return 0, 0, false
}

// utf16Index converts byte offsets of a UTF-8 text into UTF-16 offsets.
type utf16Index struct {
	text string
}

func newUTF16Index(text string) utf16Index { return utf16Index{text} }

// at returns the number of UTF-16 code units before byte offset b. An
// offset inside a character counts that character as before it.
func (x utf16Index) at(b int) int {
	n := 0
	for i, r := range x.text {
		if i >= b {
			break
		}
		if r == utf8.RuneError {
			n++
			continue
		}
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
