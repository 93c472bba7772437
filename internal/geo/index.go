package geo

import (
	_ "embed" // the compiled index
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"unicode/utf8"
)

// embeddedIndex is the compiled GeoNames index built into the binary
// (data/index.bin, written by `go generate`).
//
//go:embed data/index.bin
var embeddedIndex string

// The index format (all integers little-endian), read in place from a
// string without parsing:
//
//	header   32 bytes: "SGZ1", version, places, admin1 names, keys,
//	         postings, blob bytes, cities (the places sorted by geonameid
//	         that come first), each a uint32
//	places   26 bytes each: geonameid u32, lat i32 and lon i32 (1e-5°),
//	         population u32, name (blob offset) u32, admin1 index u16,
//	         country [2]byte, feature u8, unused u8
//	admin1   blob offsets, u32 each (index 0 is "")
//	dir      65537 u32: the first key whose hash has each top-16-bit prefix
//	keys     sorted uint64 FNV-1a hashes of folded name keys
//	postoff  keys+1 u32: key i's postings are posts[postoff[i]:postoff[i+1]]
//	posts    u32 postings: place id in the low 24 bits, flags above
//	blob     strings, each a length byte then the bytes
const (
	indexMagic   = "SGZ1"
	indexVersion = 1
	headerSize   = 32
	placeSize    = 26
	dirSize      = 1<<16 + 1
)

// binIndex reads the compiled index in place.
type binIndex struct {
	s                                       string
	n, nAdmin, nKeys, nPost, nCities        int
	places, admin, dir, keys, postOff, post int // section offsets
	blob                                    int
}

func u32(s string, off int) uint32 {
	_ = s[off+3]
	return uint32(s[off]) | uint32(s[off+1])<<8 | uint32(s[off+2])<<16 | uint32(s[off+3])<<24
}

func u64(s string, off int) uint64 {
	return uint64(u32(s, off)) | uint64(u32(s, off+4))<<32
}

// openIndex checks the header and section sizes of an index.
func openIndex(s string) (*binIndex, error) {
	if len(s) < headerSize || s[:4] != indexMagic {
		return nil, errors.New("not a gazetteer index")
	}
	if v := u32(s, 4); v != indexVersion {
		return nil, fmt.Errorf("index version %d, want %d", v, indexVersion)
	}
	b := &binIndex{s: s, n: int(u32(s, 8)), nAdmin: int(u32(s, 12)), nKeys: int(u32(s, 16)), nPost: int(u32(s, 20)), nCities: int(u32(s, 28))}
	blobLen := int(u32(s, 24))
	b.places = headerSize
	b.admin = b.places + b.n*placeSize
	b.dir = b.admin + 4*b.nAdmin
	b.keys = b.dir + 4*dirSize
	b.postOff = b.keys + 8*b.nKeys
	b.post = b.postOff + 4*(b.nKeys+1)
	b.blob = b.post + 4*b.nPost
	if b.blob+blobLen != len(s) || b.nCities > b.n || b.n > int(pIDMask) {
		return nil, fmt.Errorf("index is %d bytes, its header says %d", len(s), b.blob+blobLen)
	}
	return b, nil
}

func (b *binIndex) str(off uint32) string {
	o := b.blob + int(off)
	n := int(b.s[o])
	return b.s[o+1 : o+1+n]
}

// place decodes place i; its strings share the index's memory.
func (b *binIndex) place(i int32) Place {
	o := b.places + int(i)*placeSize
	s := b.s
	return Place{
		GeonameID:  int(u32(s, o)),
		Lat:        float64(int32(u32(s, o+4))) / 1e5,
		Lon:        float64(int32(u32(s, o+8))) / 1e5,
		Population: int(u32(s, o+12)),
		Name:       b.str(u32(s, o+16)),
		Admin1:     b.str(u32(s, b.admin+4*int(uint16(s[o+20])|uint16(s[o+21])<<8))),
		Country:    s[o+22 : o+24],
		Feature:    Feature(s[o+24]),
	}
}

func (b *binIndex) feature(i int32) Feature { return Feature(b.s[b.places+int(i)*placeSize+24]) }

// lookup appends the postings of key hash h to dst.
func (b *binIndex) lookup(dst []posting, h uint64) []posting {
	top := int(h >> 48)
	lo, hi := int(u32(b.s, b.dir+4*top)), int(u32(b.s, b.dir+4*top+4))
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		k := u64(b.s, b.keys+8*m)
		switch {
		case k == h:
			a, e := int(u32(b.s, b.postOff+4*m)), int(u32(b.s, b.postOff+4*m+4))
			for j := a; j < e; j++ {
				dst = append(dst, posting(u32(b.s, b.post+4*j)))
			}
			return dst
		case k < h:
			lo = m + 1
		default:
			hi = m
		}
	}
	return dst
}

// has reports whether key hash h has a posting for place id.
func (b *binIndex) has(h uint64, id int32) bool {
	var buf [16]posting
	for _, p := range b.lookup(buf[:0], h) {
		if p.id() == id {
			return true
		}
	}
	return false
}

// each calls fn for every region and country of the index.
func (b *binIndex) each(fn func(id int32, f Feature, cc, admin1 string)) {
	for i := b.nCities; i < b.n; i++ {
		f := b.feature(int32(i))
		if f == Region || f == Country {
			p := b.place(int32(i))
			fn(int32(i), f, p.Country, p.Admin1)
		}
	}
}

// byGeonameID finds a city by its GeoNames id.
func (b *binIndex) byGeonameID(id int) (int32, bool) {
	i := sort.Search(b.nCities, func(i int) bool { return int(u32(b.s, b.places+i*placeSize)) >= id })
	if i < b.nCities && int(u32(b.s, b.places+i*placeSize)) == id {
		return int32(i), true
	}
	return 0, false
}

// indexWriter builds an index.
type indexWriter struct {
	places   []Place
	admin    map[string]uint16
	adminL   []string
	keys     map[uint64][]posting
	nPost    int
	nCities  int
	citiesOK bool
}

func newIndexWriter() *indexWriter {
	return &indexWriter{admin: map[string]uint16{"": 0}, adminL: []string{""}, keys: map[uint64][]posting{}, citiesOK: true}
}

func (w *indexWriter) addPlace(p Place) {
	if w.citiesOK && p.GeonameID > 0 && (len(w.places) == 0 || w.places[len(w.places)-1].GeonameID < p.GeonameID) {
		w.nCities++
	} else {
		w.citiesOK = false
	}
	if _, ok := w.admin[p.Admin1]; !ok {
		w.admin[p.Admin1] = uint16(len(w.adminL))
		w.adminL = append(w.adminL, p.Admin1)
	}
	w.places = append(w.places, p)
}

func (w *indexWriter) addKey(h uint64, p posting) {
	w.keys[h] = append(w.keys[h], p)
	w.nPost++
}

// bytes serialises the index.
func (w *indexWriter) bytes() []byte {
	var blob []byte
	strOff := map[string]uint32{}
	str := func(s string) uint32 {
		if len(s) > 255 {
			s = s[:255]
			for !utf8.ValidString(s) {
				s = s[:len(s)-1]
			}
		}
		if o, ok := strOff[s]; ok {
			return o
		}
		o := uint32(len(blob))
		blob = append(blob, byte(len(s)))
		blob = append(blob, s...)
		strOff[s] = o
		return o
	}
	hs := make([]uint64, 0, len(w.keys))
	for h := range w.keys {
		hs = append(hs, h)
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i] < hs[j] })
	le := binary.LittleEndian
	out := make([]byte, headerSize, headerSize+len(w.places)*placeSize)
	copy(out, indexMagic)
	le.PutUint32(out[4:], indexVersion)
	le.PutUint32(out[8:], uint32(len(w.places)))
	le.PutUint32(out[12:], uint32(len(w.adminL)))
	le.PutUint32(out[16:], uint32(len(hs)))
	le.PutUint32(out[20:], uint32(w.nPost))
	le.PutUint32(out[28:], uint32(w.nCities))
	var rec [placeSize]byte
	for _, p := range w.places {
		le.PutUint32(rec[0:], uint32(p.GeonameID))
		le.PutUint32(rec[4:], uint32(roundCoord(p.Lat)))
		le.PutUint32(rec[8:], uint32(roundCoord(p.Lon)))
		le.PutUint32(rec[12:], uint32(p.Population))
		le.PutUint32(rec[16:], str(p.Name))
		le.PutUint16(rec[20:], w.admin[p.Admin1])
		rec[22], rec[23] = ' ', ' '
		copy(rec[22:24], p.Country)
		rec[24] = byte(p.Feature)
		rec[25] = 0
		out = append(out, rec[:]...)
	}
	for _, a := range w.adminL {
		out = le.AppendUint32(out, str(a))
	}
	// Directory by the top 16 bits of the hash.
	j := 0
	for top := 0; top < dirSize; top++ {
		for j < len(hs) && int(hs[j]>>48) < top {
			j++
		}
		out = le.AppendUint32(out, uint32(j))
	}
	for _, h := range hs {
		out = le.AppendUint64(out, h)
	}
	off := 0
	for _, h := range hs {
		out = le.AppendUint32(out, uint32(off))
		off += len(w.keys[h])
	}
	out = le.AppendUint32(out, uint32(off))
	for _, h := range hs {
		for _, p := range w.keys[h] {
			out = le.AppendUint32(out, uint32(p))
		}
	}
	le.PutUint32(out[24:], uint32(len(blob)))
	return append(out, blob...)
}
