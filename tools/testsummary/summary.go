package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
)

// event is one line of `go test -json` (cmd/test2json), build events included.
type event struct {
	Action      string
	Package     string
	Test        string
	Elapsed     float64
	Output      string
	ImportPath  string
	FailedBuild string
}

// Counts are the totals of a run. Failed counts failed tests plus packages that failed
// outside any test (a build error, a panic in TestMain, a timeout).
type Counts struct {
	Passed, Failed, Skipped int
}

// skipGroup is the skipped tests that gave the same reason.
type skipGroup struct {
	reason   string
	tests    int
	packages map[string]bool
	example  string
}

// summarizer turns the event stream into readable lines: package results as they end,
// a failing test's own output, and at the end one line per group of skipped tests.
type summarizer struct {
	w          io.Writer
	tests      map[string][]string // package + " " + test → its output lines
	pkgOutput  map[string][]string
	buildOut   map[string][]string
	failedPkg  map[string]bool // a test failed in it
	buildFails map[string]bool
	skips      map[string]*skipGroup
	counts     Counts
}

func newSummarizer(w io.Writer) *summarizer {
	return &summarizer{w: w, tests: map[string][]string{}, pkgOutput: map[string][]string{},
		buildOut: map[string][]string{}, failedPkg: map[string]bool{}, buildFails: map[string]bool{},
		skips: map[string]*skipGroup{}}
}

// Summarize reads `go test -json` output from r, writes the readable report to w and
// returns the counts. Lines that are not JSON events are copied through. end, when not
// nil, runs after the stream ends and before the closing line, and may adjust the counts.
func Summarize(r io.Reader, w io.Writer, end func(*Counts)) (Counts, error) {
	s := newSummarizer(w)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var ev event
		if len(line) == 0 || line[0] != '{' || json.Unmarshal(line, &ev) != nil {
			fmt.Fprintln(w, string(line))
			continue
		}
		s.handle(ev)
	}
	if err := sc.Err(); err != nil {
		return s.counts, err
	}
	if end != nil {
		end(&s.counts)
	}
	s.finish()
	return s.counts, nil
}

func (s *summarizer) handle(ev event) {
	key := ev.Package + " " + ev.Test
	switch ev.Action {
	case "build-output":
		s.buildOut[ev.ImportPath] = append(s.buildOut[ev.ImportPath], ev.Output)
	case "build-fail":
		s.buildFails[ev.ImportPath] = true
		fmt.Fprintf(s.w, "BUILD FAILED %s\n", ev.ImportPath)
		for _, l := range s.buildOut[ev.ImportPath] {
			fmt.Fprint(s.w, "    ", l)
		}
		delete(s.buildOut, ev.ImportPath)
	case "output":
		if ev.Test != "" {
			s.tests[key] = append(s.tests[key], ev.Output)
		} else {
			s.pkgOutput[ev.Package] = append(s.pkgOutput[ev.Package], ev.Output)
		}
	case "pass", "skip", "fail":
		if ev.Test != "" {
			s.testDone(ev, s.tests[key])
			delete(s.tests, key)
		} else {
			s.packageDone(ev)
		}
	}
}

func (s *summarizer) testDone(ev event, lines []string) {
	switch ev.Action {
	case "pass":
		s.counts.Passed++
	case "skip":
		s.counts.Skipped++
		reason := skipReason(lines)
		g := s.skips[reason]
		if g == nil {
			g = &skipGroup{reason: reason, packages: map[string]bool{}, example: ev.Test}
			s.skips[reason] = g
		}
		g.tests++
		g.packages[ev.Package] = true
	case "fail":
		s.counts.Failed++
		s.failedPkg[ev.Package] = true
		fmt.Fprintf(s.w, "--- FAIL: %s %s (%.2fs)\n", ev.Package, ev.Test, ev.Elapsed)
		for _, l := range lines {
			if framing(l) {
				continue
			}
			fmt.Fprint(s.w, l)
		}
	}
}

func (s *summarizer) packageDone(ev event) {
	out := s.pkgOutput[ev.Package]
	delete(s.pkgOutput, ev.Package)
	switch ev.Action {
	case "pass":
		fmt.Fprintf(s.w, "ok    %s (%.1fs)\n", ev.Package, ev.Elapsed)
	case "skip": // no test files
	case "fail":
		fmt.Fprintf(s.w, "FAIL  %s\n", ev.Package)
		if s.failedPkg[ev.Package] {
			return // the failing tests' output is printed already
		}
		// The package failed outside any test: show what it printed.
		s.counts.Failed++
		if ev.FailedBuild != "" || s.buildFails[ev.Package] {
			return // the build output is printed already
		}
		for _, l := range out {
			if l == "FAIL\n" || strings.HasPrefix(l, "FAIL\t") {
				continue
			}
			fmt.Fprint(s.w, "    ", l)
		}
	}
}

// finish reports tests that never ended (the stream stopped early) and the skips.
func (s *summarizer) finish() {
	unfinished := make([]string, 0, len(s.tests))
	for key := range s.tests {
		unfinished = append(unfinished, key)
	}
	sort.Strings(unfinished)
	for _, key := range unfinished {
		fmt.Fprintf(s.w, "--- UNFINISHED: %s\n", key)
		for _, l := range s.tests[key] {
			if !framing(l) {
				fmt.Fprint(s.w, l)
			}
		}
	}

	groups := make([]*skipGroup, 0, len(s.skips))
	for _, g := range s.skips {
		groups = append(groups, g)
	}
	sort.Slice(groups, func(i, j int) bool {
		if groups[i].tests != groups[j].tests {
			return groups[i].tests > groups[j].tests
		}
		return groups[i].reason < groups[j].reason
	})
	if len(groups) > 0 {
		fmt.Fprintf(s.w, "\nSkipped tests, by reason:\n")
	}
	for _, g := range groups {
		pkgs := make([]string, 0, len(g.packages))
		for p := range g.packages {
			pkgs = append(pkgs, p)
		}
		sort.Strings(pkgs)
		noun := "tests"
		if g.tests == 1 {
			noun = "test"
		}
		fmt.Fprintf(s.w, "SKIP  %d %s in %s (e.g. %s): %s\n", g.tests, noun, strings.Join(pkgs, ", "), g.example, g.reason)
	}
	fmt.Fprintf(s.w, "\n%d passed, %d failed, %d skipped\n", s.counts.Passed, s.counts.Failed, s.counts.Skipped)
}

// logLine is a t.Log/t.Skip line: "    file_test.go:12: message".
var logLine = regexp.MustCompile(`^\s+\S+\.go:\d+: (.*)$`)

// skipReason is the first line of the last message a skipped test logged (t.Skip's).
func skipReason(lines []string) string {
	for i := len(lines) - 1; i >= 0; i-- {
		if m := logLine.FindStringSubmatch(strings.TrimRight(lines[i], "\n")); m != nil {
			return m[1]
		}
	}
	return "no reason given"
}

// framing reports the lines go test writes around a test's own output ("=== RUN",
// "--- FAIL: …"); the summary writes its own header instead.
func framing(l string) bool {
	t := strings.TrimLeft(l, " ")
	for _, p := range []string{"=== RUN", "=== PAUSE", "=== CONT", "=== NAME", "--- PASS:", "--- FAIL:", "--- SKIP:"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}
