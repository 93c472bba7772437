package store

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/fnv"
)

// Near-duplicate detection compares MinHash sketches of the documents'
// word shingles (internal/ingest computes them).
const (
	// SketchSize is the number of values in a sketch.
	SketchSize = 64
	// BandRows is the number of sketch values per band: two documents are
	// compared when they agree on every value of at least one band
	// (SketchSize/BandRows bands). Documents with a Jaccard similarity of
	// 0.8 are compared with a probability above 0.999.
	BandRows = 4
	// NearSimilarity is the share of equal sketch values from which two
	// documents are near-duplicates (an estimate of the Jaccard similarity
	// of their shingles: a 170-word wire story and the same with a byline
	// and a footer score about 0.9, two reports of one event below 0.3).
	NearSimilarity = 0.8
)

// Bands returns the hashes of a sketch's bands; nil for a nil sketch.
func Bands(sketch []uint32) []int64 {
	if len(sketch) != SketchSize {
		return nil
	}
	out := make([]int64, 0, SketchSize/BandRows)
	var b [4]byte
	for i := 0; i < SketchSize; i += BandRows {
		h := fnv.New64a()
		for _, v := range sketch[i : i+BandRows] {
			binary.LittleEndian.PutUint32(b[:], v)
			h.Write(b[:])
		}
		out = append(out, int64(h.Sum64()))
	}
	return out
}

// Similarity is the share of equal values of two sketches (0 when either
// is missing).
func Similarity(a, b []uint32) float64 {
	if len(a) != SketchSize || len(b) != SketchSize {
		return 0
	}
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return float64(n) / SketchSize
}

// EncodeSketch writes a sketch as hex ("" for none), as stores keep it.
func EncodeSketch(s []uint32) string {
	if len(s) == 0 {
		return ""
	}
	b := make([]byte, 4*len(s))
	for i, v := range s {
		binary.BigEndian.PutUint32(b[4*i:], v)
	}
	return hex.EncodeToString(b)
}

// DecodeSketch reads what EncodeSketch wrote.
func DecodeSketch(s string) ([]uint32, error) {
	if s == "" {
		return nil, nil
	}
	b, err := hex.DecodeString(s)
	if err != nil || len(b)%4 != 0 {
		return nil, fmt.Errorf("bad sketch %.16q…", s)
	}
	out := make([]uint32, len(b)/4)
	for i := range out {
		out[i] = binary.BigEndian.Uint32(b[4*i:])
	}
	return out, nil
}
