package contracts_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestGeneratedFilesAreUpToDate rebuilds the artifacts and the bindings from src/ with the
// pinned compiler, into a temporary folder, and fails on any difference from what is
// committed: run `make contracts` and commit the result.
func TestGeneratedFilesAreUpToDate(t *testing.T) {
	t.Parallel()

	for _, tool := range []string{"npm", "node"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s not found: CI must check the generated contracts", tool)
			}
			t.Skipf("SKIPPED LOUDLY: %s not found, so the committed artifacts and bindings are NOT checked against src/ (CI fails here)", tool)
		}
	}

	tmp := t.TempDir()
	for _, name := range []string{"package.json", "package-lock.json", "compile.js"} {
		copyFile(t, name, filepath.Join(tmp, name))
	}
	require.NoError(t, os.Mkdir(filepath.Join(tmp, "src"), 0o755))
	sources, err := filepath.Glob(filepath.Join("src", "*.sol"))
	require.NoError(t, err)
	require.NotEmpty(t, sources)
	for _, src := range sources {
		copyFile(t, src, filepath.Join(tmp, src))
	}

	run(t, tmp, "npm", "ci", "--no-audit", "--no-fund")
	moduleRoot, err := filepath.Abs("..")
	require.NoError(t, err)
	run(t, tmp, "node", "compile.js", "--out", tmp, "--module", moduleRoot)

	want := listFiles(t, "artifacts")
	got := listFiles(t, filepath.Join(tmp, "artifacts"))
	require.Equal(t, want, got, "artifact files differ: run `make contracts`")
	for _, name := range append(want, "bindings.go") {
		committed := name
		if name != "bindings.go" {
			committed = filepath.Join("artifacts", name)
		}
		fresh, err := os.ReadFile(filepath.Join(tmp, committed))
		require.NoError(t, err)
		old, err := os.ReadFile(committed)
		require.NoError(t, err)
		require.Equal(t, string(fresh), string(old), "%s is stale: run `make contracts` and commit", committed)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(to, data, 0o644))
}

func run(t *testing.T, dir, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s %v:\n%s", name, args, out)
}

func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
