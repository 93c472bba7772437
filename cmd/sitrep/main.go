// Command sitrep turns news reports about armed conflict into structured,
// geocoded, source-attributed event records. Run `sitrep help` for the
// subcommands.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// env is what a subcommand may touch: its streams. Nothing global.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one subcommand: it returns the process exit code.
type command struct {
	summary string
	run     func(e *env, args []string) int
}

func commands() map[string]command {
	return map[string]command{
		"extract": {"extract events from articles (JSONL or a table)", cmdExtract},
		"eval":    {"score extraction against NAME.txt + NAME.gold.json pairs", cmdEval},
		"bench":   {"measure extraction speed against a tokenizing baseline", cmdBench},
		"geocode": {"geocode place names (one JSON line per name)", cmdGeocode},
		"places":  {"list the place mentions of texts (one JSON line per mention)", cmdPlaces},
		"ingest":  {"store articles, pages and feeds and their events, fused across articles", cmdIngest},
		"query":   {"print stored events with their mentions and sources (JSONL or a table)", cmdQuery},
		"serve":   {"serve the stored events: a web map and a JSON API", cmdServe},
		"export":  {"write stored events as JSONL, GeoJSON, ACLED CSV or GDELT TSV", cmdExport},
		"demo":    {"ingest the embedded demo corpus into a temporary database and serve it", cmdDemo},
	}
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	cmds := commands()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(e.stdout, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "sitrep: unknown command %q (run 'sitrep help')\n", args[0])
		return 2
	}
	return c.run(e, args[1:])
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "usage: sitrep COMMAND [flags] [args]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'sitrep COMMAND -h' for a command's flags.")
}

// newFlags makes a subcommand's flag set; errors and the usage line go to
// stderr.
func newFlags(e *env, name, usage string) *flag.FlagSet {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	fl.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: "+usage)
		fl.PrintDefaults()
	}
	return fl
}

// positional parses the flags and returns the positional arguments; false
// means the command must exit 2 (a bad flag, or no argument: usage printed).
func positional(fl *flag.FlagSet, args []string) ([]string, bool) {
	pos, err := parseFlags(fl, args)
	if err != nil {
		return nil, false
	}
	if len(pos) == 0 {
		fl.Usage()
		return nil, false
	}
	return pos, true
}

// parseFlags parses args allowing flags after positional arguments
// ("sitrep extract a.txt --lang fr"), as people type them. "--" ends
// flag parsing. It returns the positional arguments.
func parseFlags(fl *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fl.Parse(args); err != nil {
			return nil, err
		}
		rest := fl.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
