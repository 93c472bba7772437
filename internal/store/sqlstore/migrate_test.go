package sqlstore

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestMigrations(t *testing.T) {
	for _, c := range []struct {
		name  string
		files fstest.MapFS
		want  string // error text, or the versions in order
	}{
		{"ordered", fstest.MapFS{"0002_b.sql": {Data: []byte("B")}, "0001_a.sql": {Data: []byte("A")}, "README": {}}, "1 2"},
		{"no version", fstest.MapFS{"init.sql": {}}, "name must be NNNN_name.sql"},
		{"zero", fstest.MapFS{"0000_x.sql": {}}, "name must be NNNN_name.sql"},
		{"twice", fstest.MapFS{"0001_a.sql": {}, "01_b.sql": {}}, "already used"},
	} {
		ms, err := Migrations(c.files)
		got := ""
		if err != nil {
			got = err.Error()
		} else {
			var vs []string
			for _, m := range ms {
				vs = append(vs, strings.TrimLeft(m.Name[:4], "0"))
			}
			got = strings.Join(vs, " ")
		}
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestWindows(t *testing.T) {
	// Mentions far apart are queried by cell; a window inside another
	// asked before needs no query.
	a := window{eventType: "battles", dated: true, lo: 10, hi: 12, placed: true, minLat: 1, maxLat: 3, minLon: 1, maxLon: 3, countries: []string{"SY"}}
	inner := a
	inner.lo, inner.minLat, inner.countries = 11, 2, []string{"SY"}
	wider := a
	wider.hi = 13
	other := a
	other.countries = []string{"IQ"}
	for _, c := range []struct {
		w    window
		want bool
	}{{a, true}, {inner, true}, {wider, false}, {other, false}} {
		if got := covered([]window{a}, c.w); got != c.want {
			t.Errorf("covered(%+v) = %v, want %v", c.w, got, c.want)
		}
	}
}
