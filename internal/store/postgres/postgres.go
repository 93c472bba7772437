// Package postgres is sitrep's store for a team: a PostgreSQL database
// reached through pgx (github.com/jackc/pgx/v5, by its database/sql
// adapter), named by a URL such as
// postgres://user@host:5432/sitrep?sslmode=disable.
//
// Open applies the migrations in migrations/ the database has not applied
// yet. Writers serialize on one transaction-scoped advisory lock, so that
// duplicate checks and fusion see every committed document whatever the
// number of writers; readers never wait. Full-text search uses a tsvector
// column with a GIN index, built with the 'simple' configuration over the
// folded text (lower case, accents removed) as the SQLite store does, so
// both match the same documents.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver

	"github.com/sitrep/sitrep/internal/store/sqlstore"
)

// lockKey names sitrep's writer lock among the database's advisory locks.
const lockKey = 0x5157_7265_7000

//go:embed migrations/*.sql
var migrations embed.FS

// IsDSN reports whether s names a PostgreSQL database rather than a file.
func IsDSN(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Open connects to the database dsn names and brings its schema up to
// date.
func Open(ctx context.Context, dsn string) (*sqlstore.Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: opening: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: connecting: %w", err)
	}
	if err := sqlstore.Migrate(ctx, db, Dialect{}); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: %w", err)
	}
	return sqlstore.New(db, Dialect{}), nil
}

// Dialect is PostgreSQL's sqlstore.Dialect.
type Dialect struct{}

var _ sqlstore.Dialect = Dialect{}

// Name implements sqlstore.Dialect.
func (Dialect) Name() string { return "postgres" }

// Rebind implements sqlstore.Dialect: "?" becomes $1, $2, … (the engine's
// queries have no "?" inside literals).
func (Dialect) Rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// LockWriters implements sqlstore.Dialect with an advisory lock released
// at the end of the transaction.
func (Dialect) LockWriters(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(lockKey))
	return err
}

// IndexDocument implements sqlstore.Dialect.
func (Dialect) IndexDocument(ctx context.Context, tx *sql.Tx, id, folded string) error {
	_, err := tx.ExecContext(ctx, `UPDATE documents SET tsv = to_tsvector('simple', $1) WHERE id = $2`, folded, id)
	return err
}

// MatchDocs implements sqlstore.Dialect.
func (Dialect) MatchDocs() string {
	return `SELECT id FROM documents WHERE tsv @@ plainto_tsquery('simple', ?)`
}

// MatchArg implements sqlstore.Dialect: plainto_tsquery requires every word.
func (Dialect) MatchArg(words []string) string { return strings.Join(words, " ") }

// Migrations implements sqlstore.Dialect.
func (Dialect) Migrations() fs.FS {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		panic(err) // the embedded folder exists: a build error otherwise
	}
	return sub
}
