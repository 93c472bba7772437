package ingest

import (
	"context"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/store"
)

// FuzzReadBytes reads arbitrary bytes as each kind of input: no panic,
// every item either fails or carries non-empty UTF-8 text, and the same
// bytes give the same items.
func FuzzReadBytes(f *testing.F) {
	f.Add([]byte(`{"text": "Des avions ont frappé Ariha.", "lang": "fr"}`))
	f.Add([]byte("{\"text\": \"a\"}\n{\"text\": \"b\"}\nnot json\n"))
	f.Add([]byte(page("Titre", "<p>"+longText+"</p>")))
	f.Add([]byte(rss("https://x.example", "one", "two")))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>E</title><content type="html">&lt;p&gt;Hello&lt;/p&gt;</content></entry></feed>`))
	f.Add([]byte("plain\x00text\xff"))
	r := &Reader{}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, k := range []kind{kindText, kindJSON, kindJSONL, kindHTML, kindFeed, kindOf("x", "", b)} {
			read := func() []Item {
				var items []Item
				r.readBytes(context.Background(), "fuzz", k, b, "", func(it Item) { items = append(items, it) })
				return items
			}
			first := read()
			for _, it := range first {
				if it.Err == nil && (it.Doc.Text == "" || !utf8.ValidString(it.Doc.Text)) {
					t.Fatalf("kind %d: an item without error has text %q", k, it.Doc.Text)
				}
			}
			if second := read(); !reflect.DeepEqual(errStrings(first), errStrings(second)) {
				t.Fatalf("kind %d: not deterministic", k)
			}
		}
	})
}

// errStrings makes items comparable: errors by their text.
func errStrings(items []Item) []any {
	var out []any
	for _, it := range items {
		e := ""
		if it.Err != nil {
			e = it.Err.Error()
		}
		it.Err = nil
		out = append(out, it, e)
	}
	return out
}

// FuzzMinHash: a sketch is nil or full, and the same text gives the same.
func FuzzMinHash(f *testing.F) {
	f.Add(longText)
	f.Add("")
	f.Add("é é é é é é é é é é é é é é é é é é é é é é é é é é é é é é")
	f.Fuzz(func(t *testing.T, s string) {
		h := MinHash(s)
		if h != nil && len(h) != store.SketchSize {
			t.Fatalf("sketch of %d values", len(h))
		}
		if !reflect.DeepEqual(h, MinHash(s)) {
			t.Fatalf("not deterministic")
		}
		if h != nil && store.Similarity(h, h) != 1 {
			t.Fatalf("a sketch is not like itself")
		}
	})
}
