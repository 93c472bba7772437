// Package fuse decides which event records from different articles tell
// the same real event, and derives one fused record from them.
//
// A record extracted from one article is a mention. Two mentions are
// compatible (Compatible) when all of these hold:
//
//   - they come from different documents (one article's events are already
//     merged by the extractor, so two events of one article are two events);
//   - they have the same event family (EVENTS.md event_type);
//   - their dates are within a day of each other, or either is unknown
//     (a week, month or year precision covers its whole period);
//   - their locations are within MaxDistanceKm, or one of them is only a
//     region (precision 3) and the other lies in the same region (same
//     country and admin1) or one is the country itself, or either is unknown;
//   - their actors are compatible, role by role: either is unknown, the ids
//     are equal, or they share a country and one of them has no role
//     ("RUS" and "RUS.MIL"); in battles, actor1 and actor2 may be swapped.
//
// A mention with no date and no place finer than a country is too vague to
// identify a real event: it is never fused and stays an event of its own.
//
// Cluster groups a set of mentions into events by complete linkage: two
// groups merge only when every pair across them is compatible, so a chain
// of daily strikes on one town does not collapse into one event. Pairs are
// taken from the most alike down, ties broken by mention id, which makes
// the grouping a function of the set of mentions alone: the same mentions
// give the same events whatever the order they arrived in.
//
// Fuse derives the fused record of one group by the rule written on it.
package fuse

import (
	"github.com/sitrep/sitrep/internal/geo"
	"sort"
	"strings"
	"time"

	"github.com/sitrep/sitrep/event"
)

// MaxDistanceKm is how far apart two located mentions of one event may be.
const MaxDistanceKm = 25.0

// Key holds what Compatible and Cluster read of a mention. Stores keep these
// fields in columns so that candidates can be found without decoding records.
type Key struct {
	ID        string // the mention's id
	Doc       string // the document it comes from
	EventType string // EVENTS.md event_type
	Type      string // EVENTS.md type
	// DateLo and DateHi are the first and last day the date covers, in
	// days since 1970-01-01; HasDate is false when the date is unknown.
	HasDate        bool
	DateLo, DateHi int
	// The location; HasPlace is false when there is none.
	HasPlace  bool
	Lat, Lon  float64
	Precision int
	Country   string // ISO 3166-1 alpha-2
	Admin1    string
	Place     string // the place's name
	Actor1    string // actor ids, "" when unknown
	Actor2    string
}

// KeyOf reads the Key of a record. A date whose value does not parse
// counts as unknown.
func KeyOf(ev *event.Event) Key {
	k := Key{ID: ev.ID, Doc: ev.Doc, EventType: ev.EventType, Type: ev.Type}
	if k.EventType == "" {
		k.EventType = event.Types[ev.Type]
	}
	k.DateLo, k.DateHi, k.HasDate = DateRange(ev.Date)
	if p := ev.Location; p != nil {
		k.HasPlace = true
		k.Lat, k.Lon, k.Precision = p.Lat, p.Lon, p.Precision
		k.Country, k.Admin1, k.Place = p.Country, p.Admin1, p.Name
	}
	if ev.Actor1 != nil {
		k.Actor1 = ev.Actor1.ID
	}
	if ev.Actor2 != nil {
		k.Actor2 = ev.Actor2.ID
	}
	return k
}

// Fusable reports whether a mention may join others: it needs a date, or
// a place finer than a whole country.
func (k *Key) Fusable() bool {
	return k.HasDate || (k.HasPlace && !(k.Precision == 3 && k.Admin1 == ""))
}

// DateRange returns the days (since 1970-01-01) a date covers: one day for
// precision "day", seven for "week" (the value's day and the six after it),
// the calendar month for "month" and the year for "year". ok is false for
// an unknown or unparsable date.
func DateRange(d event.Date) (lo, hi int, ok bool) {
	if d.Value == nil || d.Precision == "unknown" {
		return 0, 0, false
	}
	t, err := time.Parse("2006-01-02", *d.Value)
	if err != nil {
		return 0, 0, false
	}
	switch d.Precision {
	case "week":
		return days(t), days(t) + 6, true
	case "month":
		first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
		return days(first), days(first.AddDate(0, 1, -1)), true
	case "year":
		first := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		return days(first), days(first.AddDate(1, 0, -1)), true
	default:
		return days(t), days(t), true
	}
}

// Day formats a day number (days since 1970-01-01) as YYYY-MM-DD.
func Day(n int) string {
	return time.Unix(int64(n)*86400, 0).UTC().Format("2006-01-02")
}

func days(t time.Time) int { return int(t.Unix() / 86400) }

// Compatible reports whether two mentions may tell the same real event,
// by the rule in the package comment.
func Compatible(a, b *Key) bool {
	if a.Doc == b.Doc || a.EventType != b.EventType || !a.Fusable() || !b.Fusable() {
		return false
	}
	if a.HasDate && b.HasDate && (a.DateLo > b.DateHi+1 || b.DateLo > a.DateHi+1) {
		return false
	}
	if a.HasPlace && b.HasPlace && !placesCompatible(a, b) {
		return false
	}
	if actorCompatible(a.Actor1, b.Actor1) && actorCompatible(a.Actor2, b.Actor2) {
		return true
	}
	return a.EventType == "battles" && actorCompatible(a.Actor1, b.Actor2) && actorCompatible(a.Actor2, b.Actor1)
}

func placesCompatible(a, b *Key) bool {
	if geo.Km(a.Lat, a.Lon, b.Lat, b.Lon) <= MaxDistanceKm {
		return true
	}
	if a.Precision != 3 && b.Precision != 3 {
		return false
	}
	if a.Country == "" && b.Country == "" {
		return a.Place == b.Place // water bodies and the like
	}
	if a.Country != b.Country {
		return false
	}
	// A region covers the places in it; a country (no admin1) covers all.
	if (a.Precision == 3 && a.Admin1 == "") || (b.Precision == 3 && b.Admin1 == "") {
		return true
	}
	return a.Admin1 != "" && a.Admin1 == b.Admin1
}

// actorCompatible compares two actor ids ("" is unknown).
func actorCompatible(a, b string) bool {
	if a == "" || b == "" || a == b {
		return true
	}
	ca, ra := splitActor(a)
	cb, rb := splitActor(b)
	return ca != "" && ca == cb && (ra == "" || rb == "")
}

// splitActor splits "RUS.MIL" into "RUS" and "MIL"; a group id has no
// country part.
func splitActor(id string) (country, role string) {
	if strings.HasPrefix(id, "group:") {
		return "", id
	}
	if i := strings.IndexByte(id, '.'); i >= 0 {
		return id[:i], id[i+1:]
	}
	return id, ""
}

// similarity orders compatible pairs from the most alike down.
func similarity(a, b *Key) int {
	s := 0
	if a.Type == b.Type {
		s += 4
	}
	if a.HasDate && b.HasDate {
		if a.DateLo == b.DateLo && a.DateHi == b.DateHi {
			s += 3
		}
	}
	if a.HasPlace && b.HasPlace {
		switch d := geo.Km(a.Lat, a.Lon, b.Lat, b.Lon); {
		case d < 1:
			s += 3
		case d < 10:
			s += 2
		case d <= MaxDistanceKm:
			s++
		}
	}
	if a.Actor1 != "" && a.Actor1 == b.Actor1 {
		s += 2
	}
	if a.Actor2 != "" && a.Actor2 == b.Actor2 {
		s += 2
	}
	return s
}

// Cluster groups mentions into events and returns each group as indexes
// into keys, each group sorted by mention id and the groups by their first
// id. The result depends only on the set of keys, not on their order.
// Keys must have distinct ids.
func Cluster(keys []Key) [][]int {
	n := len(keys)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return keys[order[i]].ID < keys[order[j]].ID })
	// From here on mentions are named by their rank in id order, so that
	// every tie breaks on ids.
	compat := make([]bool, n*n)         // compat[i*n+j]
	type pair struct{ a, b, score int } // a, b are ranks, a < b
	var pairs []pair
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			a, b := &keys[order[i]], &keys[order[j]]
			if Compatible(a, b) {
				compat[i*n+j], compat[j*n+i] = true, true
				pairs = append(pairs, pair{i, j, similarity(a, b)})
			}
		}
	}
	sort.Slice(pairs, func(x, y int) bool {
		p, q := pairs[x], pairs[y]
		if p.score != q.score {
			return p.score > q.score
		}
		if p.a != q.a {
			return p.a < q.a
		}
		return p.b < q.b
	})
	group := make([]int, n) // rank → group id (the rank of its first member)
	members := make(map[int][]int, n)
	for i := range group {
		group[i] = i
		members[i] = []int{i}
	}
	for _, p := range pairs {
		ga, gb := group[p.a], group[p.b]
		if ga == gb {
			continue
		}
		ok := true
		for _, x := range members[ga] {
			for _, y := range members[gb] {
				if !compat[x*n+y] {
					ok = false
					break
				}
			}
			if !ok {
				break
			}
		}
		if !ok {
			continue
		}
		if gb < ga {
			ga, gb = gb, ga
		}
		for _, y := range members[gb] {
			group[y] = ga
		}
		members[ga] = append(members[ga], members[gb]...)
		delete(members, gb)
	}
	var out [][]int
	for r := 0; r < n; r++ {
		ms, ok := members[r]
		if !ok {
			continue
		}
		sort.Ints(ms)
		g := make([]int, len(ms))
		for i, m := range ms {
			g[i] = order[m]
		}
		out = append(out, g)
	}
	return out
}
