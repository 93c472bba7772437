package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/store"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// loadEvents reads the fixture: five fused events (a strike told by two
// articles, a takeover, a shelling by a foreign army, a riot, an undated
// protest with no place).
func loadEvents(t *testing.T) []store.Event {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "events.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var evs []store.Event
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var ev store.Event
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatal(err)
		}
		evs = append(evs, ev)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return evs
}

func TestGolden(t *testing.T) {
	evs := loadEvents(t)
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, format, evs); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden."+Extension(format))
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got := buf.String(); got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := 0; i < len(gl) || i < len(wl); i++ {
					var g, w string
					if i < len(gl) {
						g = gl[i]
					}
					if i < len(wl) {
						w = wl[i]
					}
					if g != w {
						t.Fatalf("%s differs from the golden file at line %d:\n got: %s\nwant: %s\n(run go test -update after an intended change)", format, i+1, g, w)
					}
				}
			}
		})
	}
}

func TestUnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, "xml", nil)
	if !errors.Is(err, ErrFormat) {
		t.Fatalf("err = %v, want ErrFormat", err)
	}
}

func TestACLEDShape(t *testing.T) {
	evs := loadEvents(t)
	var buf bytes.Buffer
	if err := WriteACLED(&buf, evs); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(evs)+1 {
		t.Fatalf("%d rows, want a header and %d", len(rows), len(evs))
	}
	for i, r := range rows {
		if len(r) != 31 {
			t.Errorf("row %d has %d columns, want 31", i, len(r))
		}
	}
	if strings.Join(rows[0], ",") != strings.Join(ACLEDColumns(), ",") {
		t.Errorf("header = %v", rows[0])
	}
}

func TestGDELTShape(t *testing.T) {
	if n := len(GDELTColumns()); n != 61 {
		t.Fatalf("%d GDELT columns, want 61", n)
	}
	cols := GDELTColumns()
	if cols[0] != "GLOBALEVENTID" || cols[25] != "IsRootEvent" || cols[51] != "ActionGeo_Type" || cols[60] != "SOURCEURL" {
		t.Errorf("columns out of order: %v", cols)
	}
	var buf bytes.Buffer
	if err := WriteGDELT(&buf, loadEvents(t)); err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
		if n := len(strings.Split(line, "\t")); n != 61 {
			t.Errorf("row %d has %d fields, want 61", i, n)
		}
	}
}

func TestGeoJSONOrder(t *testing.T) {
	evs := loadEvents(t)
	var buf bytes.Buffer
	if err := WriteGeoJSON(&buf, evs); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string
		Features []struct {
			Geometry *struct {
				Type        string
				Coordinates []float64
			}
			Properties map[string]any
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != len(evs) {
		t.Fatalf("type %q with %d features", fc.Type, len(fc.Features))
	}
	for i, f := range fc.Features {
		loc := evs[i].Location
		if loc == nil {
			if f.Geometry != nil {
				t.Errorf("feature %d: geometry for an event with no place", i)
			}
			continue
		}
		if f.Geometry == nil || f.Geometry.Coordinates[0] != loc.Lon || f.Geometry.Coordinates[1] != loc.Lat {
			t.Errorf("feature %d: coordinates %v, want [%v %v]", i, f.Geometry, loc.Lon, loc.Lat)
		}
		pl := f.Properties["location"].(map[string]any)
		if _, ok := pl["lat"]; ok {
			t.Errorf("feature %d: properties keep the coordinates", i)
		}
	}
}

func TestInteraction(t *testing.T) {
	for _, tc := range []struct {
		i1, i2 int
		want   string
	}{{1, 2, "12"}, {2, 1, "12"}, {6, 0, "60"}, {0, 7, "70"}, {0, 0, ""}, {8, 8, "88"}} {
		if got := interaction(tc.i1, tc.i2); got != tc.want {
			t.Errorf("interaction(%d, %d) = %q, want %q", tc.i1, tc.i2, got, tc.want)
		}
	}
}

func TestCountryTable(t *testing.T) {
	for _, code := range []string{"SY", "SYR", "ua", "ML"} {
		if _, ok := lookupCountry(code); !ok {
			t.Errorf("%s missing", code)
		}
	}
	seen := map[string]bool{}
	for k, c := range countryTable() {
		if k != c.alpha2 {
			continue
		}
		if seen[c.alpha3] || len(c.alpha3) != 3 || len(c.fips) != 2 || c.name == "" || c.region == "" {
			t.Errorf("bad or duplicate row %+v", c)
		}
		seen[c.alpha3] = true
	}
}
