package server

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestBrowser drives the page in headless Chromium with playwright-core
// (testdata/browser/page.mjs). It needs /usr/bin/chromium (Debian's
// chromium), node, and `npm ci` run in testdata/browser; .ci/run installs
// them. Without them it skips on a laptop and fails in CI (CI=true).
// SITREP_SCREENSHOT=PATH keeps the map's screenshot there (docs/map.png).
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	dir, err := filepath.Abs(filepath.Join("testdata", "browser"))
	if err != nil {
		t.Fatal(err)
	}
	var missing string
	node, err := exec.LookPath("node")
	switch {
	case err != nil:
		missing = "node is not installed"
	case !exists(chromium):
		missing = chromium + " is missing (apt-get install chromium)"
	case !exists(filepath.Join(dir, "node_modules", "playwright-core")):
		missing = "playwright-core is not installed (cd internal/server/testdata/browser && npm ci)"
	}
	if missing != "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("browser test cannot run in CI: %s", missing)
		}
		t.Skipf("browser test skipped: %s", missing)
	}

	ts := newTestServer(t, "")
	shot := os.Getenv("SITREP_SCREENSHOT")
	if shot == "" {
		shot = filepath.Join(t.TempDir(), "map.png")
	} else if shot, err = filepath.Abs(shot); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "page.mjs", ts.URL+"/", shot)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("page test failed: %v", err)
	}
	if !exists(shot) {
		t.Fatalf("no screenshot at %s", shot)
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
