// Package server is sitrep's HTTP API and the web page served with it.
//
// Routes (openapi.json, served at /api/openapi.json, describes each):
//
//	GET  /api/events            fused events; the filters of `sitrep query`
//	                            (type, actor, country, bbox, since, until,
//	                            text), limit (default 100, at most 1000),
//	                            offset, sort (date, -date, fatalities,
//	                            -fatalities, articles, -articles)
//	GET  /api/events/{id}       one event with its mentions and evidence
//	GET  /api/documents/{id}    an article's text and the spans of the
//	                            fields of its events, in bytes and UTF-16
//	GET  /api/stats             counts by type, event type, day and country
//	GET  /api/export?format=F   jsonl, geojson, acled or gdelt (package
//	                            internal/export), with the event filters
//	POST /api/documents         ingest one document; 403 unless a token is
//	                            configured, then 401 without
//	                            "Authorization: Bearer TOKEN"
//	GET  /                      the web page (map, timeline, list), from
//	                            the embedded web/ folder, with no request
//	                            to any other host
//
// Every error is JSON, {"error": "..."}, with its status code. Run serves
// with read, write and idle timeouts and shuts down gracefully when its
// context ends.
package server

import (
	"context"
	"crypto/subtle"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/internal/export"
	"github.com/sitrep/sitrep/internal/store"
)

//go:embed web openapi.json
var assets embed.FS

// MaxBodyBytes caps the body of POST /api/documents.
const MaxBodyBytes = 8 << 20

// IngestFunc extracts the events of a document and stores both; the CLI
// wires it to the same code as `sitrep ingest`.
type IngestFunc func(ctx context.Context, doc event.Document) (store.Result, error)

// Config is what a Server serves. Store is required; Ingest and Token
// enable POST /api/documents; Logger defaults to discarding.
type Config struct {
	Store  store.Store
	Ingest IngestFunc
	// Token, when not empty, is the bearer token POST /api/documents
	// requires. When empty, the route answers 403.
	Token  string
	Logger *slog.Logger
}

// Server is the HTTP handler of the API and the page.
type Server struct {
	cfg Config
	mux *http.ServeMux
}

var _ http.Handler = (*Server)(nil)

// New checks cfg and builds the routes.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("server: no store")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux()}
	web, err := fs.Sub(assets, "web")
	if err != nil {
		return nil, fmt.Errorf("server: embedded page: %w", err)
	}
	s.mux.HandleFunc("GET /api/events", s.events)
	s.mux.HandleFunc("GET /api/events/{id}", s.eventByID)
	s.mux.HandleFunc("GET /api/documents/{id}", s.document)
	s.mux.HandleFunc("POST /api/documents", s.postDocument)
	s.mux.HandleFunc("GET /api/stats", s.stats)
	s.mux.HandleFunc("GET /api/export", s.export)
	s.mux.HandleFunc("GET /api/openapi.json", s.openAPI)
	files := http.FileServerFS(web)
	s.mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			writeError(w, http.StatusNotFound, fmt.Sprintf("no route %s %s (see /api/openapi.json)", r.Method, r.URL.Path))
			return
		}
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		files.ServeHTTP(w, r)
	})
	return s, nil
}

// ServeHTTP routes a request, turning a panic into a 500 JSON error.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.cfg.Logger.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", v)
			writeError(w, http.StatusInternalServerError, "internal error")
		}
	}()
	h, pattern := s.mux.Handler(r)
	if pattern != "" {
		s.mux.ServeHTTP(w, r) // sets the path values Handler does not
		return
	}
	// No route: the mux answers 404, 405 or a redirect in plain text; say
	// the same in JSON.
	rec := &recorder{header: http.Header{}}
	h.ServeHTTP(rec, r)
	if rec.code < 400 {
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.code)
		_, _ = w.Write(rec.body)
		return
	}
	msg := fmt.Sprintf("no route %s %s (see /api/openapi.json)", r.Method, r.URL.Path)
	if rec.code == http.StatusMethodNotAllowed {
		allow := rec.header.Get("Allow")
		w.Header().Set("Allow", allow)
		msg = fmt.Sprintf("%s is not allowed on %s (allowed: %s)", r.Method, r.URL.Path, allow)
	}
	writeError(w, rec.code, msg)
}

// recorder keeps what the mux's own 404, 405 and redirect handlers write.
type recorder struct {
	header http.Header
	code   int
	body   []byte
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = http.StatusOK
	}
	r.body = append(r.body, b...)
	return len(b), nil
}

// Run serves h on ln until ctx ends, then shuts down, letting requests in
// flight finish for up to 10 seconds.
func Run(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    1 << 20,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serving on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// writeJSON writes v with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// writeError writes {"error": msg} with status.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// eventsPage is the answer of GET /api/events.
type eventsPage struct {
	Total  int           `json:"total"`
	Offset int           `json:"offset"`
	Limit  int           `json:"limit"`
	Events []store.Event `json:"events"`
}

// selectEvents parses the filters of vals and reads the events they
// select; on an error it has answered the request and returns false.
func (s *Server) selectEvents(w http.ResponseWriter, r *http.Request, vals url.Values, paging bool) (query, []store.Event, bool) {
	q, err := parseQuery(vals, paging)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return q, nil, false
	}
	evs, err := s.cfg.Store.Events(r.Context(), q.filter)
	if err != nil {
		s.storeError(w, r, err)
		return q, nil, false
	}
	return q, evs, true
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	q, evs, ok := s.selectEvents(w, r, r.URL.Query(), true)
	if !ok {
		return
	}
	sortEvents(evs, q.sort)
	page := eventsPage{Total: len(evs), Offset: q.offset, Limit: q.limit, Events: []store.Event{}}
	if q.offset < len(evs) {
		end := min(q.offset+q.limit, len(evs))
		page.Events = evs[q.offset:end]
	}
	writeJSON(w, http.StatusOK, page)
}

// findEvent returns the fused event with this id, or the one holding a
// mention with this id.
func (s *Server) findEvent(ctx context.Context, id string) (store.Event, error) {
	evs, err := s.cfg.Store.Events(ctx, store.Filter{})
	if err != nil {
		return store.Event{}, err
	}
	for _, ev := range evs {
		if ev.ID == id {
			return ev, nil
		}
	}
	for _, ev := range evs {
		for _, m := range ev.Mentions {
			if m.ID == id {
				return ev, nil
			}
		}
	}
	return store.Event{}, store.ErrNotFound
}

func (s *Server) eventByID(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	ev, err := s.findEvent(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no event %q", id))
		return
	}
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ev)
}

func (s *Server) document(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	doc, err := s.cfg.Store.Document(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no document %q", id))
		return
	}
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	evs, err := s.cfg.Store.Events(r.Context(), store.Filter{})
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, documentView(doc, evs))
}

// statsView is the answer of GET /api/stats.
type statsView struct {
	Store       store.Stats    `json:"store"`
	Events      int            `json:"events"`
	ByType      map[string]int `json:"by_type"`
	ByEventType map[string]int `json:"by_event_type"`
	ByDay       map[string]int `json:"by_day"`
	ByCountry   map[string]int `json:"by_country"`
	Undated     int            `json:"undated"`
	Unlocated   int            `json:"unlocated"`
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request) {
	q, err := parseQuery(r.URL.Query(), false)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	st, err := s.cfg.Store.Stats(r.Context())
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	evs, err := s.cfg.Store.Events(r.Context(), q.filter)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	v := statsView{Store: st, Events: len(evs), ByType: map[string]int{}, ByEventType: map[string]int{},
		ByDay: map[string]int{}, ByCountry: map[string]int{}}
	for _, ev := range evs {
		v.ByType[ev.Type]++
		v.ByEventType[ev.EventType]++
		if ev.Date.Value != nil {
			v.ByDay[*ev.Date.Value]++
		} else {
			v.Undated++
		}
		if ev.Location != nil && ev.Location.Country != "" {
			v.ByCountry[ev.Location.Country]++
		} else {
			v.Unlocated++
		}
	}
	writeJSON(w, http.StatusOK, v)
}

func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	vals := r.URL.Query()
	format := vals.Get("format")
	if format == "" {
		format = export.JSONL
	}
	if !contains(export.Formats(), format) {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("unknown format %q: use %s", format, strings.Join(export.Formats(), ", ")))
		return
	}
	vals.Del("format")
	_, evs, ok := s.selectEvents(w, r, vals, false)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", export.ContentType(format))
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="sitrep-events.%s"`, export.Extension(format)))
	if err := export.Write(w, format, evs); err != nil {
		// Headers are gone; the log is all that is left.
		s.cfg.Logger.Error("export", "format", format, "err", err)
	}
}

// ingestResult is the answer of POST /api/documents.
type ingestResult struct {
	Status      string `json:"status"`
	Of          string `json:"of,omitempty"`
	EventsNew   int    `json:"events_new"`
	EventsFused int    `json:"events_fused"`
}

func (s *Server) postDocument(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Token == "" || s.cfg.Ingest == nil {
		writeError(w, http.StatusForbidden, "ingesting over HTTP is disabled: start the server with --token or SITREP_TOKEN set")
		return
	}
	auth, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(auth)), []byte(s.cfg.Token)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep"`)
		writeError(w, http.StatusUnauthorized, "missing or wrong token: send Authorization: Bearer TOKEN")
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		writeError(w, http.StatusUnsupportedMediaType, fmt.Sprintf("send the document as application/json, not %s", ct))
		return
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	dec.DisallowUnknownFields()
	var doc event.Document
	if err := dec.Decode(&doc); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("document larger than %d bytes", MaxBodyBytes))
			return
		}
		writeError(w, http.StatusBadRequest, fmt.Sprintf("reading the document: %v (want {\"id\", \"lang\", \"published\", \"source\", \"url\", \"title\", \"text\"})", err))
		return
	}
	if strings.TrimSpace(doc.Text) == "" {
		writeError(w, http.StatusBadRequest, "the document has no text")
		return
	}
	res, err := s.cfg.Ingest(r.Context(), doc)
	switch {
	case errors.Is(err, store.ErrConflict):
		writeError(w, http.StatusConflict, err.Error())
		return
	case errors.Is(err, store.ErrInvalid):
		writeError(w, http.StatusBadRequest, err.Error())
		return
	case err != nil:
		s.cfg.Logger.Warn("ingest", "id", doc.ID, "err", err)
		writeError(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	status := http.StatusOK
	if res.Status == store.New {
		status = http.StatusCreated
	}
	writeJSON(w, status, ingestResult{Status: res.Status.String(), Of: res.Of, EventsNew: res.EventsNew, EventsFused: res.EventsFused})
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	b, err := assets.ReadFile("openapi.json")
	if err != nil {
		writeError(w, http.StatusInternalServerError, "openapi.json missing from the binary")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
}

// storeError answers 500 and logs the store's error.
func (s *Server) storeError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	s.cfg.Logger.Error("store", "path", r.URL.Path, "err", err)
	writeError(w, http.StatusInternalServerError, "the store failed: "+err.Error())
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// sortEvents orders evs by key: "date" (the store's order), "-date",
// "fatalities", "-fatalities", "articles" or "-articles"; ties keep the
// store's order.
func sortEvents(evs []store.Event, key string) {
	desc := strings.HasPrefix(key, "-")
	field := strings.TrimPrefix(key, "-")
	val := func(ev store.Event) int {
		switch field {
		case "fatalities":
			if ev.Fatalities != nil {
				return ev.Fatalities.Best
			}
			return -1
		case "articles":
			return ev.NumArticles
		}
		return 0
	}
	switch field {
	case "date":
		if desc {
			// Dated events newest first, undated still last.
			sort.SliceStable(evs, func(i, j int) bool {
				a, b := evs[i].Date.Value, evs[j].Date.Value
				if a == nil || b == nil {
					return a != nil && b == nil
				}
				return *a > *b
			})
		}
	case "fatalities", "articles":
		sort.SliceStable(evs, func(i, j int) bool {
			if desc {
				return val(evs[i]) > val(evs[j])
			}
			return val(evs[i]) < val(evs[j])
		})
	}
}
