package postgres_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/postgres"
	"github.com/sitrep/sitrep/internal/store/storetest"
)

// EnvDSN names the variable that points the tests at a PostgreSQL server,
// such as postgres://postgres@127.0.0.1:5432/test?sslmode=disable. The
// tests skip when it is unset; .ci/run sets it.
const EnvDSN = "SITREP_TEST_POSTGRES"

var schemas atomic.Int64

// fresh returns the DSN of a new, empty schema, dropped when t ends.
func fresh(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv(EnvDSN)
	if dsn == "" {
		t.Skipf("%s is not set: no PostgreSQL to test against", EnvDSN)
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	name := fmt.Sprintf("sitrep_test_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9, schemas.Add(1))
	if _, err := admin.Exec(`CREATE SCHEMA ` + name); err != nil {
		t.Fatalf("creating schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(`DROP SCHEMA ` + name + ` CASCADE`); err != nil {
			t.Errorf("dropping schema %s: %v", name, err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("%s: %v", EnvDSN, err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := postgres.Open(context.Background(), fresh(t))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// TestMigrateConcurrently opens one empty database from several goroutines
// at once: the advisory lock lets one of them migrate and the others see it.
func TestMigrateConcurrently(t *testing.T) {
	dsn := fresh(t)
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		go func() {
			s, err := postgres.Open(context.Background(), dsn)
			if err == nil {
				err = s.Close()
			}
			errs <- err
		}()
	}
	for i := 0; i < 4; i++ {
		if err := <-errs; err != nil {
			t.Errorf("Open: %v", err)
		}
	}
}

func TestRebind(t *testing.T) {
	for in, want := range map[string]string{
		"SELECT 1":                       "SELECT 1",
		"a = ? AND b IN (?, ?)":          "a = $1 AND b IN ($2, $3)",
		"INSERT INTO t VALUES (?, ?, ?)": "INSERT INTO t VALUES ($1, $2, $3)",
	} {
		if got := (postgres.Dialect{}).Rebind(in); got != want {
			t.Errorf("Rebind(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsDSN(t *testing.T) {
	for in, want := range map[string]bool{
		"postgres://u@h/db": true, "postgresql://h/db": true, "sitrep.db": false, "./postgres.db": false,
	} {
		if got := postgres.IsDSN(in); got != want {
			t.Errorf("IsDSN(%q) = %v", in, got)
		}
	}
}
