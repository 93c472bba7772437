// Package sitrep turns news reports about armed conflict into structured,
// geocoded, source-attributed event records.
//
// An Extractor runs the pipeline on one Document at a time:
//
//  1. check the input (UTF-8, not binary, not empty, not too large);
//  2. text: tokens with byte spans, sentences, quotes, the language when
//     the document does not say it (internal/text);
//  3. lexicons: the language's actors, triggers, weapons, attribution cues,
//     sources, numbers, dates and targets, loaded once from data files
//     (internal/lexicon, lexicons/);
//  4. places: the gazetteer finds and resolves place names (internal/geo);
//  5. events: frames per clause, attribution, merging across sentences,
//     types, dates and actors decided (internal/extract).
//
// Every field of every record points at the words it came from: Text
// fields hold them and Evidence holds the byte spans of the sentences.
// The output is deterministic: the same input gives the same bytes.
package sitrep

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep/event"
	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/geo"
	"github.com/sitrep/sitrep/internal/lexicon"
	"github.com/sitrep/sitrep/internal/text"
	"github.com/sitrep/sitrep/internal/when"
	"github.com/sitrep/sitrep/lexicons"
)

// The record types, defined in package event.
type (
	// Document is one article to extract events from.
	Document = event.Document
	// Event is one event record (EVENTS.md).
	Event = event.Event
	// Actor is who acted, or on whom.
	Actor = event.Actor
	// Place is where an event happened.
	Place = event.Place
	// Source is who reports an event.
	Source = event.Source
	// Span is a byte range [Start, End) into a document's text.
	Span = event.Span
)

// MaxDocumentBytes is the largest article Extract accepts by default.
const MaxDocumentBytes = 8 << 20

// Errors about a document's input. Extract wraps them with detail.
var (
	ErrEmpty           = errors.New("empty document")
	ErrInvalidUTF8     = errors.New("not valid UTF-8 text")
	ErrBinary          = errors.New("binary data, not text")
	ErrTooLarge        = errors.New("document too large")
	ErrUnknownLanguage = errors.New("language not recognised")
	ErrBadDate         = errors.New("bad publication date")
)

// Options configures an Extractor. The zero value uses the embedded
// lexicons and gazetteer.
type Options struct {
	// Lexicons is a folder with one sub-folder per language and common/;
	// nil means the copy embedded in the binary.
	Lexicons fs.FS
	// Gazetteer resolves place names; nil means geo.Default().
	Gazetteer *geo.Gazetteer
	// MaxBytes caps a document's size; 0 means MaxDocumentBytes.
	MaxBytes int
}

// Extractor extracts events from documents. It is safe for concurrent use.
type Extractor struct {
	lex      map[string]*lexicon.Lexicon
	langs    []string
	gaz      *geo.Gazetteer
	maxBytes int
}

// New loads the lexicons of every language folder and the gazetteer.
func New(opt Options) (*Extractor, error) {
	fsys := opt.Lexicons
	if fsys == nil {
		fsys = lexicons.FS
	}
	x := &Extractor{lex: map[string]*lexicon.Lexicon{}, gaz: opt.Gazetteer, maxBytes: opt.MaxBytes}
	if x.maxBytes <= 0 {
		x.maxBytes = MaxDocumentBytes
	}
	dirs, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("reading lexicons: %w", err)
	}
	var errs []error
	for _, d := range dirs {
		if !d.IsDir() || d.Name() == "common" || strings.HasPrefix(d.Name(), ".") {
			continue
		}
		l, err := lexicon.Load(fsys, d.Name())
		if err != nil {
			errs = append(errs, err)
			continue
		}
		x.lex[d.Name()] = l
		x.langs = append(x.langs, d.Name())
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("loading lexicons:\n%w", err)
	}
	if len(x.langs) == 0 {
		return nil, errors.New("loading lexicons: no language folder")
	}
	sort.Strings(x.langs)
	if x.gaz == nil {
		g, err := geo.Default()
		if err != nil {
			return nil, fmt.Errorf("loading gazetteer: %w", err)
		}
		x.gaz = g
	}
	return x, nil
}

// Languages lists the languages the Extractor has lexicons for.
func (x *Extractor) Languages() []string { return append([]string(nil), x.langs...) }

// Gazetteer returns the gazetteer the Extractor resolves places with.
func (x *Extractor) Gazetteer() *geo.Gazetteer { return x.gaz }

// Check reports why a text cannot be a document, or nil.
func Check(b []byte, max int) error {
	if len(b) == 0 || strings.TrimSpace(string(b)) == "" {
		return ErrEmpty
	}
	if max > 0 && len(b) > max {
		return fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(b), max)
	}
	probe := b
	if len(probe) > 8192 {
		probe = probe[:8192]
	}
	ctrl := 0
	for _, c := range probe {
		if c == 0 {
			return fmt.Errorf("%w (NUL byte)", ErrBinary)
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctrl++
		}
	}
	if ctrl*20 > len(probe) {
		return fmt.Errorf("%w (%d control bytes in the first %d)", ErrBinary, ctrl, len(probe))
	}
	if !utf8.Valid(b) {
		off := 0
		for off < len(b) {
			r, size := utf8.DecodeRune(b[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		return fmt.Errorf("%w (first bad byte at offset %d)", ErrInvalidUTF8, off)
	}
	return nil
}

// ContentID is the id of a document that has none: a hash of its text.
func ContentID(textBody string) string {
	h := sha256.Sum256([]byte(textBody))
	return hex.EncodeToString(h[:8])
}

// Extract returns the events of doc. doc.ID defaults to ContentID of the
// text, doc.Lang to the detected language. An error says what is wrong
// with the input; no partial result comes with it.
func (x *Extractor) Extract(doc Document) ([]Event, error) { return x.extract(doc, nil) }

// Explain extracts like Extract and writes a readable trace of the frames
// built and merged to w.
func (x *Extractor) Explain(doc Document, w io.Writer) ([]Event, error) { return x.extract(doc, w) }

func (x *Extractor) extract(doc Document, trace io.Writer) ([]Event, error) {
	if err := Check([]byte(doc.Text), x.maxBytes); err != nil {
		return nil, err
	}
	lang := doc.Lang
	if lang == "" {
		lang = text.DetectLang(doc.Text)
		if lang == "unknown" {
			lang = x.guessLang(doc.Text)
		}
	}
	lex, ok := x.lex[lang]
	if !ok {
		if doc.Lang == "" {
			return nil, fmt.Errorf("%w: detected %q; give the language (one of %s)", ErrUnknownLanguage, lang, strings.Join(x.langs, ", "))
		}
		return nil, fmt.Errorf("%w: %q has no lexicons (have %s)", ErrUnknownLanguage, lang, strings.Join(x.langs, ", "))
	}
	pub, err := when.ParsePublished(doc.Published)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadDate, err)
	}
	id := doc.ID
	if id == "" {
		id = ContentID(doc.Text)
	}
	td := text.Analyze(doc.Text, lang)
	evs := extract.Events(extract.Input{
		DocID:     id,
		Doc:       td,
		Lex:       lex,
		Places:    places(x.gaz.Find(doc.Text, lang)),
		Published: pub,
		Trace:     trace,
	})
	return evs, nil
}

// places reduces the geocoder's mentions to what extraction reads.
func places(ms []geo.Mention) []extract.Place {
	out := make([]extract.Place, 0, len(ms))
	for _, m := range ms {
		out = append(out, extract.Place{
			Start: m.Start, End: m.End, PhraseStart: m.PhraseStart,
			Role: m.Role.String(),
			Place: event.Place{
				Name: m.Place.Name, GeonameID: m.Place.GeonameID,
				Lat: round4(m.Place.Lat), Lon: round4(m.Place.Lon),
				Admin1: m.Place.Admin1, Country: m.Place.Country,
				Precision: m.Precision,
			},
		})
	}
	return out
}

func round4(f float64) float64 {
	if f < 0 {
		return -float64(int64(-f*1e4+0.5)) / 1e4
	}
	return float64(int64(f*1e4+0.5)) / 1e4
}

// guessLang is the fallback when function words cannot tell the language
// of a short text: the language whose lexicons match the most of its
// tokens, or "unknown" when none matches or two tie.
func (x *Extractor) guessLang(body string) string {
	toks := text.Tokenize(body)
	best, bestN, tie := "unknown", 0, false
	for _, lang := range x.langs {
		n := 0
		for _, m := range x.lex[lang].Match(toks) {
			n += m.Last - m.First
		}
		switch {
		case n > bestN:
			best, bestN, tie = lang, n, false
		case n == bestN && n > 0:
			tie = true
		}
	}
	if tie {
		return "unknown"
	}
	return best
}
