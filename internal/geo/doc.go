// Package geo is sitrep's gazetteer and geocoder: it finds place names in
// French and English news text and resolves each to a point, with a
// precision and a role.
//
// The gazetteer is GeoNames cities500 (every populated place of at least
// 500 people, with its alternate names), the first-level regions and the
// countries of the world, compiled offline by `go generate` into
// data/index.bin (see README.md), plus the hand-kept data/extra.tsv for
// what those lack: seas and rivers, airbases, dams, border crossings,
// villages cities500 lacks, areas that are not first-level regions, and the
// press's spellings the index lacks or reads as another place first. A
// hand-kept row never only repeats the index. The index is embedded and
// read in place: loading it parses no text.
//
// Names are matched on folded keys: lower case, accents and apostrophes
// dropped, hyphens and spaces ignored, Arabic articles (al-, el-, ad-, ar-,
// as-, az-, ez- …) left out, Abu/Abou/Albu/Bou read as one, "ou" as "u",
// "ch" as "sh", "dj" as "j", doubled letters single, Arabic-script letter
// variants normalised. So "al-Boukamal", "Abou Kamal", "Albu Kamal" and
// "Abu Kamal" are one key, and so are "Raqqa" and "Raqa".
//
// Find scans a text's token windows of one to four words, longest first,
// with one hash look-up each; it keeps a name only when its capitals, the
// stop-word list and its context allow (see [Gazetteer.Find]), chooses
// among the candidates with the article's countries, regions, adjectives
// and other places, and reads the words around each name for its
// precision ("près de", "north of" → 2; "la province de", "X province" →
// the region, 3) and role (launch area, overflown country, dateline, or
// title: part of an office's title, "le maire de Kiev", "Donetsk regional
// governor", or a capital standing for its government, "Moscou affirme",
// "Kyiv denied").
//
// The word lists that drive this are data files: data/cues.tsv (context
// words), data/demonyms.tsv (adjectives → countries) and data/stopwords.tsv.
package geo
