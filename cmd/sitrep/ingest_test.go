package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// sitrepRun runs the CLI in-process.
func sitrepRun(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// queryEvents runs 'sitrep query' and decodes its JSONL.
func queryEvents(t *testing.T, args ...string) []store.Event {
	t.Helper()
	code, out, errs := sitrepRun(t, append([]string{"query"}, args...)...)
	if code != 0 {
		t.Fatalf("query %v: exit %d: %s", args, code, errs)
	}
	var evs []store.Event
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var e store.Event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("query output: %v: %s", err, sc.Text())
		}
		evs = append(evs, e)
	}
	return evs
}

var arihaDocs = []string{"test-ariha-courrier-fr", "test-ariha-gazette-en", "test-ariha-journal-fr"}
var arihaOutlets = []string{"Journal de l'Oronte", "Le Courrier du Levant", "Levant Gazette"}

// TestIngestFusesOneStrike: three articles about one air strike, two in
// French and one in English, each worded its own way, become one event
// with the three articles' mentions and sources; a strike the same day in
// another province stays apart, and any order of the inputs gives the same
// events.
func TestIngestFusesOneStrike(t *testing.T) {
	files, err := filepath.Glob("testdata/fusion/*.json")
	if err != nil || len(files) != 4 {
		t.Fatalf("testdata/fusion: %v %v", files, err)
	}
	var dumps []string
	for i, order := range [][]string{files, {files[3], files[1], files[0], files[2]}} {
		db := filepath.Join(t.TempDir(), "sitrep.db")
		code, _, errs := sitrepRun(t, append([]string{"ingest", "--db", db, "--jobs", fmt.Sprint(i + 1)}, order...)...)
		if code != 0 {
			t.Fatalf("ingest: exit %d: %s", code, errs)
		}
		if !strings.Contains(errs, "documents: 4 new") || !strings.Contains(errs, "2 fused") {
			t.Errorf("summary = %q, want 4 new documents and 2 fused events", errs)
		}
		evs := queryEvents(t, "--db", db)
		var fused []store.Event
		for _, e := range evs {
			if e.NumArticles > 1 {
				fused = append(fused, e)
			}
		}
		if len(fused) != 1 {
			t.Fatalf("%d events told by several articles, want 1:\n%s", len(fused), dumpEvents(evs))
		}
		ev := fused[0]
		var docs []string
		for _, m := range ev.Mentions {
			docs = append(docs, m.Doc)
		}
		sort.Strings(docs)
		if ev.NumArticles != 3 || strings.Join(docs, " ") != strings.Join(arihaDocs, " ") {
			t.Fatalf("fused event has %d articles %v, want %v", ev.NumArticles, docs, arihaDocs)
		}
		if ev.Type != "air_drone_strike" || ev.Location == nil || ev.Location.Name != "Ariha" || ev.Date.Value == nil || *ev.Date.Value != "2020-01-15" {
			t.Errorf("fused event = %s on %v at %+v", ev.Type, ev.Date.Value, ev.Location)
		}
		if ev.Fatalities == nil || ev.Fatalities.Best != 9 {
			t.Errorf("fused fatalities = %+v, want the lowest report, 9", ev.Fatalities)
		}
		var outlets []string
		for _, s := range ev.Sources {
			if s.Kind == "media" {
				outlets = append(outlets, s.Name)
			}
		}
		sort.Strings(outlets)
		if strings.Join(outlets, "|") != strings.Join(arihaOutlets, "|") {
			t.Errorf("fused event's outlets = %v, want %v", outlets, arihaOutlets)
		}
		for _, m := range ev.Mentions {
			if len(m.Evidence) == 0 || m.URL == "" || m.Outlet == "" {
				t.Errorf("mention %s lacks evidence, URL or outlet: %+v", m.ID, m)
			}
		}
		for _, e := range evs {
			for _, m := range e.Mentions {
				if m.Doc == "test-atarib-other-fr" && e.ID == ev.ID {
					t.Errorf("the Atareb strike fused with the Ariha one")
				}
			}
		}
		dumps = append(dumps, dumpEvents(evs))
	}
	if dumps[0] != dumps[1] {
		t.Errorf("another input order gives other events:\n%s\n---\n%s", dumps[0], dumps[1])
	}
}

func dumpEvents(evs []store.Event) string {
	b, _ := json.MarshalIndent(evs, "", " ")
	return string(b)
}

// TestIngestIdempotent: ingesting the dev corpus again changes nothing.
func TestIngestIdempotent(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sitrep.db")
	code, _, errs := sitrepRun(t, "ingest", "--db", db, "../../testdata/dev")
	if code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	first := dumpEvents(queryEvents(t, "--db", db))
	before := dbStats(t, db)
	code, _, errs = sitrepRun(t, "ingest", "--db", db, "../../testdata/dev")
	if code != 0 {
		t.Fatalf("ingest again: exit %d: %s", code, errs)
	}
	if want := fmt.Sprintf("documents: 0 new, %d duplicate", before.Documents); !strings.Contains(errs, want) {
		t.Errorf("second summary = %q, want %q", errs, want)
	}
	if after := dbStats(t, db); after != before {
		t.Errorf("Stats changed: %+v, then %+v", before, after)
	}
	if again := dumpEvents(queryEvents(t, "--db", db)); again != first {
		t.Errorf("events changed on re-ingest")
	}
}

func dbStats(t *testing.T, path string) store.Stats {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestIngestPagesAndFeeds serves a page, a feed and the pages the feed
// links to on 127.0.0.1 and ingests them by URL.
func TestIngestPagesAndFeeds(t *testing.T) {
	page := func(title, date, body string) string {
		return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>` + title + `</title>
<meta property="og:site_name" content="Le Courrier du Levant">
<meta property="article:published_time" content="` + date + `T09:30:00+02:00"></head>
<body><nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
<article><h1>` + title + `</h1>` + body + `</article>
<footer>© Le Courrier du Levant — mentions légales — abonnez-vous à notre lettre</footer></body></html>`
	}
	arihaText := readDocText(t, "testdata/fusion/ariha-1.fr.json")
	var paras strings.Builder
	for _, p := range strings.Split(arihaText, "\n\n") {
		paras.WriteString("<p>" + p + "</p>\n")
	}
	atarib := readDocText(t, "testdata/fusion/atarib-other.fr.json")
	var feedHits atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/ariha", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page("Neuf civils tués à Ariha", "2020-01-15", paras.String()))
	})
	mux.HandleFunc("/atareb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page("Raid sur Atareb", "2020-01-15", "<p>"+atarib+"</p><p>"+strings.Repeat("Les habitants ont fui vers le nord. ", 4)+"</p>"))
	})
	var srv *httptest.Server
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		feedHits.Add(1)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Le Courrier du Levant</title><language>fr-FR</language>
<item><title>Raid sur Atareb</title><link>%s/atareb</link><guid>atareb</guid>
<pubDate>Wed, 15 Jan 2020 10:00:00 +0000</pubDate><description>Quatre civils tués à Atareb.</description></item>
<item><title>Neuf civils tués à Ariha</title><link>%s/ariha</link><guid>ariha</guid>
<pubDate>Wed, 15 Jan 2020 09:30:00 +0000</pubDate><description>Frappe russe sur Ariha.</description></item>
</channel></rss>`, srv.URL, srv.URL)
	})
	srv = httptest.NewServer(mux)
	defer srv.Close()

	db := filepath.Join(t.TempDir(), "sitrep.db")
	code, _, errs := sitrepRun(t, "ingest", "--db", db, srv.URL+"/ariha")
	if code != 0 || !strings.Contains(errs, "documents: 1 new") {
		t.Fatalf("ingest page: exit %d: %s", code, errs)
	}
	code, _, errs = sitrepRun(t, "ingest", "--db", db, srv.URL+"/feed.xml")
	if code != 0 || !strings.Contains(errs, "documents: 1 new, 1 duplicate") {
		t.Fatalf("ingest feed: exit %d: %s (want the Ariha page known, the Atareb one new)", code, errs)
	}
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	hits, err := s.Search(context.Background(), "atareb quartier", 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("Search = %v, %v; want the Atareb page", hits, err)
	}
	d, err := s.Document(context.Background(), hits[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Raid sur Atareb" || d.Published != "2020-01-15" || d.Source != "Le Courrier du Levant" || d.Lang != "fr" || d.URL != srv.URL+"/atareb" {
		t.Errorf("feed document metadata = %q %q %q %q %q", d.Title, d.Published, d.Source, d.Lang, d.URL)
	}
	if strings.Contains(d.Text, "mentions légales") || strings.Contains(d.Text, "Accueil") {
		t.Errorf("the page's boilerplate was kept: %q", d.Text)
	}
	if !strings.Contains(d.Text, "Quatre civils ont été tués") {
		t.Errorf("the page's main text was lost: %q", d.Text)
	}
	evs := queryEvents(t, "--db", db, "--text", "atareb")
	if len(evs) == 0 {
		t.Errorf("no event told by the Atareb page")
	}
}

func readDocText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var d event.Document
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return d.Text
}

// TestQueryFlags checks the filters reach the store and bad values are
// refused with exit code 2.
func TestQueryFlags(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sitrep.db")
	if code, _, errs := sitrepRun(t, "ingest", "--db", db, "testdata/fusion"); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	ids := func(evs []store.Event) map[string]bool {
		m := map[string]bool{}
		for _, e := range evs {
			m[e.ID] = true
		}
		return m
	}
	all := queryEvents(t, "--db", db)
	for _, c := range []struct {
		args []string
		keep func(store.Event) bool
	}{
		{[]string{"--type", "explosions_remote_violence"}, func(e store.Event) bool { return e.EventType == "explosions_remote_violence" }},
		{[]string{"--actor", "RUS"}, func(e store.Event) bool { return hasActor(e, "RUS") }},
		{[]string{"--country", "SY"}, func(e store.Event) bool { return e.Location != nil && e.Location.Country == "SY" }},
		{[]string{"--bbox", "36.5,35.7,36.7,35.9"}, func(e store.Event) bool {
			return e.Location != nil && e.Location.Lat >= 35.7 && e.Location.Lat <= 35.9 && e.Location.Lon >= 36.5 && e.Location.Lon <= 36.7
		}},
		{[]string{"--since", "2020-01-15", "--until", "2020-01-15"}, func(e store.Event) bool { return e.Date.Value != nil && *e.Date.Value == "2020-01-15" }},
		{[]string{"--text", "Atareb"}, func(e store.Event) bool { return e.Mentions[0].Doc == "test-atarib-other-fr" }},
	} {
		got := ids(queryEvents(t, append([]string{"--db", db}, c.args...)...))
		want := map[string]bool{}
		for _, e := range all {
			if c.keep(e) {
				want[e.ID] = true
			}
		}
		if len(want) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("query %v = %v, want %v", c.args, got, want)
		}
	}
	code, out, _ := sitrepRun(t, "query", "--db", db, "--format", "table", "--limit", "1")
	if code != 0 || !strings.HasPrefix(out, "1 event(s)\n1. ") {
		t.Errorf("table output: exit %d:\n%s", code, out)
	}
	for _, bad := range [][]string{
		{"--format", "xml"}, {"--since", "yesterday"}, {"--bbox", "1,2,3"}, {"--bbox", "0,50,10,40"}, {"--country", "SYR"}, {"stray"},
	} {
		if code, _, _ := sitrepRun(t, append([]string{"query", "--db", db}, bad...)...); code != 2 {
			t.Errorf("query %v: exit %d, want 2", bad, code)
		}
	}
	if code, _, errs := sitrepRun(t, "query", "--db", filepath.Join(t.TempDir(), "none.db")); code != 1 || !strings.Contains(errs, "no database") {
		t.Errorf("query on a missing database: exit %d: %s", code, errs)
	}
}

func hasActor(e store.Event, prefix string) bool {
	for _, m := range e.Mentions {
		for _, a := range []*event.Actor{m.Actor1, m.Actor2} {
			if a != nil && (a.ID == prefix || strings.HasPrefix(a.ID, prefix+".")) {
				return true
			}
		}
	}
	return false
}

// TestIngestBadInputs: a bad input fails alone, with its name and reason.
func TestIngestBadInputs(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	os.WriteFile(good, []byte(`{"lang":"fr","published":"2020-01-15","text":"Des avions russes ont frappé mercredi la ville d'Ariha, en Syrie."}`), 0o644)
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"text": "x", "bogus": 1}`), 0o644)
	jsonl := filepath.Join(dir, "many.jsonl")
	os.WriteFile(jsonl, []byte(`{"lang":"en","text":"Russian jets struck Ariha in Syria on Wednesday."}`+"\n\nnot json\n"), 0o644)
	db := filepath.Join(dir, "sitrep.db")
	code, _, errs := sitrepRun(t, "ingest", "--db", db, good, bad, jsonl, filepath.Join(dir, "missing.txt"))
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{"bad.json: unreadable: JSON document", "many.jsonl:3: unreadable", "missing.txt:", "documents: 2 new, 0 duplicate (0 near-identical), 3 failed"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
}

// TestIngestCrash kills a real 'sitrep ingest' process with SIGKILL in the
// middle of a folder of documents, runs the same ingest again, and checks
// that the database then holds exactly what one uninterrupted run stores.
func TestIngestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to build the binary with")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "sitrep")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	corpus := filepath.Join(dir, "corpus")
	n := writeCopies(t, corpus, 15) // 480 documents
	ingestInto := func(db string) *exec.Cmd {
		return exec.Command(bin, "ingest", "--db", db, "--near-dup=false", "--jobs", "2", corpus)
	}

	ref := filepath.Join(dir, "ref.db")
	if out, err := ingestInto(ref).CombinedOutput(); err != nil {
		t.Fatalf("reference run: %v\n%s", err, out)
	}
	crashDB := filepath.Join(dir, "crash.db")
	cmd := ingestInto(crashDB)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if docs := countRows(crashDB); docs >= n/4 {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("ingest ended before it could be killed: %v\n%s", err, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no documents stored after 2 minutes:\n%s", stderr.String())
		}
		time.Sleep(5 * time.Millisecond) // polling interval, not a wait for an outcome
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := <-done
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("ingest was not killed by SIGKILL: %v", err)
	}
	killedAt := dbStats(t, crashDB)
	if killedAt.Documents >= n {
		t.Fatalf("all %d documents were stored before the kill: the test proves nothing", n)
	}
	t.Logf("killed with %d of %d documents stored", killedAt.Documents, n)

	out, err := ingestInto(crashDB).CombinedOutput()
	if err != nil {
		t.Fatalf("second run: %v\n%s", err, out)
	}
	if want := fmt.Sprintf("documents: %d new, %d duplicate", n-killedAt.Documents, killedAt.Documents); !strings.Contains(string(out), want) {
		t.Errorf("second run's summary = %q, want %q", out, want)
	}
	if got, want := dbStats(t, crashDB), dbStats(t, ref); got != want {
		t.Errorf("after the crash and a rerun: %+v; one clean run: %+v", got, want)
	}
	if got, want := dumpEvents(queryEvents(t, "--db", crashDB)), dumpEvents(queryEvents(t, "--db", ref)); got != want {
		t.Errorf("after the crash and a rerun the events differ from one clean run's")
	}
}

// countRows counts the documents of a database another process writes,
// reading it without writing, or returns -1 when it cannot be read yet.
func countRows(path string) int {
	if _, err := os.Stat(path); err != nil {
		return -1
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return -1
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM documents`).Scan(&n); err != nil {
		return -1
	}
	return n
}

// writeCopies writes k distinct copies of each dev-corpus article, as
// .json documents with the gold file's metadata, and returns their number.
func writeCopies(t testing.TB, dir string, k int) int {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	golds, err := filepath.Glob("../../testdata/dev/*.gold.json")
	if err != nil || len(golds) == 0 {
		t.Fatalf("no dev corpus: %v", err)
	}
	n := 0
	for _, g := range golds {
		var gold event.Gold
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &gold); err != nil {
			t.Fatal(err)
		}
		txt, err := os.ReadFile(strings.TrimSuffix(g, ".gold.json") + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		base := strings.TrimSuffix(filepath.Base(g), ".gold.json")
		for i := 0; i < k; i++ {
			d := gold.Doc
			d.ID = fmt.Sprintf("%s-copy%03d", base, i)
			d.Text = fmt.Sprintf("%s\n\n(%s, dispatch %d)", txt, base, i)
			d.URL = fmt.Sprintf("https://wire.example/%s/%d", base, i)
			b, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, d.ID+".json"), b, 0o644); err != nil {
				t.Fatal(err)
			}
			n++
		}
	}
	return n
}
