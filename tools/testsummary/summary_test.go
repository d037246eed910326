package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// stream is go test -json output as Go 1.26 writes it, trimmed to what the summary reads.
const stream = `{"Action":"start","Package":"ex/a"}
{"Action":"run","Package":"ex/a","Test":"TestOK"}
{"Action":"output","Package":"ex/a","Test":"TestOK","Output":"=== RUN   TestOK\n"}
{"Action":"output","Package":"ex/a","Test":"TestOK","Output":"    a_test.go:5: chatter that passing tests hide\n"}
{"Action":"pass","Package":"ex/a","Test":"TestOK","Elapsed":0}
{"Action":"run","Package":"ex/a","Test":"TestBad"}
{"Action":"output","Package":"ex/a","Test":"TestBad","Output":"=== RUN   TestBad\n"}
{"Action":"output","Package":"ex/a","Test":"TestBad","Output":"    a_test.go:9: want 2, got 3\n"}
{"Action":"output","Package":"ex/a","Test":"TestBad","Output":"--- FAIL: TestBad (0.01s)\n"}
{"Action":"fail","Package":"ex/a","Test":"TestBad","Elapsed":0.01}
{"Action":"run","Package":"ex/a","Test":"TestDB"}
{"Action":"output","Package":"ex/a","Test":"TestDB","Output":"    open.go:70: PostgreSQL unreachable at 127.0.0.1:5432\n"}
{"Action":"output","Package":"ex/a","Test":"TestDB","Output":"--- SKIP: TestDB (0.00s)\n"}
{"Action":"skip","Package":"ex/a","Test":"TestDB","Elapsed":0}
{"Action":"output","Package":"ex/a","Output":"FAIL\n"}
{"Action":"fail","Package":"ex/a","Elapsed":0.3}
{"Action":"run","Package":"ex/b","Test":"TestDB2"}
{"Action":"output","Package":"ex/b","Test":"TestDB2","Output":"    open.go:70: PostgreSQL unreachable at 127.0.0.1:5432\n"}
{"Action":"skip","Package":"ex/b","Test":"TestDB2","Elapsed":0}
{"Action":"run","Package":"ex/b","Test":"TestPage"}
{"Action":"output","Package":"ex/b","Test":"TestPage","Output":"    browser.go:46: Chromium not found\n"}
{"Action":"skip","Package":"ex/b","Test":"TestPage","Elapsed":0}
{"Action":"pass","Package":"ex/b","Elapsed":0.2}
{"Action":"run","Package":"ex/c","Test":"TestHang"}
{"Action":"output","Package":"ex/c","Output":"panic: test timed out after 10m0s\n"}
{"Action":"output","Package":"ex/c","Output":"FAIL\tex/c\t600.0s\n"}
{"Action":"fail","Package":"ex/c","Elapsed":600}
{"ImportPath":"ex/d [ex/d.test]","Action":"build-output","Output":"d_test.go:3:1: syntax error\n"}
{"ImportPath":"ex/d [ex/d.test]","Action":"build-fail"}
{"Action":"fail","Package":"ex/d","Elapsed":0,"FailedBuild":"ex/d [ex/d.test]"}
{"Action":"skip","Package":"ex/e","Elapsed":0}
not json: copied through
`

func TestSummarizeCannedStream(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	counts, err := Summarize(strings.NewReader(stream), &out, nil)
	require.NoError(t, err)
	// TestBad, the timed-out package ex/c and the build failure of ex/d.
	require.Equal(t, Counts{Passed: 1, Failed: 3, Skipped: 3}, counts)
	text := out.String()
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	require.Equal(t, "1 passed, 3 failed, 3 skipped", lines[len(lines)-1], "the closing line is alone on the last line")

	require.Contains(t, text, "--- FAIL: ex/a TestBad (0.01s)\n    a_test.go:9: want 2, got 3\n")
	require.NotContains(t, text, "chatter that passing tests hide")
	require.NotContains(t, text, `"Action"`, "no raw JSON")
	require.Contains(t, text, "FAIL  ex/c\n    panic: test timed out after 10m0s\n", "a failure outside any test shows the package's output")
	require.Contains(t, text, "BUILD FAILED ex/d [ex/d.test]\n    d_test.go:3:1: syntax error\n")
	require.Contains(t, text, "ok    ex/b (0.2s)")
	require.Contains(t, text, "not json: copied through")
	// One line per reason, the bigger group first.
	require.Contains(t, text, "SKIP  2 tests in ex/a, ex/b (e.g. TestDB): PostgreSQL unreachable at 127.0.0.1:5432\n"+
		"SKIP  1 test in ex/b (e.g. TestPage): Chromium not found\n")
}

// sampleModule writes a module whose tests pass, skip and (when failing) fail.
func sampleModule(t *testing.T, failing bool) string {
	t.Helper()
	dir := t.TempDir()
	src := `package sample

import "testing"

func TestPasses(t *testing.T) { t.Log("quiet when passing") }

func TestNeedsChromium(t *testing.T) { t.Skip("Chromium not found") }

func TestTable(t *testing.T) {
	t.Run("one", func(t *testing.T) {})
	t.Run("two", func(t *testing.T) { t.Skip("Chromium not found") })
}
`
	if failing {
		src += `
func TestFails(t *testing.T) { t.Errorf("want %d, got %d", 2, 3) }
`
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/sample\n\ngo 1.26\n"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sample_test.go"), []byte(src), 0o600))
	return dir
}

func TestRunExitsNonZeroWhenATestFails(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	code := run([]string{"-C", sampleModule(t, true), "--", "-count=1", "./..."}, &out, &errb)
	require.Equal(t, 1, code, out.String()+errb.String())
	text := out.String()
	require.Contains(t, text, "--- FAIL: example.com/sample TestFails")
	require.Contains(t, text, "sample_test.go:14: want 2, got 3")
	require.NotContains(t, text, "quiet when passing")
	require.Contains(t, text, "SKIP  2 tests in example.com/sample (e.g. TestNeedsChromium): Chromium not found\n")
	require.True(t, strings.HasSuffix(text, "\n3 passed, 1 failed, 2 skipped\n"), text)
}

func TestRunPassesWithSkipsAndSaysSo(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	code := run([]string{"-C", sampleModule(t, false), "--", "-count=1", "./..."}, &out, &errb)
	require.Equal(t, 0, code, out.String()+errb.String())
	require.True(t, strings.HasSuffix(out.String(), "\n3 passed, 0 failed, 2 skipped\n"), out.String())
}

func TestRunFailsWhenGoTestDoes(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	code := run([]string{"-C", sampleModule(t, false), "--", "-no-such-flag", "./..."}, &out, &errb)
	require.Equal(t, 1, code)
	require.True(t, strings.HasSuffix(out.String(), "0 passed, 1 failed, 0 skipped\n"), out.String())
}
