package main

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// asKycgate makes the test binary behave as kycgate itself, so that shell scripts in
// tests can call it (TestTryItWalkthrough) without a separate build.
const asKycgate = "KYCGATE_TEST_RUN_AS_KYCGATE"

func TestMain(m *testing.M) {
	if os.Getenv(asKycgate) == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// tryItBlock returns the README's "Try it" walkthrough: the sh block after its marker.
func tryItBlock(t *testing.T) string {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	_, rest, ok := strings.Cut(string(readme), "<!-- try-it:")
	require.True(t, ok, "the README has no try-it marker")
	_, rest, ok = strings.Cut(rest, "```sh\n")
	require.True(t, ok, "no sh block after the try-it marker")
	block, _, ok := strings.Cut(rest, "\n```\n")
	require.True(t, ok, "the try-it block is not closed")
	return block
}

// TestTryItWalkthrough runs the README's walkthrough, command for command, against a
// development gateway started as `make run` starts it (on a free port), from a
// directory laid out like the repository: ./bin/kycgate and ./data.
func TestTryItWalkthrough(t *testing.T) {
	t.Parallel()
	for _, tool := range []string{"bash", "curl", "sed", "base64"} {
		if _, err := exec.LookPath(tool); err != nil {
			if ci := os.Getenv("CI"); ci != "" && ci != "false" && ci != "0" {
				t.Fatalf("%s is required in CI for the README walkthrough", tool)
			}
			t.Skipf("the README walkthrough needs %s, not found", tool)
		}
	}
	block := tryItBlock(t)
	require.Contains(t, block, "http://localhost:8080", "the walkthrough talks to make run's address")

	dir := t.TempDir()
	exe, err := os.Executable()
	require.NoError(t, err)
	require.NoError(t, os.Mkdir(filepath.Join(dir, "bin"), 0o755))
	wrapper := "#!/bin/sh\n" + asKycgate + "=1 exec '" + exe + "' \"$@\"\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bin", "kycgate"), []byte(wrapper), 0o755))

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	require.NoError(t, ln.Close())
	serveLines(t, "--dev", "--listen", "127.0.0.1:"+port, "--public-url", "http://localhost:"+port,
		"--data-dir", filepath.Join(dir, "data"), "--database-url", "sqlite://"+filepath.Join(dir, "data", "kycgate.db"),
		"--log-level", "error")

	// The commands as written, stopping at the first failure; curl fails on HTTP errors.
	script := "set -euo pipefail\ncurl() { command curl --fail-with-body \"$@\"; }\n" +
		strings.ReplaceAll(block, "localhost:8080", "localhost:"+port)
	cmd := exec.Command("bash", "-c", script)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "KYCGATE_") { // the walkthrough assumes make run's defaults
			cmd.Env = append(cmd.Env, kv)
		}
	}
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "the walkthrough failed:\n%s", out)
	text := string(out)

	require.Contains(t, text, `"steps":[{"name":"personal_details","status":"done"}`)
	require.Contains(t, text, `{"status":"in_review"}`)
	require.Contains(t, text, `"status":"approved"`)
	require.Contains(t, text, "\nhttp://localhost:"+port+"/offchain/url/#attestation=")
	require.Equal(t, 2, strings.Count(text, `"valid":true`), "the gateway and attest verify --dev both accept it:\n%s", text)
	require.Contains(t, text, `"decision":"allow"`)
	require.NotContains(t, text, `"error"`, text)
}
