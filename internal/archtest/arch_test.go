// Package archtest holds the tests that keep the architecture true: which packages may
// import what, that every verification status change goes through the one writer, and
// that no source file grows past 500 lines.
package archtest

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const module = "github.com/kycgate/kycgate"

// root is the module's directory.
func root(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	require.NoError(t, err)
	return strings.TrimSpace(string(out))
}

// packages lists the module's packages.
func packages(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("go", "list", module+"/...").Output()
	require.NoError(t, err)
	return strings.Fields(string(out))
}

// deps lists what pkg depends on, directly or not.
func deps(t *testing.T, pkg string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", pkg).Output()
	require.NoError(t, err, pkg)
	return strings.Fields(string(out))
}

func requireNoDep(t *testing.T, pkg string, banned ...string) {
	t.Helper()
	for _, d := range deps(t, pkg) {
		for _, b := range banned {
			require.False(t, d == b || strings.HasPrefix(d, b+"/"), "%s must not depend on %s (via %s)", pkg, b, d)
		}
	}
}

var backends = []string{module + "/server", module + "/storage/postgres", module + "/storage/sqlite",
	module + "/storage/internal/sqlstore"}

// isAdapter reports whether pkg is a provider or screening adapter: a leaf under kyc/ or
// screening/ (the built-in manual provider, which serves pages, and the contract suite
// excepted).
func isAdapter(pkg string) bool {
	rel := strings.TrimPrefix(pkg, module+"/")
	parts := strings.Split(rel, "/")
	if len(parts) != 2 || (parts[0] != "kyc" && parts[0] != "screening") {
		return false
	}
	return !slices.Contains([]string{"manual", "providertest"}, parts[1])
}

func TestAdaptersAreLeaves(t *testing.T) {
	t.Parallel()
	for _, pkg := range packages(t) {
		if isAdapter(pkg) {
			requireNoDep(t, pkg, append([]string{"github.com/gin-gonic/gin"}, backends...)...)
		}
	}
}

func TestFeaturesDoNotReachIntoTheServerOrABackend(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"kyc", "kyc/manual", "gate", "attest", "notify", "auth", "queue", "conf", "fault", "pii", "wallet", "onchain/eas", "review"} {
		requireNoDep(t, module+"/"+name, backends...)
	}
	requireNoDep(t, module+"/fault", "github.com/gin-gonic/gin", "github.com/prometheus/client_golang", "net/http")
	requireNoDep(t, module+"/gate", module+"/kyc")
	requireNoDep(t, module+"/conf", module+"/kyc", "github.com/gin-gonic/gin")
}

// sources lists the module's Go files (relative paths), generated bindings and
// dependencies installed by npm aside.
func sources(t *testing.T, dir string, tests bool) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != dir {
			return filepath.SkipDir
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() || !strings.HasSuffix(path, ".go") || rel == filepath.Join("contracts", "bindings.go") ||
			strings.HasSuffix(path, "_test.go") != tests {
			return nil
		}
		out = append(out, rel)
		return nil
	})
	require.NoError(t, err)
	return out
}

func lines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	require.NoError(t, sc.Err())
	return out
}

func TestNoSourceFileOver500Lines(t *testing.T) {
	t.Parallel()
	dir := root(t)
	files := sources(t, dir, false)
	require.NotEmpty(t, files)
	for _, f := range files {
		n := len(lines(t, filepath.Join(dir, f)))
		require.LessOrEqual(t, n, 500, "%s has %d lines: split it by concern", f, n)
	}
}

// TestOneWriterOfVerificationStatus: outside the store, only the lifecycle's one writer
// (kyc/transition.go) moves a verification's status or tells tenants about it; every
// other trigger describes the change (kyc.Change) and calls Apply.
func TestOneWriterOfVerificationStatus(t *testing.T) {
	t.Parallel()
	dir := root(t)
	allowed := map[string][]string{
		"SetVerificationStatus(":      {},
		"notify.EnqueueVerification(": {filepath.Join("kyc", "transition.go")},
	}
	for _, f := range sources(t, dir, false) {
		if strings.HasPrefix(f, "storage"+string(filepath.Separator)) {
			continue
		}
		for i, line := range lines(t, filepath.Join(dir, f)) {
			if strings.HasPrefix(strings.TrimSpace(line), "//") {
				continue
			}
			for call, ok := range allowed {
				if strings.Contains(line, call) {
					require.Contains(t, ok, f, "%s:%d calls %s outside the one writer", f, i+1, call)
				}
			}
		}
	}
}

func TestAdapterClassification(t *testing.T) {
	t.Parallel()
	for pkg, want := range map[string]bool{
		module + "/kyc/sumsub": true, module + "/kyc/compilot": true, module + "/kyc/didit": true,
		module + "/kyc/didit/diditest": false, module + "/screening/ofac": true, module + "/kyc/manual": false,
		module + "/kyc/providertest": false, module + "/kyc": false, module + "/gate": false, module + "/kyc/sumsub/fake": false,
	} {
		require.Equal(t, want, isAdapter(pkg), pkg)
	}
}
