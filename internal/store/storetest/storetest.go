// Package storetest is the conformance suite every store.Store must pass,
// in the manner of prometheus' RunBuiltinTestsWithStorage: an
// implementation's test calls Run with a function that opens a fresh,
// empty store.
package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/internal/store"
)

// Opener opens a fresh, empty store; the store is closed by the suite.
// It calls t.Fatal or t.Skip itself when it cannot.
type Opener func(t *testing.T) store.Store

// Run runs every conformance test against the stores open returns.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, Opener)
	}{
		{"PutAndRead", testPutAndRead},
		{"Idempotent", testIdempotent},
		{"ExactDuplicate", testExactDuplicate},
		{"Conflict", testConflict},
		{"NearDuplicate", testNearDuplicate},
		{"Lookup", testLookup},
		{"Invalid", testInvalid},
		{"Fusion", testFusion},
		{"NoFusion", testNoFusion},
		{"Disagreement", testDisagreement},
		{"CompleteLinkage", testCompleteLinkage},
		{"OrderIndependent", testOrderIndependent},
		{"Filters", testFilters},
		{"Search", testSearch},
		{"Concurrent", testConcurrent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open) })
	}
}

func openStore(t *testing.T, open Opener) store.Store {
	t.Helper()
	s := open(t)
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("closing store: %v", err)
		}
	})
	return s
}

// Doc builds a document with its hash set.
func Doc(id, source, published, text string) store.Document {
	h := sha256.Sum256([]byte(text))
	return store.Document{
		Document: event.Document{ID: id, Lang: "en", Published: published, Source: source, Title: "title of " + id, Text: text,
			URL: "https://news.example/" + id},
		Hash: hex.EncodeToString(h[:]),
	}
}

// Ev builds an event record of a type at a place and date (date "" is
// unknown) with actors ("" for none).
func Ev(id, typ, date string, lat, lon float64, actor1, actor2 string) event.Event {
	e := event.Event{
		ID: id, Type: typ, EventType: event.Types[typ], CAMEO: "195",
		Date:     event.Date{Precision: "unknown"},
		Weapons:  []event.Weapon{},
		Targets:  []string{},
		Sources:  []event.Source{},
		Modality: "asserted", Evidence: []event.Span{{Start: 0, End: 10}}, Confidence: 0.5,
	}
	if date != "" {
		d := date
		e.Date = event.Date{Value: &d, Precision: "day", Text: date}
	}
	if lat != 0 || lon != 0 {
		e.Location = &event.Place{Name: fmt.Sprintf("place %.2f,%.2f", lat, lon), Lat: lat, Lon: lon, Country: "SY", Admin1: "Idlib", Precision: 1}
	}
	if actor1 != "" {
		e.Actor1 = &event.Actor{ID: actor1, Name: actor1}
	}
	if actor2 != "" {
		e.Actor2 = &event.Actor{ID: actor2, Name: actor2}
	}
	return e
}

func put(t *testing.T, s store.Store, d store.Document, evs ...event.Event) store.Result {
	t.Helper()
	r, err := s.Put(context.Background(), d, evs)
	if err != nil {
		t.Fatalf("Put(%s): %v", d.ID, err)
	}
	return r
}

func stats(t *testing.T, s store.Store) store.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

func events(t *testing.T, s store.Store, f store.Filter) []store.Event {
	t.Helper()
	evs, err := s.Events(context.Background(), f)
	if err != nil {
		t.Fatalf("Events(%+v): %v", f, err)
	}
	return evs
}

// dump renders events as JSON for comparison.
func dump(t *testing.T, evs []store.Event) string {
	t.Helper()
	b, err := json.MarshalIndent(evs, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const idlibLat, idlibLon = 35.9306, 36.6339

func testPutAndRead(t *testing.T, open Opener) {
	s := openStore(t, open)
	ctx := context.Background()
	d := Doc("d1", "Outlet One", "2019-05-02", "Warplanes struck Idlib on Thursday, a monitor said.")
	d.URLs = []string{"https://mirror.example/d1"}
	e := Ev("e1", "air_drone_strike", "2019-05-02", idlibLat, idlibLon, "RUS.MIL", "")
	e.Sources = []event.Source{{Name: "Syrian Observatory for Human Rights", Kind: "ngo"}}
	r := put(t, s, d, e)
	if r.Status != store.New || r.Of != "d1" || r.EventsNew != 1 || r.EventsFused != 0 {
		t.Fatalf("Put = %+v, want new d1 with 1 new event", r)
	}
	got, err := s.Document(ctx, "d1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != d.Text || got.Hash != d.Hash || got.Title != d.Title || got.Source != d.Source || got.Published != d.Published || got.Lang != "en" {
		t.Errorf("Document = %+v, want the stored fields of %+v", got, d)
	}
	if want := []string{"https://mirror.example/d1", "https://news.example/d1"}; !reflect.DeepEqual(got.URLs, want) {
		t.Errorf("URLs = %v, want %v", got.URLs, want)
	}
	if _, err := s.Document(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Document(nope) error = %v, want ErrNotFound", err)
	}
	for u, want := range map[string]bool{"https://mirror.example/d1": true, "https://news.example/d1": true, "https://news.example/d2": false} {
		if has, err := s.HasURL(ctx, u); err != nil || has != want {
			t.Errorf("HasURL(%s) = %v, %v; want %v", u, has, err, want)
		}
	}
	evs := events(t, s, store.Filter{})
	if len(evs) != 1 {
		t.Fatalf("got %d events, want 1", len(evs))
	}
	ev := evs[0]
	if ev.ID != "e1" || ev.Doc != "d1" || ev.NumArticles != 1 || len(ev.Mentions) != 1 {
		t.Errorf("event = %s", dump(t, evs))
	}
	m := ev.Mentions[0]
	if m.ID != "e1" || m.Doc != "d1" || m.Outlet != "Outlet One" || m.URL != d.URL || m.Title != d.Title || m.Published != d.Published {
		t.Errorf("mention = %+v", m)
	}
	if !reflect.DeepEqual(m.Evidence, e.Evidence) {
		t.Errorf("mention evidence = %v, want %v", m.Evidence, e.Evidence)
	}
	names := sourceNames(ev.Event)
	if want := []string{"Syrian Observatory for Human Rights", "Outlet One"}; !reflect.DeepEqual(names, want) {
		t.Errorf("sources = %v, want %v", names, want)
	}
	st := stats(t, s)
	want := store.Stats{Documents: 1, URLs: 2, Mentions: 1, Events: 1, Sources: 2}
	if st != want {
		t.Errorf("Stats = %+v, want %+v", st, want)
	}
}

func sourceNames(e event.Event) []string {
	var out []string
	for _, s := range e.Sources {
		out = append(out, s.Name)
	}
	return out
}

func testIdempotent(t *testing.T, open Opener) {
	s := openStore(t, open)
	d1 := Doc("d1", "A", "2019-05-02", "Warplanes struck Idlib on Thursday.")
	d2 := Doc("d2", "B", "2019-05-02", "Idlib was bombed on Thursday by Russian jets.")
	put(t, s, d1, Ev("e1", "air_drone_strike", "2019-05-02", idlibLat, idlibLon, "RUS.MIL", ""))
	put(t, s, d2, Ev("e2", "air_drone_strike", "2019-05-02", idlibLat+0.01, idlibLon, "RUS", ""))
	before, st := dump(t, events(t, s, store.Filter{})), stats(t, s)
	for i := 0; i < 2; i++ {
		r := put(t, s, d2, Ev("e2", "air_drone_strike", "2019-05-02", idlibLat+0.01, idlibLon, "RUS", ""))
		if r.Status != store.Duplicate || r.Of != "d2" || r.EventsNew+r.EventsFused != 0 {
			t.Errorf("Put again = %+v, want a duplicate of d2 with no events", r)
		}
		put(t, s, d1, Ev("e1", "air_drone_strike", "2019-05-02", idlibLat, idlibLon, "RUS.MIL", ""))
	}
	if after := dump(t, events(t, s, store.Filter{})); after != before {
		t.Errorf("events changed on re-ingest:\nbefore %s\nafter %s", before, after)
	}
	if st2 := stats(t, s); st2 != st {
		t.Errorf("Stats changed on re-ingest: %+v, then %+v", st, st2)
	}
}

func testExactDuplicate(t *testing.T, open Opener) {
	s := openStore(t, open)
	ctx := context.Background()
	d := Doc("d1", "A", "2019-05-02", "Warplanes struck Idlib on Thursday.")
	put(t, s, d, Ev("e1", "air_drone_strike", "2019-05-02", idlibLat, idlibLon, "RUS.MIL", ""))
	dup := Doc("other", "B", "2019-05-03", d.Text)
	r := put(t, s, dup, Ev("x1", "air_drone_strike", "2019-05-02", idlibLat, idlibLon, "RUS.MIL", ""))
	if r.Status != store.Duplicate || r.Of != "d1" || r.EventsNew+r.EventsFused != 0 {
		t.Fatalf("Put(duplicate) = %+v, want a duplicate of d1", r)
	}
	got, err := s.Document(ctx, "other")
	if err != nil {
		t.Fatalf("Document(alias): %v", err)
	}
	if got.ID != "d1" || !reflect.DeepEqual(got.Aliases, []string{"other"}) {
		t.Errorf("Document(alias) = id %s aliases %v, want d1 with alias other", got.ID, got.Aliases)
	}
	if want := []string{"https://news.example/d1", "https://news.example/other"}; !reflect.DeepEqual(got.URLs, want) {
		t.Errorf("URLs = %v, want %v", got.URLs, want)
	}
	if r := put(t, s, dup); r.Status != store.Duplicate || r.Of != "d1" {
		t.Errorf("Put(duplicate) again = %+v", r)
	}
	if st := stats(t, s); st.Documents != 1 || st.Mentions != 1 || st.Aliases != 1 || st.URLs != 2 {
		t.Errorf("Stats = %+v, want 1 document, 1 mention, 1 alias, 2 URLs", st)
	}
}

func testConflict(t *testing.T, open Opener) {
	s := openStore(t, open)
	put(t, s, Doc("d1", "A", "", "first text"))
	st := stats(t, s)
	_, err := s.Put(context.Background(), Doc("d1", "A", "", "second text"), []event.Event{Ev("e", "attack", "", 0, 0, "", "")})
	if !errors.Is(err, store.ErrConflict) {
		t.Errorf("Put(same id, other text) error = %v, want ErrConflict", err)
	}
	if _, err := s.Lookup(context.Background(), Doc("d1", "A", "", "second text")); !errors.Is(err, store.ErrConflict) {
		t.Errorf("Lookup(same id, other text) error = %v, want ErrConflict", err)
	}
	if st2 := stats(t, s); st2 != st {
		t.Errorf("a conflict wrote: %+v, then %+v", st, st2)
	}
}

func testNearDuplicate(t *testing.T, open Opener) {
	s := openStore(t, open)
	ctx := context.Background()
	base := Doc("d1", "A", "", strings.Repeat("Warplanes struck Idlib on Thursday. ", 10))
	base.MinHash = sketch(0)
	put(t, s, base, Ev("e1", "air_drone_strike", "2019-05-02", idlibLat, idlibLon, "", ""))

	near := Doc("d2", "B", "", base.Text+" Updated.")
	near.MinHash = sketch(12) // 52 of 64 values equal: 0.81
	r := put(t, s, near, Ev("e2", "air_drone_strike", "2019-05-02", idlibLat, idlibLon, "", ""))
	if r.Status != store.NearDuplicate || r.Of != "d1" {
		t.Fatalf("Put(0.81 alike) = %+v, want a near-duplicate of d1", r)
	}
	if r2 := put(t, s, near); r2.Status != store.NearDuplicate || r2.Of != "d1" {
		t.Errorf("Put(near-duplicate) again = %+v", r2)
	}
	got, err := s.Document(ctx, "d2")
	if err != nil || got.ID != "d1" {
		t.Fatalf("Document(d2) = %v, %v; want d1", got.ID, err)
	}
	if want := []string{"https://news.example/d1", "https://news.example/d2"}; !reflect.DeepEqual(got.URLs, want) {
		t.Errorf("URLs = %v, want %v", got.URLs, want)
	}

	far := Doc("d3", "C", "", base.Text+" Other.")
	far.MinHash = sketch(16) // 48 of 64 values equal: 0.75
	if r := put(t, s, far); r.Status != store.New {
		t.Errorf("Put(0.75 alike) = %+v, want new", r)
	}
	fr := Doc("d4", "D", "", base.Text+" En français.")
	fr.Lang, fr.MinHash = "fr", sketch(0)
	if r := put(t, s, fr); r.Status != store.New {
		t.Errorf("Put(same sketch, other language) = %+v, want new", r)
	}
	short := Doc("d5", "E", "", "Warplanes.")
	short.MinHash = sketch(0)
	if r := put(t, s, short); r.Status != store.New {
		t.Errorf("Put(same sketch, a tenth of the length) = %+v, want new", r)
	}
	if st := stats(t, s); st.Documents != 4 || st.Mentions != 1 {
		t.Errorf("Stats = %+v, want 4 documents and 1 mention", st)
	}
}

// sketch returns a MinHash sketch whose first changed values differ from
// sketch(0)'s: the later bands stay equal, so the store compares the two.
func sketch(changed int) []uint32 {
	s := make([]uint32, store.SketchSize)
	for i := range s {
		s[i] = uint32(1000 + i)
		if i < changed {
			s[i] += 5000
		}
	}
	return s
}

func testLookup(t *testing.T, open Opener) {
	s := openStore(t, open)
	ctx := context.Background()
	d := Doc("d1", "A", "", "Warplanes struck Idlib on Thursday.")
	r, err := s.Lookup(ctx, d)
	if err != nil || r.Status != store.New {
		t.Fatalf("Lookup(empty store) = %+v, %v; want new", r, err)
	}
	if st := stats(t, s); st.Documents != 0 {
		t.Fatalf("Lookup wrote: %+v", st)
	}
	put(t, s, d)
	for _, c := range []struct {
		doc  store.Document
		want store.Status
	}{
		{d, store.Duplicate},
		{Doc("d2", "B", "", d.Text), store.Duplicate},
		{Doc("d3", "B", "", "Something else."), store.New},
	} {
		r, err := s.Lookup(ctx, c.doc)
		if err != nil || r.Status != c.want {
			t.Errorf("Lookup(%s) = %+v, %v; want %v", c.doc.ID, r, err, c.want)
		}
	}
}

func testInvalid(t *testing.T, open Opener) {
	s := openStore(t, open)
	ctx := context.Background()
	for name, c := range map[string]struct {
		doc store.Document
		evs []event.Event
	}{
		"no id":         {store.Document{Hash: "x", Document: event.Document{Text: "t"}}, nil},
		"no hash":       {store.Document{Document: event.Document{ID: "x", Text: "t"}}, nil},
		"untyped event": {Doc("d", "", "", "t"), []event.Event{{ID: "e"}}},
	} {
		if _, err := s.Put(ctx, c.doc, c.evs); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("%s: Put error = %v, want ErrInvalid", name, err)
		}
	}
	if st := stats(t, s); st != (store.Stats{}) {
		t.Errorf("invalid input wrote: %+v", st)
	}
}

// strikeSet is three articles about one strike and one about another.
func strikeSet() []struct {
	doc store.Document
	evs []event.Event
} {
	type item = struct {
		doc store.Document
		evs []event.Event
	}
	a := Ev("a1", "air_drone_strike", "2019-05-02", idlibLat, idlibLon, "RUS.MIL", "SYR.CVL")
	a.Sources = []event.Source{{Name: "Syrian Observatory for Human Rights", Kind: "ngo"}}
	b := Ev("b1", "air_drone_strike", "2019-05-02", idlibLat+0.05, idlibLon-0.05, "RUS", "")
	b.Sources = []event.Source{{Name: "Syrian observatory for human rights", Kind: "ngo"}}
	c := Ev("c1", "shelling_artillery_missile_attack", "2019-05-01", idlibLat, idlibLon+0.1, "", "SYR.CVL")
	other := Ev("z1", "air_drone_strike", "2019-05-02", 36.2021, 37.1343, "RUS.MIL", "") // Aleppo, 100 km away
	return []item{
		{Doc("da", "Outlet A", "2019-05-02", "A: warplanes struck Idlib."), []event.Event{a}},
		{Doc("db", "Outlet B", "2019-05-02", "B: Idlib bombed."), []event.Event{b}},
		{Doc("dc", "Outlet C", "2019-05-02", "C: shelling on Idlib overnight."), []event.Event{c}},
		{Doc("dz", "Outlet Z", "2019-05-02", "Z: raid on Aleppo."), []event.Event{other}},
	}
}

func testFusion(t *testing.T, open Opener) {
	s := openStore(t, open)
	var fused int
	for _, it := range strikeSet() {
		r := put(t, s, it.doc, it.evs...)
		fused += r.EventsFused
	}
	if fused != 2 {
		t.Errorf("events fused = %d, want 2 (the second and third articles)", fused)
	}
	evs := events(t, s, store.Filter{})
	if len(evs) != 2 {
		t.Fatalf("got %d events, want 2:\n%s", len(evs), dump(t, evs))
	}
	ev := evs[0]
	if evs[1].NumArticles == 3 {
		ev = evs[1]
	}
	if ev.ID != "a1" || ev.NumArticles != 3 || len(ev.Mentions) != 3 {
		t.Fatalf("fused event = %s", dump(t, []store.Event{ev}))
	}
	if ev.Type != "air_drone_strike" || *ev.Date.Value != "2019-05-02" || ev.Actor1.ID != "RUS.MIL" || ev.Actor2.ID != "SYR.CVL" {
		t.Errorf("fused fields = type %s date %s actors %v %v", ev.Type, *ev.Date.Value, ev.Actor1, ev.Actor2)
	}
	want := []string{"Syrian Observatory for Human Rights", "Outlet A", "Outlet B", "Outlet C"}
	if got := sourceNames(ev.Event); !reflect.DeepEqual(got, want) {
		t.Errorf("sources = %v, want %v", got, want)
	}
	for i, id := range []string{"a1", "b1", "c1"} {
		if ev.Mentions[i].ID != id {
			t.Errorf("mention %d = %s, want %s", i, ev.Mentions[i].ID, id)
		}
	}
	if ev.Mentions[2].Type != "shelling_artillery_missile_attack" {
		t.Errorf("a mention lost its own type: %s", ev.Mentions[2].Type)
	}
}

func testNoFusion(t *testing.T, open Opener) {
	s := openStore(t, open)
	day := "2019-05-02"
	cases := []struct {
		id string
		ev event.Event
	}{
		{"base", Ev("e0", "air_drone_strike", day, idlibLat, idlibLon, "RUS.MIL", "")},
		{"other family", Ev("e1", "armed_clash", day, idlibLat, idlibLon, "RUS.MIL", "")},
		{"two days later", Ev("e2", "air_drone_strike", "2019-05-04", idlibLat, idlibLon, "RUS.MIL", "")},
		{"40 km away", Ev("e3", "air_drone_strike", day, idlibLat+0.36, idlibLon, "RUS.MIL", "")},
		{"other actor", Ev("e4", "air_drone_strike", day, idlibLat, idlibLon, "USA.MIL", "")},
	}
	for i, c := range cases {
		d := Doc(fmt.Sprintf("d%d", i), "Outlet", day, "text "+c.id)
		r := put(t, s, d, c.ev)
		if r.EventsFused != 0 {
			t.Errorf("%s: fused, want a separate event", c.id)
		}
	}
	// Two events of one article never fuse, even when compatible.
	put(t, s, Doc("same", "Outlet", day, "two strikes"),
		Ev("s1", "air_drone_strike", "", 10, 10, "", ""),
		Ev("s2", "air_drone_strike", "", 10, 10, "", ""))
	if evs := events(t, s, store.Filter{}); len(evs) != len(cases)+2 {
		t.Errorf("got %d events, want %d:\n%s", len(evs), len(cases)+2, dump(t, evs))
	}
}
