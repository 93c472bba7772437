// Package sqlstore is the engine both SQL stores run on: the queries, the
// duplicate checks, the fusion of mentions into events and the versioned
// migrations, over database/sql. A backend (internal/store/sqlite,
// internal/store/postgres) supplies a Dialect: its placeholders, how it
// serializes writers, its full-text index and its migration files.
//
// Every Put runs in one transaction that first takes the dialect's writer
// lock, so that duplicate checks and fusion see every committed document
// and no two writers fuse the same events at once.
package sqlstore

import (
	"context"
	"database/sql"
	"io/fs"
)

// Dialect is what differs between SQL backends.
type Dialect interface {
	// Name names the backend in error messages ("sqlite", "postgres").
	Name() string
	// Rebind rewrites the engine's "?" placeholders into the backend's.
	Rebind(query string) string
	// LockWriters serializes writers: it is called first in every writing
	// transaction and holds until the transaction ends.
	LockWriters(ctx context.Context, tx *sql.Tx) error
	// IndexDocument adds a stored document's folded title and text to the
	// full-text index.
	IndexDocument(ctx context.Context, tx *sql.Tx, id, folded string) error
	// MatchDocs is a subquery with one "?" selecting the ids of the
	// documents that match the argument MatchArg builds.
	MatchDocs() string
	// MatchArg turns folded words into the argument of MatchDocs; "" means
	// nothing can match.
	MatchArg(words []string) string
	// Migrations holds the schema files NNNN_name.sql, applied in order.
	Migrations() fs.FS
}
