package ingest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/store"
)

func write(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readAll(t *testing.T, r *Reader, input string) []Item {
	t.Helper()
	var items []Item
	if err := r.Read(context.Background(), input, strings.NewReader("from stdin"), func(it Item) { items = append(items, it) }); err != nil {
		t.Fatal(err)
	}
	return items
}

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"b.txt", "a.txt", "a.gold.json", "sub/c.json", ".hidden/d.txt", ".e.txt"} {
		write(t, dir, n, "x")
	}
	got, err := Expand([]string{dir, "https://example.org/feed", filepath.Join(dir, "missing.txt")})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt"), filepath.Join(dir, "sub/c.json"),
		"https://example.org/feed", filepath.Join(dir, "missing.txt")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Expand = %v, want %v", got, want)
	}
}

func TestReadFiles(t *testing.T) {
	dir := t.TempDir()
	r := &Reader{}
	txt := write(t, dir, "a.fr.txt", "Des avions ont frappé Ariha.")
	write(t, dir, "a.fr.gold.json", `{"doc": {"id": "dev-a", "lang": "fr", "published": "2020-01-15", "source": "S", "title": "T"}, "events": []}`)
	items := readAll(t, r, txt)
	if len(items) != 1 || items[0].Err != nil || items[0].Doc.ID != "dev-a" || items[0].Doc.Lang != "fr" || items[0].Doc.Published != "2020-01-15" ||
		items[0].Doc.Text != "Des avions ont frappé Ariha." {
		t.Errorf("text with gold metadata: %+v", items)
	}
	js := write(t, dir, "d.json", `{"id": "x", "text": "Some text.", "urls": ["https://a.example/x"]}`)
	if items := readAll(t, r, js); len(items) != 1 || items[0].Doc.ID != "x" || !reflect.DeepEqual(items[0].URLs, []string{"https://a.example/x"}) {
		t.Errorf("json: %+v", items)
	}
	jl := write(t, dir, "d.jsonl", "{\"text\": \"one\"}\n\n{\"text\": \"two\", \"lang\": \"en\"}\n{\"bogus\": 1}\n")
	items = readAll(t, r, jl)
	if len(items) != 3 || items[0].Doc.Text != "one" || items[1].Doc.Lang != "en" || items[1].Name != jl+":3" || !errors.Is(items[2].Err, ErrFormat) {
		t.Errorf("jsonl: %+v", items)
	}
	for name, body := range map[string]string{
		"empty.txt":  "  \n",
		"bin.txt":    "a\x00b",
		"latin1.txt": "caf\xe9",
		"two.json":   `{"text": "a"} {"text": "b"}`,
		"none.json":  `{"id": "x"}`,
		"bad.html":   "<html><body></body></html>",
	} {
		if items := readAll(t, r, write(t, dir, name, body)); len(items) != 1 || items[0].Err == nil {
			t.Errorf("%s: %+v, want one failed item", name, items)
		}
	}
	if items := readAll(t, r, filepath.Join(dir, "missing.txt")); len(items) != 1 || items[0].Err == nil {
		t.Errorf("missing file: %+v", items)
	}
	if items := readAll(t, r, "-"); len(items) != 1 || items[0].Doc.Text != "from stdin" {
		t.Errorf("stdin: %+v", items)
	}
	small := &Reader{MaxBytes: 10}
	if items := readAll(t, small, write(t, dir, "big.txt", strings.Repeat("x", 11))); len(items) != 1 || !errors.Is(items[0].Err, ErrTooLarge) {
		t.Errorf("too large: %+v", items)
	}
	// A file with no telling extension is sniffed.
	if items := readAll(t, r, write(t, dir, "page.dat", page("Titre", "<p>"+longText+"</p>"))); len(items) != 1 || items[0].Doc.Title != "Titre" {
		t.Errorf("sniffed HTML: %+v", items)
	}
}

const longText = "Des avions de combat russes ont bombardé mercredi le marché d'Ariha, dans la province d'Idleb, tuant au moins neuf civils selon l'Observatoire syrien des droits de l'homme. Les secouristes fouillaient encore les décombres dans la soirée, et le bilan pourrait s'alourdir."

func page(title, body string) string {
	return `<!doctype html><html lang="fr-FR"><head><meta charset="utf-8"><title>` + title + `</title>
<meta property="og:site_name" content="Le Courrier"><meta property="article:published_time" content="2020-01-15T09:30:00Z">
</head><body><nav>Accueil | Monde | Sport</nav><article><h1>` + title + `</h1>` + body + `</article><footer>Mentions légales</footer></body></html>`
}

func TestHTML(t *testing.T) {
	d, err := htmlDocument([]byte(page("Frappe sur Ariha", "<p>"+longText+"</p><p>Deuxième paragraphe, avec du détail.</p>")), "", "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Frappe sur Ariha" || d.Published != "2020-01-15" || d.Lang != "fr" || d.Source != "Le Courrier" {
		t.Errorf("metadata: %+v", d)
	}
	if !strings.Contains(d.Text, "tuant au moins neuf civils") || !strings.Contains(d.Text, "\n\nDeuxième paragraphe") {
		t.Errorf("text: %q", d.Text)
	}
	if strings.Contains(d.Text, "Accueil") || strings.Contains(d.Text, "Mentions légales") {
		t.Errorf("boilerplate kept: %q", d.Text)
	}
	// A page in Latin-1 that says so in its Content-Type.
	latin1 := []byte(strings.ReplaceAll(page("Caf\xe9", "<p>"+strings.ReplaceAll(longText, "é", "\xe9")+"</p>"), `<meta charset="utf-8">`, ""))
	d, err = htmlDocument(latin1, "text/html; charset=iso-8859-1", "")
	if err != nil || !strings.Contains(d.Text, "bombardé") {
		t.Errorf("Latin-1 page: %q, %v", d.Text, err)
	}
}

func TestKindOf(t *testing.T) {
	for _, c := range []struct {
		name, ct, body string
		want           kind
	}{
		{"a.txt", "", "", kindText},
		{"a.JSON", "", "", kindJSON},
		{"a.ndjson", "", "", kindJSONL},
		{"a.htm", "", "", kindHTML},
		{"a.rss", "", "", kindFeed},
		{"https://x.example/feed", "application/rss+xml; charset=utf-8", "", kindFeed},
		{"https://x.example/a", "text/html", "<html>", kindHTML},
		{"https://x.example/a", "text/html", "<?xml version='1.0'?><rss>", kindFeed},
		{"https://x.example/a.json", "text/plain", "", kindJSON},
		{"https://x.example/a", "application/json", "", kindJSON},
		{"https://x.example/a", "text/plain; charset=utf-8", "hello", kindText},
		{"https://x.example/a", "", "<feed xmlns='http://www.w3.org/2005/Atom'>", kindFeed},
		{"https://x.example/a", "", "{\"text\": \"a\"}\n{\"text\": \"b\"}", kindJSONL},
		{"https://x.example/a", "", "plain words", kindText},
		{"noext", "", "", kindUnknown},
	} {
		var body []byte
		if c.body != "" {
			body = []byte(c.body)
		}
		if got := kindOf(c.name, c.ct, body); got != c.want {
			t.Errorf("kindOf(%q, %q, %.20q) = %v, want %v", c.name, c.ct, c.body, got, c.want)
		}
	}
}

func rss(base string, items ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Le Courrier</title><language>fr</language>`)
	for _, it := range items {
		fmt.Fprintf(&b, `<item><title>%s</title><link>%s/%s</link><guid>%s</guid><pubDate>Wed, 15 Jan 2020 10:00:00 +0000</pubDate><description>Résumé de %s.</description></item>`, it, base, it, it, it)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

// feedServer serves a feed with an ETag and the pages it links to; it
// counts the requests of each kind.
type feedServer struct {
	*httptest.Server
	mu         sync.Mutex
	items      []string
	version    int
	fail       bool
	full, cond atomic.Int32 // 200 and 304 answers to the feed
	failures   atomic.Int32
	pages      atomic.Int32
}

func newFeedServer(t *testing.T, items ...string) *feedServer {
	fs := &feedServer{items: items, version: 1}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/feed" {
			fs.pages.Add(1)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page("Page "+r.URL.Path, "<p>"+longText+" ("+r.URL.Path+")</p>"))
			return
		}
		fs.mu.Lock()
		defer fs.mu.Unlock()
		if fs.fail {
			fs.failures.Add(1)
			w.Header().Set("Retry-After", "0")
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		etag := fmt.Sprintf(`"v%d"`, fs.version)
		if r.Header.Get("If-None-Match") == etag {
			fs.cond.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fs.full.Add(1)
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rss(fs.URL, fs.items...))
	}))
	t.Cleanup(fs.Close)
	return fs
}

func TestReadFeed(t *testing.T) {
	fs := newFeedServer(t, "one", "two")
	known := fs.URL + "/two"
	r := &Reader{FetchLinks: true, Known: func(_ context.Context, u string) bool { return u == known }}
	items := readAll(t, r, fs.URL+"/feed")
	if len(items) != 2 {
		t.Fatalf("got %d items, want 2: %+v", len(items), items)
	}
	one := items[0]
	if one.Err != nil || one.Doc.Title != "one" || one.Doc.Source != "Le Courrier" || one.Doc.Lang != "fr" || one.Doc.Published != "2020-01-15" ||
		one.Doc.URL != fs.URL+"/one" || !strings.Contains(one.Doc.Text, "tuant au moins neuf civils") {
		t.Errorf("item one = %+v", one)
	}
	if !items[1].Known || fs.pages.Load() != 1 {
		t.Errorf("a known page was fetched: %+v, %d pages", items[1], fs.pages.Load())
	}
	if got := r.Feeds(); !reflect.DeepEqual(got, []string{fs.URL + "/feed"}) {
		t.Errorf("Feeds = %v", got)
	}
	noLinks := &Reader{}
	items = readAll(t, noLinks, fs.URL+"/feed")
	if len(items) != 2 || items[0].Doc.Text != "Résumé de one." {
		t.Errorf("without fetching links: %+v", items)
	}
}

// TestFollow: polls are conditional, an unchanged feed costs a 304, new
// items are emitted once, and a failing feed backs off and recovers.
func TestFollow(t *testing.T) {
	fs := newFeedServer(t, "one")
	r := &Reader{}
	readAll(t, r, fs.URL+"/feed")
	ctx, cancel := context.WithCancel(context.Background())
	var mu sync.Mutex
	var got []Item
	done := make(chan error, 1)
	go func() {
		done <- r.Follow(ctx, 5*time.Millisecond, func(it Item) {
			mu.Lock()
			got = append(got, it)
			mu.Unlock()
		})
	}()
	waitFor(t, "two conditional polls", func() bool { return fs.cond.Load() >= 2 })
	fs.mu.Lock()
	fs.items, fs.version = []string{"two", "one"}, 2
	fs.mu.Unlock()
	waitFor(t, "the new item", func() bool { mu.Lock(); defer mu.Unlock(); return len(got) >= 1 })
	fs.mu.Lock()
	fs.fail = true
	fs.mu.Unlock()
	waitFor(t, "three failures", func() bool { return fs.failures.Load() >= 3 })
	fs.mu.Lock()
	fs.fail = false
	fs.mu.Unlock()
	before := fs.cond.Load()
	waitFor(t, "recovery", func() bool { return fs.cond.Load() > before })
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Follow returned %v, want context.Canceled", err)
	}
	mu.Lock()
	defer mu.Unlock()
	var docs, errs int
	for _, it := range got {
		if it.Err != nil {
			errs++
			continue
		}
		docs++
		if it.Doc.Title != "two" {
			t.Errorf("emitted %q again", it.Doc.Title)
		}
	}
	if docs != 1 || errs < 3 {
		t.Errorf("emitted %d documents and %d failures, want 1 and at least 3", docs, errs)
	}
	if fs.full.Load() != 2 {
		t.Errorf("the feed was sent whole %d times, want 2 (first read, then once changed)", fs.full.Load())
	}
	if err := (&Reader{}).Follow(context.Background(), time.Second, func(Item) {}); err == nil {
		t.Errorf("Follow with no feed gave no error")
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond) // polling interval
	}
}

func TestBackoff(t *testing.T) {
	for _, c := range []struct {
		interval time.Duration
		n        int
		want     time.Duration
	}{
		{time.Minute, 1, 2 * time.Minute},
		{time.Minute, 3, 8 * time.Minute},
		{time.Minute, 20, time.Hour},
		{2 * time.Hour, 3, 2 * time.Hour},
	} {
		if got := backoff(c.interval, c.n); got != c.want {
			t.Errorf("backoff(%s, %d) = %s, want %s", c.interval, c.n, got, c.want)
		}
	}
	now := time.Date(2020, 1, 15, 12, 0, 0, 0, time.UTC)
	if got := retryAfter("120", now); got != 2*time.Minute {
		t.Errorf("retryAfter(120) = %s", got)
	}
	if got := retryAfter("Wed, 15 Jan 2020 12:05:00 GMT", now); got != 5*time.Minute {
		t.Errorf("retryAfter(date) = %s", got)
	}
	if got := retryAfter("soon", now); got != 0 {
		t.Errorf("retryAfter(soon) = %s", got)
	}
}

func TestMinHash(t *testing.T) {
	files, err := filepath.Glob("../../testdata/dev/*.txt")
	if err != nil || len(files) < 10 {
		t.Fatalf("dev corpus: %v", err)
	}
	var sketches [][]uint32
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		h := MinHash(s)
		if len(h) != store.SketchSize || !reflect.DeepEqual(h, MinHash(s)) {
			t.Fatalf("%s: sketch of %d values, or not deterministic", f, len(h))
		}
		sketches = append(sketches, h)
		for name, v := range map[string]string{
			"footer": s + "\n\nCopyright. Tous droits réservés. Lire aussi notre dossier spécial.",
			"header": "BEYROUTH (Reuters) - " + s,
			"upper":  strings.ToUpper(s),
		} {
			if sim := store.Similarity(h, MinHash(v)); sim < store.NearSimilarity {
				t.Errorf("%s with a %s: similarity %.2f, want ≥ %.2f", filepath.Base(f), name, sim, store.NearSimilarity)
			}
		}
	}
	for i := range sketches {
		for j := i + 1; j < len(sketches); j++ {
			if sim := store.Similarity(sketches[i], sketches[j]); sim >= 0.3 {
				t.Errorf("%s and %s: similarity %.2f, want < 0.3", files[i], files[j], sim)
			}
		}
	}
	if MinHash("Too short to judge.") != nil {
		t.Errorf("a short text has a sketch")
	}
}
