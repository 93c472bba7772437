package storetest

import (
	"context"
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"sync"
	"testing"

	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/internal/fuse"
	"github.com/sitrep/sitrep/internal/store"
)

type item = struct {
	doc store.Document
	evs []event.Event
}

func testDisagreement(t *testing.T, open Opener) {
	s := openStore(t, open)
	day := "2019-05-02"
	twelve, eight := 12, 8
	a := Ev("m1", "air_drone_strike", day, idlibLat, idlibLon, "RUS", "")
	a.Fatalities = &event.Fatalities{Best: 12, Text: "douze morts"}
	b := Ev("m2", "air_drone_strike", day, idlibLat, idlibLon, "RUS.MIL", "")
	b.Fatalities = &event.Fatalities{Best: 8, Max: &twelve, Text: "at least eight"}
	c := Ev("m3", "air_drone_strike", day, idlibLat, idlibLon, "RUS.MIL", "")
	put(t, s, Doc("d1", "A", day, "one"), a)
	put(t, s, Doc("d2", "B", day, "two"), b)
	put(t, s, Doc("d3", "C", day, "three"), c)
	evs := events(t, s, store.Filter{})
	if len(evs) != 1 {
		t.Fatalf("got %d events, want 1:\n%s", len(evs), dump(t, evs))
	}
	ev := evs[0]
	if f := ev.Fatalities; f == nil || f.Best != 8 || f.Max == nil || *f.Max != 12 {
		t.Errorf("fused fatalities = %+v, want best 8 (the lowest), max 12", f)
	}
	if ev.Actor1 == nil || ev.Actor1.ID != "RUS.MIL" {
		t.Errorf("fused actor1 = %+v, want RUS.MIL (two mentions against one)", ev.Actor1)
	}
	got := map[string]*event.Fatalities{}
	for _, m := range ev.Mentions {
		got[m.ID] = m.Fatalities
	}
	if got["m1"] == nil || got["m1"].Best != twelve || got["m2"] == nil || got["m2"].Best != eight || got["m3"] != nil {
		t.Errorf("mentions lost their own fatalities: %+v", got)
	}
	if ev.Mentions[0].Actor1.ID != "RUS" {
		t.Errorf("mention m1 lost its own actor: %+v", ev.Mentions[0].Actor1)
	}
}

// chain is a strike on one town on three days running, each told by
// another article: complete linkage keeps days one and three apart.
func chain() []item {
	var out []item
	for i, day := range []string{"2019-05-01", "2019-05-02", "2019-05-03"} {
		out = append(out, item{
			Doc(fmt.Sprintf("chain%d", i), "Outlet", day, "chain "+day),
			[]event.Event{Ev(fmt.Sprintf("k%d", i), "shelling_artillery_missile_attack", day, 48.5953, 38.0003, "RUS.MIL", "UKR.MIL")},
		})
	}
	return out
}

func testCompleteLinkage(t *testing.T, open Opener) {
	s := openStore(t, open)
	for _, it := range chain() {
		put(t, s, it.doc, it.evs...)
	}
	evs := events(t, s, store.Filter{})
	if len(evs) != 2 {
		t.Fatalf("got %d events, want 2:\n%s", len(evs), dump(t, evs))
	}
	for _, ev := range evs {
		for i := range ev.Mentions {
			for j := i + 1; j < len(ev.Mentions); j++ {
				a, b := fuse.KeyOf(&ev.Mentions[i].Event), fuse.KeyOf(&ev.Mentions[j].Event)
				if !fuse.Compatible(&a, &b) {
					t.Errorf("event %s holds incompatible mentions %s and %s", ev.ID, a.ID, b.ID)
				}
			}
		}
	}
}

// mixed is a set of articles whose grouping depends on every rule: the
// strike told three times, a chain, an undated report, a report with no
// place, a vague report (no date, no place) and two events of one article.
func mixed() []item {
	items := append(strikeSet(), chain()...)
	undated := Ev("u1", "air_drone_strike", "", idlibLat, idlibLon+0.02, "RUS.MIL", "")
	placeless := Ev("p1", "air_drone_strike", "2019-05-02", 0, 0, "RUS.MIL", "")
	vague := Ev("v1", "air_drone_strike", "", 0, 0, "RUS.MIL", "")
	two := []event.Event{
		Ev("t1", "shelling_artillery_missile_attack", "2019-05-02", 48.5953, 38.0003, "RUS.MIL", ""),
		Ev("t2", "armed_clash", "2019-05-02", 48.5953, 38.0003, "UKR.MIL", "RUS.MIL"),
	}
	clash := Ev("w1", "armed_clash", "2019-05-03", 48.60, 38.01, "RUS.MIL", "UKR.MIL") // actors swapped
	return append(items,
		item{Doc("du", "Outlet U", "2019-05-04", "undated strike"), []event.Event{undated}},
		item{Doc("dp", "Outlet P", "2019-05-02", "placeless strike"), []event.Event{placeless}},
		item{Doc("dv", "Outlet V", "2019-05-02", "vague strike"), []event.Event{vague}},
		item{Doc("dt", "Outlet T", "2019-05-02", "two events"), two},
		item{Doc("dw", "Outlet W", "2019-05-03", "a clash"), []event.Event{clash}},
	)
}

func putAll(t *testing.T, s store.Store, items []item) {
	t.Helper()
	for _, it := range items {
		put(t, s, it.doc, it.evs...)
	}
}

func testOrderIndependent(t *testing.T, open Opener) {
	items := mixed()
	ref := openStore(t, open)
	putAll(t, ref, items)
	want, wantStats := dump(t, events(t, ref, store.Filter{})), stats(t, ref)
	rng := rand.New(rand.NewSource(5))
	orders := [][]item{reversed(items)}
	for i := 0; i < 4; i++ {
		p := append([]item(nil), items...)
		rng.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
		orders = append(orders, p)
	}
	for i, order := range orders {
		s := openStore(t, open)
		putAll(t, s, order)
		if got := dump(t, events(t, s, store.Filter{})); got != want {
			t.Errorf("order %d gives other events:\n got %s\nwant %s", i, got, want)
		}
		if st := stats(t, s); st != wantStats {
			t.Errorf("order %d: Stats = %+v, want %+v", i, st, wantStats)
		}
	}
}

func reversed(items []item) []item {
	out := make([]item, len(items))
	for i, it := range items {
		out[len(items)-1-i] = it
	}
	return out
}

func testConcurrent(t *testing.T, open Opener) {
	items := mixed()
	ref := openStore(t, open)
	putAll(t, ref, items)
	want, wantStats := dump(t, events(t, ref, store.Filter{})), stats(t, ref)

	s := openStore(t, open)
	var wg sync.WaitGroup
	errs := make(chan error, 4*len(items))
	for w := 0; w < 4; w++ {
		order := append([]item(nil), items...)
		rand.New(rand.NewSource(int64(w))).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, it := range order {
				if _, err := s.Put(context.Background(), it.doc, it.evs); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent Put: %v", err)
	}
	if got := dump(t, events(t, s, store.Filter{})); got != want {
		t.Errorf("four concurrent writers give other events than one:\n got %s\nwant %s", got, want)
	}
	if st := stats(t, s); st != wantStats {
		t.Errorf("Stats = %+v, want %+v", st, wantStats)
	}
}

func testFilters(t *testing.T, open Opener) {
	s := openStore(t, open)
	e1 := Ev("e1", "air_drone_strike", "2019-05-02", idlibLat, idlibLon, "RUS.MIL", "")
	e2 := Ev("e2", "armed_clash", "2022-05-10", 48.5953, 38.0003, "group:wagner", "UKR.MIL")
	e2.Location.Country, e2.Location.Admin1 = "UA", "Donetsk"
	e3 := Ev("e3", "peaceful_protest", "", 13.5137, 2.1098, "NER.CVL", "")
	e3.Location.Country, e3.Location.Admin1 = "NE", "Niamey"
	e4 := Ev("e4", "attack", "2019-06-01", 0, 0, "SYR.MIL", "SYR.CVL")
	putAll(t, s, []item{
		{Doc("d1", "A", "2019-05-02", "Warplanes struck Idlib on Thursday."), []event.Event{e1}},
		{Doc("d2", "B", "2022-05-10", "Fighting raged in Bakhmut."), []event.Event{e2}},
		{Doc("d3", "C", "2021-01-02", "Des manifestants à Niamey."), []event.Event{e3}},
		{Doc("d4", "D", "2019-06-01", "Soldiers attacked villagers."), []event.Event{e4}},
	})
	for _, c := range []struct {
		name string
		f    store.Filter
		want []string
	}{
		{"all, dated first", store.Filter{}, []string{"e1", "e4", "e2", "e3"}},
		{"sub-event type", store.Filter{Types: []string{"air_drone_strike"}}, []string{"e1"}},
		{"event type", store.Filter{Types: []string{"battles", "protests"}}, []string{"e2", "e3"}},
		{"actor by country", store.Filter{Actor: "RUS"}, []string{"e1"}},
		{"actor2", store.Filter{Actor: "UKR.MIL"}, []string{"e2"}},
		{"group actor", store.Filter{Actor: "group:wagner"}, []string{"e2"}},
		{"no such actor", store.Filter{Actor: "RU"}, nil},
		{"country", store.Filter{Country: "ua"}, []string{"e2"}},
		{"bbox", store.Filter{BBox: &[4]float64{0, 10, 5, 15}}, []string{"e3"}},
		{"since", store.Filter{Since: "2019-05-03"}, []string{"e4", "e2"}},
		{"until", store.Filter{Until: "2019-05-31"}, []string{"e1"}},
		{"since and until", store.Filter{Since: "2019-05-02", Until: "2019-06-01"}, []string{"e1", "e4"}},
		{"text", store.Filter{Text: "bakhmut"}, []string{"e2"}},
		{"text, any case and order", store.Filter{Text: "IDLIB warplanes"}, []string{"e1"}},
		{"text, accents folded", store.Filter{Text: "niamey MANIFESTANTS a"}, []string{"e3"}},
		{"text, all words", store.Filter{Text: "idlib bakhmut"}, nil},
		{"limit", store.Filter{Limit: 2}, []string{"e1", "e4"}},
		{"combined", store.Filter{Types: []string{"battles"}, Country: "UA", Since: "2022-01-01", Actor: "UKR"}, []string{"e2"}},
	} {
		var got []string
		for _, e := range events(t, s, c.f) {
			got = append(got, e.ID)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
	if _, err := s.Events(context.Background(), store.Filter{Since: "May 2019"}); err == nil {
		t.Errorf("a bad --since date gave no error")
	}
}

func testSearch(t *testing.T, open Opener) {
	s := openStore(t, open)
	ctx := context.Background()
	putAll(t, s, []item{
		{Doc("fr", "A", "", "Frappe aérienne russe à Idleb : douze civils tués."), nil},
		{Doc("en", "B", "", "Russian air strike on Idlib kills twelve civilians."), nil},
		{Doc("ua", "C", "", "Shelling of Bakhmut overnight."), nil},
	})
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"AERIENNE idleb", []string{"fr"}},
		{"aérienne", []string{"fr"}},
		{"russe", []string{"fr"}},
		{"civilians", []string{"en"}},
		{"idlib idleb", nil},
		{"title", []string{"en", "fr", "ua"}}, // titles are indexed too
		{"  ", nil},
		{`"quoted" OR -x`, nil},
	} {
		hits, err := s.Search(ctx, c.q, 10)
		if err != nil {
			t.Errorf("Search(%q): %v", c.q, err)
			continue
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.ID)
		}
		sort.Strings(got)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Search(%q) = %v, want %v", c.q, got, c.want)
		}
	}
	if hits, err := s.Search(ctx, "title", 1); err != nil || len(hits) != 1 || hits[0].ID != "en" {
		t.Errorf("Search(limit 1) = %v, %v; want [en]", hits, err)
	}
}
