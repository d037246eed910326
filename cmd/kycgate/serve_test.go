package main

import (
	"bufio"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/onchain/signer"
)

// serveLines starts `kycgate serve` with args and returns its stdout lines up to and
// including the "listening" line; the server stops at the end of the test.
func serveLines(t *testing.T, args ...string) []string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		var errb strings.Builder
		code := runWithContext(ctx, append([]string{"serve"}, args...), pw, &errb)
		if code != 0 {
			t.Log(errb.String())
		}
		pw.CloseWithError(io.EOF)
		done <- code
	}()
	t.Cleanup(func() {
		cancel()
		go func() { _, _ = io.Copy(io.Discard, pr) }()
		require.Equal(t, 0, <-done)
	})
	var lines []string
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		lines = append(lines, sc.Text())
		if strings.HasPrefix(sc.Text(), "kycgate listening on") {
			return lines
		}
	}
	t.Fatalf("serve stopped before listening:\n%s", strings.Join(lines, "\n"))
	return nil
}

func TestServeDevBannerNamesTheSignerAndKeys(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	lines := serveLines(t, "--dev", "--listen", "127.0.0.1:0", "--data-dir", dir,
		"--database-url", "sqlite://"+filepath.Join(dir, "k.db"), "--log-level", "error")
	banner := strings.Join(lines, "\n")

	key, err := signer.LoadKeyFile(filepath.Join(dir, "signer.key"))
	require.NoError(t, err)
	require.Contains(t, banner, "attestation signer: "+crypto.PubkeyToAddress(key.PublicKey).Hex())
	require.Contains(t, banner, "tenant API key:     kgt_")
	require.Contains(t, banner, "reviewer API key:   kgr_")
	require.Contains(t, banner, "review back office: http://localhost:8080/review")
	require.Contains(t, banner, "kycgate listening on 127.0.0.1:")
}

func TestServeDevBannerWithAConfiguredSigner(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	keyPath := filepath.Join(dir, "prod-signer.key")
	info, err := signer.Generate(keyPath)
	require.NoError(t, err)
	lines := serveLines(t, "--dev", "--listen", "127.0.0.1:0", "--data-dir", dir, "--signer-key-file", keyPath,
		"--database-url", "sqlite://"+filepath.Join(dir, "k.db"), "--log-level", "error")
	require.Contains(t, strings.Join(lines, "\n"), "attestation signer: "+info.Address.Hex()+"\n")
}
