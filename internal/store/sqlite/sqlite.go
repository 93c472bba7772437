// Package sqlite is sitrep's embedded store: one SQLite file (by default
// ./sitrep.db), through modernc.org/sqlite, a pure-Go SQLite, so the binary
// needs no C toolchain and no server.
//
// Open creates the file when it is missing and applies the migrations in
// migrations/ it has not applied yet. The database runs in WAL mode with
// synchronous=NORMAL: a committed document survives the process being
// killed. Writers take the file's write lock at the start of their
// transaction (BEGIN IMMEDIATE) and wait up to BusyTimeout for it, so
// several processes may ingest into one file; readers never wait.
// Full-text search uses SQLite's FTS5 over the folded text (lower case,
// accents removed, unicode61 tokenizer).
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/sitrep/sitrep/internal/store/sqlstore"
)

// DefaultPath is where the CLI keeps its database when --db is not given.
const DefaultPath = "sitrep.db"

// BusyTimeout is how long a writer waits for another's write lock.
const BusyTimeout = 30 * time.Second

//go:embed migrations/*.sql
var migrations embed.FS

// Open opens (creating it if needed) the SQLite database at path and
// brings its schema up to date.
func Open(ctx context.Context, path string) (*sqlstore.Store, error) {
	if path == "" {
		return nil, fmt.Errorf("sqlite: no database path")
	}
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("sqlite: %s: a database path may not contain '?' or '#'", path)
	}
	dsn := fmt.Sprintf("file:%s?_txlock=immediate&_pragma=busy_timeout(%d)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)",
		path, BusyTimeout.Milliseconds())
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: opening %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: opening %s: %w", path, err)
	}
	if err := sqlstore.Migrate(ctx, db, Dialect{}); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	return sqlstore.New(db, Dialect{}), nil
}

// Dialect is SQLite's sqlstore.Dialect.
type Dialect struct{}

var _ sqlstore.Dialect = Dialect{}

// Name implements sqlstore.Dialect.
func (Dialect) Name() string { return "sqlite" }

// Rebind implements sqlstore.Dialect: SQLite takes "?" as it is.
func (Dialect) Rebind(q string) string { return q }

// LockWriters implements sqlstore.Dialect: the transaction began with
// BEGIN IMMEDIATE and already holds the write lock.
func (Dialect) LockWriters(context.Context, *sql.Tx) error { return nil }

// IndexDocument implements sqlstore.Dialect.
func (Dialect) IndexDocument(ctx context.Context, tx *sql.Tx, id, folded string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO documents_fts (rowid, body) SELECT rowid, ? FROM documents WHERE id = ?`, folded, id)
	return err
}

// MatchDocs implements sqlstore.Dialect.
func (Dialect) MatchDocs() string {
	return `SELECT id FROM documents WHERE rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)`
}

// MatchArg implements sqlstore.Dialect: each word quoted, all required.
func (Dialect) MatchArg(words []string) string {
	var b strings.Builder
	for _, w := range words {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(`"` + strings.ReplaceAll(w, `"`, `""`) + `"`)
	}
	return b.String()
}

// Migrations implements sqlstore.Dialect.
func (Dialect) Migrations() fs.FS {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		panic(err) // the embedded folder exists: a build error otherwise
	}
	return sub
}
