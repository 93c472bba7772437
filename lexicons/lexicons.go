// Package lexicons embeds sitrep's language data: one folder per language
// (fr, en) and common/ for names shared by every language. The file format
// is documented in README.md beside this file; internal/lexicon loads it.
package lexicons

import "embed"

// FS holds the embedded lexicon folders. It is read-only.
//
//go:embed fr en common
var FS embed.FS
