// Command testsummary runs `go test -json` and prints what a person (and CI) needs:
// each package's result as it ends, the output of failing tests only, one line per
// group of skipped tests with the reason they gave, and a closing line
// "N passed, N failed, N skipped". It exits 1 when any test or package failed, or when
// go test itself did.
//
//	go run ./tools/testsummary [-go GO] [--] [go test flags] [packages]
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes go test -json with args and summarises it; it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("testsummary", flag.ContinueOnError)
	fs.SetOutput(stderr)
	goBin := fs.String("go", "go", "the go command to run")
	dir := fs.String("C", "", "run go test in this directory")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	cmd := exec.Command(*goBin, append([]string{"test", "-json"}, fs.Args()...)...)
	cmd.Dir = *dir
	cmd.Stderr = stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		fmt.Fprintln(stderr, "testsummary:", err)
		return 2
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(stderr, "testsummary:", err)
		return 2
	}
	counts, readErr := Summarize(pipe, stdout, func(c *Counts) {
		// The closing line must agree with the exit code: a go test that failed
		// without reporting a failed test or package (a bad flag, a crash) counts once.
		waitErr := cmd.Wait()
		var exit *exec.ExitError
		switch {
		case waitErr == nil:
		case errors.As(waitErr, &exit):
			if c.Failed == 0 {
				fmt.Fprintf(stdout, "go test exited with status %d\n", exit.ExitCode())
				c.Failed = 1
			}
		default:
			fmt.Fprintln(stdout, "go test:", waitErr)
			c.Failed++
		}
	})
	if readErr != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		fmt.Fprintln(stderr, "testsummary:", readErr)
		return 2
	}
	if counts.Failed > 0 {
		return 1
	}
	return 0
}
