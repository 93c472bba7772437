package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/demo"
	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// newTestServer stores the demo corpus in a fresh SQLite file and serves
// it on loopback; token enables POST /api/documents.
func newTestServer(t *testing.T, token string) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	x, err := sitrep.New(sitrep.Options{})
	if err != nil {
		t.Fatal(err)
	}
	put := func(ctx context.Context, doc event.Document) (store.Result, error) {
		if doc.ID == "" {
			doc.ID = sitrep.ContentID(doc.Text)
		}
		evs, err := x.Extract(doc)
		if err != nil {
			return store.Result{}, err
		}
		return st.Put(ctx, store.Document{Document: doc, Hash: ingest.Hash(doc.Text)}, evs)
	}
	docs, err := demo.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if _, err := put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	h, err := New(Config{Store: st, Ingest: put, Token: token})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}

// call sends a request and decodes a JSON answer into out (when not nil).
func call(t *testing.T, method, url, token, body string, out any) (int, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v in %s", method, url, err, b)
		}
	}
	return resp.StatusCode, resp.Header
}

func TestAPI(t *testing.T) {
	ts := newTestServer(t, "")
	var all eventsPage
	if code, _ := call(t, "GET", ts.URL+"/api/events", "", "", &all); code != 200 || all.Total < 10 || len(all.Events) != all.Total {
		t.Fatalf("GET /api/events: %d, total %d, %d events", code, all.Total, len(all.Events))
	}

	for _, tc := range []struct {
		name  string
		query string
		check func(ev store.Event) bool
	}{
		{"country", "country=UA", func(ev store.Event) bool { return ev.Location != nil && ev.Location.Country == "UA" }},
		{"type", "type=battles", func(ev store.Event) bool { return ev.EventType == "battles" }},
		{"actor", "actor=RUS", func(ev store.Event) bool {
			return (ev.Actor1 != nil && strings.HasPrefix(ev.Actor1.ID, "RUS")) || (ev.Actor2 != nil && strings.HasPrefix(ev.Actor2.ID, "RUS"))
		}},
		{"since", "since=2023-03-20", func(ev store.Event) bool { return ev.Date.Value != nil && *ev.Date.Value >= "2023-03-20" }},
		{"text", "text=Mogadishu", func(ev store.Event) bool { return ev.Location != nil && ev.Location.Country == "SO" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var p eventsPage
			if code, _ := call(t, "GET", ts.URL+"/api/events?"+tc.query, "", "", &p); code != 200 {
				t.Fatalf("status %d", code)
			}
			if p.Total == 0 || p.Total >= all.Total {
				t.Fatalf("%s kept %d of %d", tc.query, p.Total, all.Total)
			}
			for _, ev := range p.Events {
				if !tc.check(ev) {
					t.Errorf("%s kept %s (%s)", tc.query, ev.ID, ev.Type)
				}
			}
		})
	}

	t.Run("pages", func(t *testing.T) {
		var seen []string
		for off := 0; off < all.Total; off += 5 {
			var p eventsPage
			call(t, "GET", ts.URL+"/api/events?limit=5&offset="+itoa(off), "", "", &p)
			if p.Total != all.Total || len(p.Events) > 5 {
				t.Fatalf("offset %d: total %d, %d events", off, p.Total, len(p.Events))
			}
			for _, ev := range p.Events {
				seen = append(seen, ev.ID)
			}
		}
		for i, ev := range all.Events {
			if seen[i] != ev.ID {
				t.Fatalf("page order differs at %d", i)
			}
		}
	})

	t.Run("sort", func(t *testing.T) {
		var p eventsPage
		call(t, "GET", ts.URL+"/api/events?sort=-fatalities", "", "", &p)
		last := 1 << 30
		for _, ev := range p.Events {
			f := -1
			if ev.Fatalities != nil {
				f = ev.Fatalities.Best
			}
			if f > last {
				t.Fatalf("not sorted by fatalities, descending")
			}
			last = f
		}
	})

	t.Run("errors", func(t *testing.T) {
		for _, tc := range []struct {
			method, path string
			want         int
		}{
			{"GET", "/api/events?country=Ukraine", 400},
			{"GET", "/api/events?since=yesterday", 400},
			{"GET", "/api/events?limit=0", 400},
			{"GET", "/api/events?sort=name", 400},
			{"GET", "/api/events?colour=red", 400},
			{"GET", "/api/events/nope", 404},
			{"GET", "/api/documents/nope", 404},
			{"GET", "/api/nope", 404},
			{"DELETE", "/api/events", 405},
			{"GET", "/api/export?format=xml", 400},
			{"POST", "/api/documents", 403},
		} {
			var e struct{ Error string }
			code, h := call(t, tc.method, ts.URL+tc.path, "", "", &e)
			if code != tc.want || e.Error == "" || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
				t.Errorf("%s %s: %d %q (%s), want %d with a JSON error", tc.method, tc.path, code, e.Error, h.Get("Content-Type"), tc.want)
			}
		}
	})

	t.Run("event and document", func(t *testing.T) {
		ev := all.Events[0]
		var got store.Event
		if code, _ := call(t, "GET", ts.URL+"/api/events/"+ev.ID, "", "", &got); code != 200 || got.ID != ev.ID || len(got.Mentions) == 0 {
			t.Fatalf("GET event %q: %d %+v", ev.ID, code, got.ID)
		}
		var doc DocumentView
		if code, _ := call(t, "GET", ts.URL+"/api/documents/"+got.Mentions[0].Doc, "", "", &doc); code != 200 {
			t.Fatalf("GET document: %d", code)
		}
		if doc.Text == "" || len(doc.Spans) == 0 {
			t.Fatalf("document without text or spans")
		}
		u := utf16.Encode([]rune(doc.Text))
		fields := map[string]bool{}
		for _, sp := range doc.Spans {
			fields[sp.Field] = true
			if string(utf16.Decode(u[sp.JSStart:sp.JSEnd])) != doc.Text[sp.Start:sp.End] {
				t.Errorf("span %+v: UTF-16 and byte offsets disagree", sp)
			}
		}
		if !fields["evidence"] || !fields["location"] {
			t.Errorf("fields highlighted: %v", fields)
		}
	})

	t.Run("stats", func(t *testing.T) {
		var s statsView
		call(t, "GET", ts.URL+"/api/stats", "", "", &s)
		if s.Events != all.Total || s.ByCountry["UA"] == 0 || len(s.ByDay) == 0 || s.Store.Documents == 0 {
			t.Errorf("stats: %+v", s)
		}
	})

	t.Run("export", func(t *testing.T) {
		for _, f := range []struct{ format, ctype, first string }{
			{"jsonl", "application/x-ndjson", "{"},
			{"geojson", "application/geo+json", `{"type":"FeatureCollection"`},
			{"acled", "text/csv", "event_id_cnty,event_date"},
			{"gdelt", "text/tab-separated-values", ""},
		} {
			resp, err := http.Get(ts.URL + "/api/export?country=UA&format=" + f.format)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), f.ctype) || !strings.HasPrefix(string(b), f.first) || len(b) == 0 {
				t.Errorf("%s: %d %s %.40q", f.format, resp.StatusCode, resp.Header.Get("Content-Type"), b)
			}
		}
	})

	t.Run("page and openapi", func(t *testing.T) {
		var spec map[string]any
		if code, _ := call(t, "GET", ts.URL+"/api/openapi.json", "", "", &spec); code != 200 || spec["openapi"] == nil {
			t.Fatalf("openapi: %d", code)
		}
		paths := spec["paths"].(map[string]any)
		for _, p := range []string{"/api/events", "/api/events/{id}", "/api/documents/{id}", "/api/documents", "/api/stats", "/api/export"} {
			if paths[p] == nil {
				t.Errorf("openapi.json lacks %s", p)
			}
		}
		resp, err := http.Get(ts.URL + "/")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(b), "<title>sitrep") {
			t.Errorf("GET /: %d", resp.StatusCode)
		}
	})
}

func TestPostDocument(t *testing.T) {
	ts := newTestServer(t, "s3cret")
	body := `{"id":"post-1","lang":"en","published":"2023-04-02","text":"KYIV, April 2 - Russian forces shelled the town of Kupiansk on Saturday, killing two civilians, the regional governor said."}`
	for _, tc := range []struct {
		name, token, body string
		want              int
	}{
		{"no token", "", body, 401},
		{"wrong token", "guess", body, 401},
		{"bad JSON", "s3cret", `{"text": 1}`, 400},
		{"unknown field", "s3cret", `{"body": "x"}`, 400},
		{"empty", "s3cret", `{"text": "  "}`, 400},
		{"new", "s3cret", body, 201},
		{"again", "s3cret", body, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out map[string]any
			code, _ := call(t, "POST", ts.URL+"/api/documents", tc.token, tc.body, &out)
			if code != tc.want {
				t.Fatalf("status %d, want %d: %v", code, tc.want, out)
			}
		})
	}
	var p eventsPage
	call(t, "GET", ts.URL+"/api/events?text=Kupiansk", "", "", &p)
	if p.Total == 0 {
		t.Errorf("the posted document's event is not served")
	}
}

func TestUTF16Index(t *testing.T) {
	text := "Kiev — 𝕏 dit « ça »"
	x := newUTF16Index(text)
	u := utf16.Encode([]rune(text))
	for b := range text {
		want := len(utf16.Encode([]rune(text[:b])))
		if got := x.at(b); got != want {
			t.Errorf("at(%d) = %d, want %d", b, got, want)
		}
	}
	if got := x.at(len(text)); got != len(u) {
		t.Errorf("at(end) = %d, want %d", got, len(u))
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}
