package sqlite_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
	"github.com/sitrep/sitrep/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// TestReopen checks that a database keeps its rows and its schema version
// across processes: opening it again migrates nothing and reads the same.
func TestReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "test.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	d := storetest.Doc("d1", "A", "2019-05-02", "Warplanes struck Idlib.")
	if _, err := s.Put(ctx, d, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopening: %v", err)
	}
	defer s.Close()
	if r, err := s.Put(ctx, d, nil); err != nil || r.Status != store.Duplicate {
		t.Errorf("Put after reopening = %+v, %v; want a duplicate", r, err)
	}
	var n int
	if err := s.DB().QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n != 1 {
		t.Errorf("schema_migrations has %d rows (%v), want 1", n, err)
	}
	// A schema written by a newer sitrep is refused, not used blindly.
	if _, err := s.DB().Exec(`INSERT INTO schema_migrations (version, name) VALUES (99, '0099_future.sql')`); err != nil {
		t.Fatal(err)
	}
	if s2, err := sqlite.Open(ctx, path); err == nil || !strings.Contains(err.Error(), "newer sitrep") {
		if s2 != nil {
			s2.Close()
		}
		t.Errorf("opening a newer schema: %v, want an error", err)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	for _, path := range []string{"", "a?b.db", filepath.Join(t.TempDir(), "missing", "dir", "x.db")} {
		if s, err := sqlite.Open(ctx, path); err == nil {
			s.Close()
			t.Errorf("Open(%q) gave no error", path)
		}
	}
}
