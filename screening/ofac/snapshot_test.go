package ofac_test

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSnapshotIsUpToDate runs the //go:generate command of snapshot.go again, into a
// temporary file, and fails on any difference from the committed snapshot.txt: the
// embedded list is what the generator makes of ../shared/data/ofac. Run
// `go generate ./screening/ofac` and commit.
func TestSnapshotIsUpToDate(t *testing.T) {
	t.Parallel()
	requireShared(t)
	args := generateArgs(t)
	out := filepath.Join(t.TempDir(), "snapshot.txt")
	for i, a := range args {
		if a == "-out" {
			args[i+1] = out
		}
	}
	cmd := exec.Command("go", append([]string{"run"}, args...)...)
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", msg)
	fresh, err := os.ReadFile(out)
	require.NoError(t, err)
	committed, err := os.ReadFile("snapshot.txt")
	require.NoError(t, err)
	require.Equal(t, string(fresh), string(committed), "snapshot.txt is stale: run `go generate ./screening/ofac` and commit")
}

// generateArgs returns the arguments after `go run` of snapshot.go's //go:generate line.
func generateArgs(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("snapshot.go")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "//go:generate go run "); ok {
			args := strings.Fields(rest)
			require.Contains(t, args, "-out")
			return args
		}
	}
	require.NoError(t, sc.Err())
	t.Fatal("snapshot.go has no //go:generate go run line")
	return nil
}

// requireShared fails unless ../shared/data/ofac is beside the repository root (the
// go.mod of this module above the working directory).
func requireShared(t *testing.T) {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.Contains(string(data), "module github.com/kycgate/kycgate\n") {
			break
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, dir, parent, "repository root (go.mod) not found above the working directory")
		dir = parent
	}
	_, err = os.Stat(filepath.Join(dir, "..", "shared", "data", "ofac"))
	require.NoError(t, err, "the OFAC list must be at ../shared/data/ofac relative to the repository root")
}
