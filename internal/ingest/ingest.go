// Package ingest turns what a person points sitrep at into documents:
// files, folders, web pages and feeds. It also computes the keys the
// store deduplicates on (Hash for identical texts, MinHash for
// near-identical ones).
//
// What Reader.Read does with an input, by default:
//
//   - a folder: every file under it, recursively, in lexical order, except
//     hidden files and folders and NAME.gold.json files;
//   - NAME.txt (or any file that is not one of the below): plain UTF-8
//     text; when NAME.gold.json sits beside it, its "doc" object gives the
//     document's id, language, date, source, URL and title;
//   - NAME.json: one document, {"id", "lang", "published", "source", "url",
//     "title", "text", "urls"}, all but text optional, no other field;
//   - NAME.jsonl or NAME.ndjson: one such document per line;
//   - NAME.html or NAME.htm: the page's main text, found by readability
//     (codeberg.org/readeck/go-readability, a port of Mozilla's
//     Readability.js), with its title, publication date, language and site
//     name from the page's metadata;
//   - NAME.xml, NAME.rss or NAME.atom: an RSS or Atom feed (github.com/
//     mmcdole/gofeed), one document per item;
//   - an http:// or https:// URL: fetched, then read by its Content-Type
//     (a feed, a page, JSON, JSONL or text), sniffing the body when the
//     type says nothing useful.
//
// A feed item becomes a document from its own content when that is at least
// MinItemText bytes of text; otherwise, when FetchLinks is set (the CLI's
// default), from the page it links to, unless Known says that page is
// stored already. The item's title, date and link, and the feed's title
// (the outlet) and language, fill the metadata.
//
// Nothing is downloaded but the URLs given and the links of the feeds
// given. Every response is capped at MaxBytes. One unreadable input or
// item is reported in its Item and the others go on.
package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep/event"
)

// DefaultMaxBytes caps one document, page or feed.
const DefaultMaxBytes = 8 << 20

// MinItemText is the least text a feed item must carry to be a document on
// its own, without fetching the page it links to.
const MinItemText = 1000

// UserAgent is what sitrep's requests say they come from.
const UserAgent = "sitrep (+https://github.com/sitrep/sitrep)"

// Errors about inputs. Items wrap them with detail.
var (
	ErrEmpty    = errors.New("no text")
	ErrTooLarge = errors.New("too large")
	ErrFormat   = errors.New("unreadable")
	ErrHTTP     = errors.New("HTTP error")
)

// Item is one document read from an input, or the reason it could not be.
type Item struct {
	// Name says where it came from: a path, path:line, a URL, or a feed
	// item's link.
	Name string
	Doc  event.Document
	// URLs are other addresses of the document (a feed item's link when
	// the page it led to has another address).
	URLs []string
	// Known is set for a feed item whose link is stored already: it was
	// not fetched, and Doc is empty.
	Known bool
	Err   error
}

// Reader reads inputs into documents. Set its fields before the first
// Read; a Reader is safe for concurrent use after that.
type Reader struct {
	// Client fetches URLs; nil means one with a 30-second timeout.
	Client *http.Client
	// MaxBytes caps a document, page or feed; 0 means DefaultMaxBytes.
	MaxBytes int
	// FetchLinks fetches the page of a feed item that carries less than
	// MinItemText bytes of text.
	FetchLinks bool
	// Known, when set, reports whether a page is stored already, so that
	// following a feed does not fetch it again.
	Known func(ctx context.Context, url string) bool

	mu    sync.Mutex
	feeds map[string]*feedState // the URLs that turned out to be feeds
}

func (r *Reader) maxBytes() int {
	if r.MaxBytes > 0 {
		return r.MaxBytes
	}
	return DefaultMaxBytes
}

func (r *Reader) client() *http.Client {
	if r.Client != nil {
		return r.Client
	}
	return &http.Client{Timeout: 30 * time.Second}
}

// IsURL reports whether an input is a URL rather than a path.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// Expand replaces each folder among inputs by the files under it that Read
// reads (recursively, in lexical order). URLs, files and missing paths
// stay as they are: Read reports what is wrong with them.
func Expand(inputs []string) ([]string, error) {
	var out []string
	for _, in := range inputs {
		if IsURL(in) || in == "-" {
			out = append(out, in)
			continue
		}
		st, err := os.Stat(in)
		if err != nil || !st.IsDir() {
			out = append(out, in)
			continue
		}
		err = filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != in && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && !strings.HasSuffix(d.Name(), ".gold.json") {
				out = append(out, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("listing %s: %w", in, err)
		}
	}
	return out, nil
}

// Read reads one input (a file, "-" for standard input given as stdin, or
// a URL; Expand folders first) and calls emit for each document or
// failure, in order. It returns an error only when ctx ends.
func (r *Reader) Read(ctx context.Context, input string, stdin io.Reader, emit func(Item)) error {
	if IsURL(input) {
		return r.readURL(ctx, input, emit)
	}
	if input == "-" {
		b, err := readCapped(stdin, r.maxBytes())
		if err != nil {
			emit(Item{Name: input, Err: err})
			return ctx.Err()
		}
		r.readBytes(ctx, input, kindOf(input, "", b), b, "", emit)
		return ctx.Err()
	}
	f, err := os.Open(input)
	if err != nil {
		emit(Item{Name: input, Err: err})
		return ctx.Err()
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		emit(Item{Name: input, Err: fmt.Errorf("is a folder (expand it first)")})
		return ctx.Err()
	}
	k := kindOf(input, "", nil)
	if k == kindJSONL {
		return r.readJSONL(ctx, input, f, emit)
	}
	b, err := readCapped(f, r.maxBytes())
	if err != nil {
		emit(Item{Name: input, Err: err})
		return ctx.Err()
	}
	if k == kindUnknown {
		k = kindOf(input, "", b)
	}
	if k == kindText {
		meta, err := goldMeta(input)
		if err != nil {
			emit(Item{Name: input, Err: err})
			return ctx.Err()
		}
		if err := checkText(b); err != nil {
			emit(Item{Name: input, Err: err})
			return ctx.Err()
		}
		meta.Text = string(b)
		emit(Item{Name: input, Doc: meta})
		return ctx.Err()
	}
	base := ""
	if abs, err := filepath.Abs(input); err == nil {
		base = (&url.URL{Scheme: "file", Path: abs}).String()
	}
	r.readBytes(ctx, input, k, b, base, emit)
	return ctx.Err()
}

func readCapped(rd io.Reader, max int) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(rd, int64(max)+1))
	if err != nil {
		return nil, err
	}
	if len(b) > max {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)
	}
	return b, nil
}

// checkText rejects what cannot be an article's text.
func checkText(b []byte) error {
	if len(bytes.TrimSpace(b)) == 0 {
		return ErrEmpty
	}
	if !utf8.Valid(b) {
		return fmt.Errorf("%w: not valid UTF-8 text", ErrFormat)
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return fmt.Errorf("%w: binary data (NUL byte)", ErrFormat)
	}
	return nil
}

type kind int

const (
	kindUnknown kind = iota
	kindText
	kindJSON
	kindJSONL
	kindHTML
	kindFeed
)

// kindOf decides how to read an input from its name, then its
// Content-Type, then its first bytes (when given).
func kindOf(name, contentType string, body []byte) kind {
	ext := strings.ToLower(filepath.Ext(name))
	if u, err := url.Parse(name); err == nil && IsURL(name) {
		ext = strings.ToLower(filepath.Ext(u.Path))
	}
	switch ext {
	case ".txt", ".text", ".md":
		return kindText
	case ".json":
		return kindJSON
	case ".jsonl", ".ndjson":
		return kindJSONL
	case ".html", ".htm", ".xhtml":
		return kindHTML
	case ".xml", ".rss", ".atom":
		return kindFeed
	}
	ct := strings.ToLower(contentType)
	switch {
	case strings.Contains(ct, "rss"), strings.Contains(ct, "atom"), strings.Contains(ct, "/xml"):
		return kindFeed
	case strings.Contains(ct, "ndjson"), strings.Contains(ct, "jsonl"), strings.Contains(ct, "json-seq"):
		return kindJSONL
	case strings.Contains(ct, "json"):
		return kindJSON
	case strings.Contains(ct, "html"):
		if looksLikeFeed(body) {
			return kindFeed
		}
		return kindHTML
	case strings.HasPrefix(ct, "text/plain"):
		return kindText
	}
	if body == nil {
		return kindUnknown
	}
	head := bytes.TrimLeft(body[:min(len(body), 512)], " \t\r\n\ufeff")
	switch {
	case looksLikeFeed(body):
		return kindFeed
	case bytes.HasPrefix(head, []byte("<")):
		return kindHTML
	case bytes.HasPrefix(head, []byte("{")):
		if bytes.Count(bytes.TrimSpace(body), []byte("\n")) > 0 && bytes.Contains(body, []byte("}\n{")) {
			return kindJSONL
		}
		return kindJSON
	}
	return kindText
}

func looksLikeFeed(body []byte) bool {
	head := bytes.ToLower(body[:min(len(body), 1024)])
	return bytes.Contains(head, []byte("<rss")) || bytes.Contains(head, []byte("<feed")) || bytes.Contains(head, []byte("<rdf:rdf"))
}

// readBytes reads a whole input of a known kind.
func (r *Reader) readBytes(ctx context.Context, name string, k kind, b []byte, base string, emit func(Item)) {
	switch k {
	case kindJSON:
		d, urls, err := decodeDoc(b)
		emit(Item{Name: name, Doc: d, URLs: urls, Err: err})
	case kindJSONL:
		_ = r.readJSONL(ctx, name, bytes.NewReader(b), emit)
	case kindHTML:
		d, err := htmlDocument(b, "", base)
		if err == nil && IsURL(name) {
			d.URL = name
		}
		emit(Item{Name: name, Doc: d, Err: err})
	case kindFeed:
		f, err := parseFeed(b)
		if err != nil {
			emit(Item{Name: name, Err: err})
			return
		}
		r.feedItems(ctx, name, f, nil, emit)
	default:
		if err := checkText(b); err != nil {
			emit(Item{Name: name, Err: err})
			return
		}
		d := event.Document{Text: string(b)}
		if IsURL(name) {
			d.URL = name
		}
		emit(Item{Name: name, Doc: d})
	}
}

// jsonDoc is a document as JSON inputs write it.
type jsonDoc struct {
	event.Document
	URLs []string `json:"urls,omitempty"`
}

func decodeDoc(b []byte) (event.Document, []string, error) {
	var d jsonDoc
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return event.Document{}, nil, fmt.Errorf("%w: JSON document: %v", ErrFormat, err)
	}
	if dec.More() {
		return event.Document{}, nil, fmt.Errorf("%w: JSON document: more than one value (use .jsonl for many)", ErrFormat)
	}
	if strings.TrimSpace(d.Text) == "" {
		return event.Document{}, nil, fmt.Errorf("%w: JSON document has no \"text\"", ErrEmpty)
	}
	return d.Document, d.URLs, nil
}

// readJSONL emits one item per non-blank line.
func (r *Reader) readJSONL(ctx context.Context, name string, rd io.Reader, emit func(Item)) error {
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 64<<10), r.maxBytes()+1)
	line := 0
	for sc.Scan() {
		line++
		if ctx.Err() != nil {
			return ctx.Err()
		}
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		d, urls, err := decodeDoc(b)
		emit(Item{Name: fmt.Sprintf("%s:%d", name, line), Doc: d, URLs: urls, Err: err})
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("%w: a line of more than %d bytes", ErrTooLarge, r.maxBytes())
		}
		emit(Item{Name: fmt.Sprintf("%s:%d", name, line+1), Err: err})
	}
	return ctx.Err()
}

// goldMeta reads the "doc" object of NAME.gold.json beside NAME.txt, or
// returns an empty document when there is none.
func goldMeta(path string) (event.Document, error) {
	gold := strings.TrimSuffix(path, filepath.Ext(path)) + ".gold.json"
	b, err := os.ReadFile(gold)
	if errors.Is(err, fs.ErrNotExist) {
		return event.Document{}, nil
	}
	if err != nil {
		return event.Document{}, err
	}
	var g struct {
		Doc event.Document `json:"doc"`
	}
	if err := json.Unmarshal(b, &g); err != nil {
		return event.Document{}, fmt.Errorf("%w: %s: %v", ErrFormat, gold, err)
	}
	g.Doc.Text = ""
	return g.Doc, nil
}

// Feeds lists the URLs read so far that turned out to be feeds, sorted.
func (r *Reader) Feeds() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, 0, len(r.feeds))
	for u := range r.feeds {
		out = append(out, u)
	}
	sort.Strings(out)
	return out
}
