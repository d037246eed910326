package server_test

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/onchain/verifier"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage/storagetest"
)

func TestVerifiersConfig(t *testing.T) {
	t.Parallel()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	env := map[string]string{
		"KYCGATE_VERIFIERS":        "1337=0x00000000000000000000000000000000000000aA, 1337=0x00000000000000000000000000000000000000bb,8453=0x00000000000000000000000000000000000000cc",
		"KYCGATE_REVOKER_KEY_FILE": "/run/secrets/revoker.key",
	}
	c, err := server.LoadConfig(fs, nil, func(k string) string { return env[k] })
	require.NoError(t, err)
	require.Equal(t, map[uint64][]common.Address{
		1337: {common.HexToAddress("0xaa"), common.HexToAddress("0xbb")},
		8453: {common.HexToAddress("0xcc")},
	}, c.Verifiers)
	require.Equal(t, "/run/secrets/revoker.key", c.RevokerKeyFile)

	for _, bad := range []string{"1337", "x=0x00000000000000000000000000000000000000aa", "1=0x12", "1=0x0000000000000000000000000000000000000000"} {
		fs := flag.NewFlagSet("test", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		_, err := server.LoadConfig(fs, nil, func(k string) string { return map[string]string{"KYCGATE_VERIFIERS": bad}[k] })
		require.ErrorContains(t, err, "KYCGATE_VERIFIERS", bad)
	}
}

func revokerKeyFile(t *testing.T, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "revoker.key")
	require.NoError(t, os.WriteFile(path, []byte("0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f\n"), mode))
	require.NoError(t, os.Chmod(path, mode))
	return path
}

func TestRunStartsAndStopsTheRevocationWorker(t *testing.T) {
	t.Parallel()
	cfg := server.Config{
		PublicURL:      servertest.PublicURL,
		Verifiers:      map[uint64][]common.Address{1337: {common.HexToAddress("0xaa")}},
		RevokerKeyFile: revokerKeyFile(t, 0o600),
	}
	srv, err := server.New(cfg, storagetest.OpenSQLite(t), slog.New(slog.DiscardHandler),
		server.WithRevocationBackends(map[uint64]verifier.Backend{1337: nil}))
	require.NoError(t, err)
	n, err := srv.StepWorkers(t.Context())
	require.NoError(t, err)
	require.Zero(t, n, "a worker, nothing due")

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	require.NoError(t, srv.Run(ctx, ln), "serves, then stops HTTP and the workers")

	// A revoker key readable by others is refused, naming its variable.
	cfg.RevokerKeyFile = revokerKeyFile(t, 0o644)
	_, err = server.New(cfg, storagetest.OpenSQLite(t), slog.New(slog.DiscardHandler),
		server.WithRevocationBackends(map[uint64]verifier.Backend{1337: nil}))
	require.ErrorContains(t, err, "KYCGATE_REVOKER_KEY_FILE")
}
