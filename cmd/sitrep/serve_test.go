package main

import (
	"bytes"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"
)

func TestDemoCheck(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"demo", "--check", "--addr", "127.0.0.1:0"}, strings.NewReader(""), &out, &errb)
	if code != 0 {
		t.Fatalf("demo --check exited %d: %s%s", code, out.String(), errb.String())
	}
	if !strings.Contains(out.String(), "http://127.0.0.1:") || !strings.Contains(out.String(), "check passed") {
		t.Errorf("output: %s", out.String())
	}
}

func TestExportCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	var out, errb bytes.Buffer
	if code := run([]string{"ingest", "--db", db, "../../demo"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("ingest exited %d: %s", code, errb.String())
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"acled", []string{"--format", "acled", "--country", "UA"}, 0, "event_id_cnty,"},
		{"geojson", []string{"--format", "geojson"}, 0, `{"type":"FeatureCollection"`},
		{"jsonl", []string{"--format", "jsonl", "--type", "battles"}, 0, `{"id":`},
		{"gdelt", []string{"--format", "gdelt"}, 0, ""},
		{"no format", nil, 2, ""},
		{"bad format", []string{"--format", "xml"}, 2, ""},
		{"bad date", []string{"--format", "jsonl", "--since", "March"}, 2, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(append([]string{"export", "--db", db}, tc.args...), strings.NewReader(""), &out, &errb)
			if code != tc.code {
				t.Fatalf("exit %d, want %d: %s", code, tc.code, errb.String())
			}
			if code == 0 && (!strings.HasPrefix(out.String(), tc.want) || out.Len() == 0) {
				t.Errorf("output starts %.60q", out.String())
			}
			if tc.name == "acled" {
				rows, err := csv.NewReader(&out).ReadAll()
				if err != nil || len(rows) < 2 {
					t.Fatalf("%d rows, %v", len(rows), err)
				}
				for _, r := range rows[1:] {
					if r[17] != "Ukraine" {
						t.Errorf("country %q in a --country UA export", r[17])
					}
				}
			}
		})
	}
}
