package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"hash/fnv"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/internal/fuse"
	"github.com/sitrep/sitrep/internal/store"
)

// MinShingles is the fewest word shingles a text needs for a MinHash
// sketch: shorter texts are too short to call near-identical, and get none.
const MinShingles = 24

// ShingleWords is the number of words in a shingle.
const ShingleWords = 3

// Hash is the hex SHA-256 of a text: the key exact duplicates share.
func Hash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// Words folds a text (lower case, accents removed) and splits it into
// words of letters and digits.
func Words(text string) []string {
	return strings.FieldsFunc(fuse.Fold(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// MinHash returns the MinHash sketch (store.SketchSize values) of a text's
// overlapping shingles of ShingleWords folded words: the share of equal
// values between two sketches estimates the Jaccard similarity of the two
// sets of shingles, which store.NearSimilarity judges. A text of fewer than
// MinShingles shingles gets nil.
//
// The same text always gives the same sketch: the hash functions are fixed
// (FNV-1a of the shingle, then splitmix64 of it xor a per-slot constant).
func MinHash(text string) []uint32 {
	words := Words(text)
	n := len(words) - ShingleWords + 1
	if n < MinShingles {
		return nil
	}
	sig := make([]uint32, store.SketchSize)
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	seen := make(map[uint64]bool, n)
	h := fnv.New64a()
	for i := 0; i < n; i++ {
		h.Reset()
		for j := 0; j < ShingleWords; j++ {
			h.Write([]byte(words[i+j]))
			h.Write([]byte{0})
		}
		x := h.Sum64()
		if seen[x] {
			continue
		}
		seen[x] = true
		for k := range sig {
			if v := uint32(mix(x^seeds[k]) >> 32); v < sig[k] {
				sig[k] = v
			}
		}
	}
	return sig
}

// seeds are the per-slot constants of MinHash's hash functions.
var seeds = func() [store.SketchSize]uint64 {
	var s [store.SketchSize]uint64
	x := uint64(0x5173_7265_7000_0001)
	for i := range s {
		x = mix(x + 0x9e3779b97f4a7c15)
		s[i] = x
	}
	return s
}()

// mix is the splitmix64 finalizer.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
