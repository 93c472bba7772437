-- sitrep schema, version 1 (SQLite). Keys are content hashes and the
-- extractor's stable ids; see internal/store for what each table holds.

CREATE TABLE documents (
	id        TEXT PRIMARY KEY,          -- given id, or a hash of the text
	hash      TEXT NOT NULL UNIQUE,      -- hex SHA-256 of text
	minhash   TEXT NOT NULL DEFAULT '',  -- MinHash sketch of the word shingles, hex; '' = too short
	lang      TEXT NOT NULL DEFAULT '',
	published TEXT NOT NULL DEFAULT '',
	source    TEXT NOT NULL DEFAULT '',  -- the outlet
	url       TEXT NOT NULL DEFAULT '',
	title     TEXT NOT NULL DEFAULT '',
	text      TEXT NOT NULL,
	bytes     INTEGER NOT NULL
);

-- The bands of each document's MinHash sketch: documents sharing a band are
-- compared for near-duplication.
CREATE TABLE document_bands (
	band   INTEGER NOT NULL,
	value  INTEGER NOT NULL,
	doc_id TEXT NOT NULL REFERENCES documents (id),
	PRIMARY KEY (band, value, doc_id)
);

-- Full-text index over the folded title and text (lower case, no accents),
-- keyed by the documents' rowid; it stores no copy of the text.
CREATE VIRTUAL TABLE documents_fts USING fts5 (body, content = '', tokenize = 'unicode61 remove_diacritics 2');

-- Every address a document was seen at, its duplicates' included.
CREATE TABLE document_urls (
	url    TEXT NOT NULL,
	doc_id TEXT NOT NULL REFERENCES documents (id),
	PRIMARY KEY (url, doc_id)
);
CREATE INDEX document_urls_doc ON document_urls (doc_id);

-- Ids of duplicates folded into a stored document.
CREATE TABLE document_aliases (
	alias  TEXT PRIMARY KEY,
	doc_id TEXT NOT NULL REFERENCES documents (id),
	kind   TEXT NOT NULL,                -- exact or near
	hash   TEXT NOT NULL                 -- SHA-256 of the duplicate's own text
);
CREATE INDEX document_aliases_doc ON document_aliases (doc_id);

-- Outlets and reporting sources, keyed by the folded name.
CREATE TABLE sources (
	id      TEXT PRIMARY KEY,
	name    TEXT NOT NULL,
	kind    TEXT NOT NULL DEFAULT '',
	country TEXT NOT NULL DEFAULT ''
);

-- Fused events: one per real event.
CREATE TABLE events (
	id           TEXT PRIMARY KEY,       -- the smallest id of its mentions
	type         TEXT NOT NULL,
	event_type   TEXT NOT NULL,
	date         TEXT,                   -- YYYY-MM-DD, NULL when unknown
	date_lo      INTEGER,                -- days since 1970-01-01 the date covers
	date_hi      INTEGER,
	lat          REAL,
	lon          REAL,
	country      TEXT NOT NULL DEFAULT '',
	actor1       TEXT NOT NULL DEFAULT '',
	actor2       TEXT NOT NULL DEFAULT '',
	num_articles INTEGER NOT NULL,
	record       TEXT NOT NULL           -- the fused record, JSON
);
CREATE INDEX events_date ON events (date_lo);
CREATE INDEX events_country ON events (country);

-- One article's record of an event: its own values and evidence.
CREATE TABLE mentions (
	id            TEXT PRIMARY KEY,      -- the extractor's stable id
	doc_id        TEXT NOT NULL REFERENCES documents (id),
	event_id      TEXT NOT NULL,         -- the fused event it belongs to
	event_type    TEXT NOT NULL,
	type          TEXT NOT NULL,
	fusable       INTEGER NOT NULL,      -- 1 when it has a date or a place
	date_lo       INTEGER,
	date_hi       INTEGER,
	lat           REAL,
	lon           REAL,
	geo_precision INTEGER,
	country       TEXT NOT NULL DEFAULT '',
	admin1        TEXT NOT NULL DEFAULT '',
	place         TEXT NOT NULL DEFAULT '',
	actor1        TEXT NOT NULL DEFAULT '',
	actor2        TEXT NOT NULL DEFAULT '',
	record        TEXT NOT NULL          -- the extractor's record, JSON
);
CREATE INDEX mentions_event ON mentions (event_id);
CREATE INDEX mentions_doc ON mentions (doc_id);
CREATE INDEX mentions_date ON mentions (event_type, fusable, date_lo);
CREATE INDEX mentions_place ON mentions (event_type, fusable, lat);

CREATE TABLE event_sources (
	event_id  TEXT NOT NULL,
	source_id TEXT NOT NULL REFERENCES sources (id),
	PRIMARY KEY (event_id, source_id)
);
CREATE INDEX event_sources_source ON event_sources (source_id);
