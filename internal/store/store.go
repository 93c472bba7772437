// Package store defines where sitrep keeps what it ingests: the Store
// interface, the records it holds and the errors it returns. The
// implementations are internal/store/sqlite (embedded, the default:
// ./sitrep.db) and internal/store/postgres (for a team); both run on the
// engine in internal/store/sqlstore, and internal/store/storetest is the
// conformance suite every implementation must pass.
//
// What a store holds, each in its own table:
//
//   - documents: text, metadata, the SHA-256 of the text, a MinHash sketch
//     of its word shingles (banded for look-up), every URL it was seen at,
//     and the ids of the exact and near duplicates folded into it;
//   - mentions: one per event an article tells, with the article's own
//     field values and evidence spans (the extractor's record, unchanged);
//   - events: one per real event, fused from its mentions by the rule of
//     package internal/fuse and recomputed whenever a mention joins;
//   - sources: the outlets and reporting sources of the events.
//
// Keys are content hashes and the extractor's stable ids, never counters,
// so storing the same document twice, or from two writers at once, stores
// it once. Each document is written in one transaction with the events it
// changes: a crash leaves a document either wholly stored or absent.
package store

import (
	"context"
	"errors"

	"github.com/sitrep/sitrep/event"
)

// Errors a Store returns; wrap-aware callers test them with errors.Is.
var (
	// ErrNotFound: no document with that id.
	ErrNotFound = errors.New("not found")
	// ErrConflict: a document id is already stored with another text.
	ErrConflict = errors.New("document id already stored with another text")
	// ErrInvalid: the document or a record in the batch is malformed.
	ErrInvalid = errors.New("invalid input")
)

// Document is a stored article.
type Document struct {
	event.Document
	// Hash is the hex SHA-256 of Text.
	Hash string `json:"hash"`
	// MinHash is the MinHash sketch of Text's word shingles (SketchSize
	// values); nil means the text is too short to judge, and only exact
	// duplicates are found.
	MinHash []uint32 `json:"-"`
	// URLs lists every address the article was seen at, its own and its
	// duplicates', sorted.
	URLs []string `json:"urls,omitempty"`
	// Aliases lists the ids of the duplicates folded into this document.
	Aliases []string `json:"aliases,omitempty"`
}

// Status says what Put did with a document.
type Status int

// The outcomes of Put.
const (
	// New: the document was stored with its events.
	New Status = iota + 1
	// Duplicate: the same text (or the same id with the same text) was
	// already stored; its URLs were added to the stored one.
	Duplicate
	// NearDuplicate: a stored document of the same language and a
	// comparable length has a sketch at least NearSimilarity alike; its
	// URLs were added to that one and its events were not stored.
	NearDuplicate
)

// String names the status as the CLI prints it.
func (s Status) String() string {
	switch s {
	case New:
		return "new"
	case Duplicate:
		return "duplicate"
	case NearDuplicate:
		return "near-duplicate"
	}
	return "unknown"
}

// Result reports what Put and Lookup found or did.
type Result struct {
	Status Status
	// Of is the id of the stored document a duplicate was folded into (the
	// document's own id when it is New).
	Of string
	// EventsNew counts the document's events that are events of their own;
	// EventsFused those that joined an event told by another document.
	EventsNew, EventsFused int
}

// Event is a fused event: the record derived from its mentions, with them.
type Event struct {
	event.Event
	// NumArticles counts the distinct documents that tell the event.
	NumArticles int `json:"num_articles"`
	// Mentions are the articles' own records, sorted by id.
	Mentions []Mention `json:"mentions"`
}

// Mention is one article's record of an event: its own values and
// evidence, and where the article comes from.
type Mention struct {
	event.Event
	Outlet    string `json:"outlet,omitempty"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"`
}

// Filter selects events. The zero Filter selects all of them.
type Filter struct {
	// Types keeps events whose type or event_type is one of these.
	Types []string
	// Actor keeps events with an actor (actor1 or actor2, of any mention)
	// of this id, or under it ("RUS" keeps "RUS.MIL").
	Actor string
	// Country keeps events located in this ISO 3166-1 alpha-2 country.
	Country string
	// BBox keeps located events inside [west, south, east, north].
	BBox *[4]float64
	// Since and Until (YYYY-MM-DD, inclusive) keep events dated within;
	// an undated event is dropped when either is set.
	Since, Until string
	// Text keeps events told by a document matching these words (all of
	// them, in any order, case and accents ignored).
	Text string
	// Limit caps the number of events; 0 means no cap.
	Limit int
}

// Hit is a document matching a full-text search.
type Hit struct {
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"`
	Source    string `json:"source,omitempty"`
}

// Stats counts what a store holds.
type Stats struct {
	Documents int `json:"documents"`
	Aliases   int `json:"aliases"`
	URLs      int `json:"urls"`
	Mentions  int `json:"mentions"`
	Events    int `json:"events"`
	Sources   int `json:"sources"`
}

// Store keeps documents, mentions, fused events and sources. All methods
// are safe for concurrent use, from one process or several.
type Store interface {
	// Lookup tells, without writing, whether doc would be a Duplicate or a
	// NearDuplicate (Result.Of names the stored one), or New. Callers use it
	// to skip extracting an article already stored; Put decides again.
	Lookup(ctx context.Context, doc Document) (Result, error)

	// Put stores a document and the events extracted from it, in one
	// transaction, and fuses each event with those of other documents.
	// doc.ID and doc.Hash must be set. A Duplicate or NearDuplicate is not
	// stored again: its id becomes an alias and its URLs join the stored
	// document's, and events is ignored. Putting the same document again
	// changes nothing. A document id stored with another text is
	// ErrConflict; nothing is written then.
	Put(ctx context.Context, doc Document, events []event.Event) (Result, error)

	// Events returns the fused events f selects, ordered by date (undated
	// last), then id, each with its mentions.
	Events(ctx context.Context, f Filter) ([]Event, error)

	// Document returns a stored document by its id or an alias of it, or
	// ErrNotFound.
	Document(ctx context.Context, id string) (Document, error)

	// Search returns up to limit documents matching the words of q (all of
	// them, case and accents ignored), ordered by id.
	Search(ctx context.Context, q string, limit int) ([]Hit, error)

	// HasURL reports whether a document was stored from this address.
	HasURL(ctx context.Context, url string) (bool, error)

	// Stats counts the rows of each kind.
	Stats(ctx context.Context) (Stats, error)

	// Close releases the store's connections.
	Close() error
}
