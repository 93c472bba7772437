package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

const article = "Des bombardiers russes ont frappé mercredi des positions de Daech près de Palmyre, selon l'agence Sputnik.\n"

// TestExtractBadInputs: each bad input is named with its reason, the good
// ones are still processed, and the exit code is non-zero at the end.
func TestExtractBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", []byte(article))
	dup := write("dup.txt", []byte(article))
	empty := write("empty.txt", nil)
	binary := write("binary.txt", []byte{0x7f, 'E', 'L', 'F', 0, 1, 2, 3})
	badUTF8 := write("latin1.txt", []byte("Frappe a\xe9rienne sur Idlib.\n"))
	badJSON := write("doc.json", []byte(`{"text": "x", "bogus": 1}`))
	missing := filepath.Join(dir, "missing.txt")

	code, out, errs := runCmd(t, "", "extract", "--lang", "fr", "--published", "2017-11-02", good, dup, empty, binary, badUTF8, badJSON, missing)
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	for _, want := range []string{
		dup + ": duplicate article: same text as " + good,
		empty + ": empty document",
		binary + ": binary data",
		badUTF8 + ": not valid UTF-8 text (first bad byte at offset 8)",
		badJSON + `: reading JSON document: json: unknown field "bogus"`,
		missing + ": open",
		"6 of 7 inputs failed",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) == 0 || lines[0] == "" {
		t.Fatalf("the good file gave no event; stderr:\n%s", errs)
	}
	var ev map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &ev); err != nil {
		t.Fatalf("output is not JSONL: %v", err)
	}
	if ev["type"] != "air_drone_strike" {
		t.Errorf("type %v, want air_drone_strike", ev["type"])
	}
}

func TestExtractStdinAndTable(t *testing.T) {
	code, out, errs := runCmd(t, article, "extract", "-", "--format", "table", "--lang", "fr", "--published", "2017-11-02")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"== -: 1 event(s)", "air_drone_strike", "Military Forces of Russia (RUS.MIL) → Islamic State (group:isis)", "2017-11-01", "sources: Sputnik"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(errs, "\r") {
		t.Error("a progress bar was drawn on a non-terminal")
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"nope"},
		{"extract"},
		{"extract", "--format", "xml", "a.txt"},
		{"extract", "--id", "x", "a.txt", "b.txt"},
		{"eval"},
	} {
		if code, _, _ := runCmd(t, "", args...); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
}

// TestEvalGate checks --min-f1 on the dev corpus: a bar it clears exits 0,
// one it cannot clear exits 1.
func TestEvalGate(t *testing.T) {
	dev := filepath.Join("..", "..", "testdata", "dev")
	if code, out, errs := runCmd(t, "", "eval", "--min-f1", "0.5", dev); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	code, _, errs := runCmd(t, "", "eval", "--min-f1", "1.01", dev)
	if code != 1 || !strings.Contains(errs, "below --min-f1") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}
