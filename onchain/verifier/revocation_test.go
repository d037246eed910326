package verifier_test

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/riverqueue/river/rivertype"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/attest"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/contracts"
	"github.com/kycgate/kycgate/onchain/eas"
	"github.com/kycgate/kycgate/onchain/verifier"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// flaky is a chain client whose calls and transactions fail while down is set, like an
// unreachable RPC endpoint.
type flaky struct {
	autoMine
	down  atomic.Bool
	sends atomic.Int32
}

var errRPCDown = errors.New("dial tcp 127.0.0.1:8545: connect: connection refused")

func (f *flaky) CallContract(ctx context.Context, msg ethereum.CallMsg, block *big.Int) ([]byte, error) {
	if f.down.Load() {
		return nil, errRPCDown
	}
	return f.autoMine.CallContract(ctx, msg, block)
}

func (f *flaky) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	if f.down.Load() {
		return errRPCDown
	}
	f.sends.Add(1)
	return f.autoMine.SendTransaction(ctx, tx)
}

// keyFile writes the key of label in the signer key file format, mode 0600.
func keyFile(t testing.TB, label string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "revoker.key")
	require.NoError(t, os.WriteFile(path, []byte(hex.EncodeToString(crypto.FromECDSA(testKey(label)))+"\n"), 0o600))
	return path
}

// gateway is a whole gateway whose revocations go to the test chain's verifier through rpc.
type gateway struct {
	srv   *server.Server
	h     http.Handler
	store storage.Store
	clock *servertest.Clock
}

func startGateway(t testing.TB, c *testChain, store storage.Store, clock *servertest.Clock, rpc verifier.Backend) gateway {
	t.Helper()
	cfg := server.Config{
		PublicURL:      servertest.PublicURL,
		SignerKey:      hex.EncodeToString(crypto.FromECDSA(c.signer)),
		EASDomains:     "1337=" + easAddress.Hex() + "@" + easVersion,
		Verifiers:      map[uint64][]common.Address{chainID: {c.verifier.Address(), c.mint}},
		RevokerKeyFile: keyFile(t, "revoker"),
	}
	screeners, _ := servertest.Screener(&cfg, clock.Now) // wallets screen clear
	srv, err := server.New(cfg, store, slog.New(slog.DiscardHandler), server.WithClock(clock.Now),
		server.WithRevocationBackends(map[uint64]verifier.Backend{chainID: rpc}), screeners)
	require.NoError(t, err)
	return gateway{srv: srv, h: srv.Handler(), store: store, clock: clock}
}

// TestRevocationJobEndToEnd: the gateway issues an attestation that verifies onchain, revokes
// it, and its durable job publishes the revocation to both registries of the chain (the
// verifier and a KYCGated consumer) — through an RPC outage, a restart and a second run.
func TestRevocationJobEndToEnd(t *testing.T) {
	t.Parallel()
	for name, open := range map[string]func(testing.TB) storage.Store{"sqlite": storagetest.OpenSQLite, "postgres": storagetest.OpenPostgres} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			revocationJobEndToEnd(t, open(t))
		})
	}
}

func revocationJobEndToEnd(t *testing.T, store storage.Store) {
	c := newTestChain(t)
	ctx := context.Background()
	clock := servertest.NewClock(time.Unix(int64(c.now(t)), 0))
	rpc := &flaky{autoMine: c.backend}
	g := startGateway(t, c, store, clock, rpc)

	// The discovery document names the chain's verifier.
	rec := authtest.Do(t, g.h, "GET", "/.well-known/kycgate-configuration", nil)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Contains(t, rec.Body.String(), c.verifier.Address().Hex())
	require.Contains(t, rec.Body.String(), `"revoker":"`+addr(testKey("revoker")).Hex()+`"`,
		"integrators learn which address to authorise as revoker")

	// A wallet signs in, is approved, and gets an attestation for chain 1337.
	wallet := testKey("alice")
	token := authtest.SignIn(t, g.h, servertest.PublicURL, wallet, 1, clock.Now())
	w, err := store.GetWallet(ctx, addr(wallet).Hex())
	require.NoError(t, err)
	_, err = store.UpdateSubject(ctx, w.SubjectID, func(s storage.Subject) (storage.Subject, error) {
		now := clock.Now()
		s.ApprovedLevel, s.ApprovedAt, s.Country, s.Over18 = 2, &now, "FR", true
		return s, nil
	})
	require.NoError(t, err)
	rec = authtest.Do(t, g.h, "POST", "/v1/attestations", map[string]any{"chainId": chainID}, "Authorization", "Bearer "+token)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var issued struct {
		UID     string          `json:"uid"`
		Package json.RawMessage `json:"package"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &issued))
	pkg, err := eas.ParsePackage(issued.Package)
	require.NoError(t, err)
	kyc := c.calldata(t, pkg)
	claims, err := c.verifier.Verify(ctx, kyc, addr(wallet))
	require.NoError(t, err, "the gateway's attestation verifies onchain")
	require.Equal(t, eas.KYCClaims{Level: 2, Country: "FR", Over18: true}, claims)
	_, err = c.send(t, wallet, c.mint, contracts.NewExampleGatedMint().PackMint(kyc))
	require.NoError(t, err, "and opens the gated mint")

	// Nothing to do before a revocation, once the wallet's screening job (queued at its
	// first sign-in) has run.
	_, err = g.srv.StepWorkers(ctx)
	require.NoError(t, err)
	n, err := g.srv.StepWorkers(ctx)
	require.NoError(t, err)
	require.Zero(t, n)

	_, err = attest.RevokeSubject(ctx, store, w.SubjectID, "sanctions hit", "system:test", clock.Now())
	require.NoError(t, err)

	// The RPC is down: the job runs, fails, and waits for its backoff instead of being lost.
	rpc.down.Store(true)
	n, err = g.srv.StepWorkers(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	n, err = g.srv.StepWorkers(ctx)
	require.NoError(t, err)
	require.Zero(t, n, "not due again before its backoff")
	clock.Add(29 * time.Second)
	n, err = g.srv.StepWorkers(ctx)
	require.NoError(t, err)
	require.Zero(t, n, "the first retry waits 30s")
	rpc.down.Store(false)
	revoked, err := c.verifier.IsRevoked(ctx, verifier.Digest(pkg))
	require.NoError(t, err)
	require.False(t, revoked)

	// A restarted gateway (same database) takes the job up when it is due.
	g = startGateway(t, c, store, clock, rpc)
	clock.Add(2 * time.Second)
	n, err = g.srv.StepWorkers(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	require.EqualValues(t, 2, rpc.sends.Load(), "one revocation per registry")

	for _, registry := range []common.Address{c.verifier.Address(), c.mint} {
		revoked, err = verifier.NewContract(registry, c.backend).IsRevoked(ctx, verifier.Digest(pkg))
		require.NoError(t, err)
		require.True(t, revoked, registry.Hex())
	}
	_, err = c.verifier.Verify(ctx, kyc, addr(wallet))
	require.Equal(t, "AttestationRevoked", verifier.ReasonOf(err), "%v", err)
	_, err = c.send(t, wallet, c.mint, contracts.NewExampleGatedMint().PackMint(kyc))
	require.Equal(t, "AttestationRevoked", verifier.ReasonOf(err), "%v", err)
	n, err = g.srv.StepWorkers(ctx)
	require.NoError(t, err)
	require.Zero(t, n, "the job is done")

	// The same job once more (a duplicate delivery) sends nothing and completes.
	var dup int64
	require.NoError(t, store.InTx(ctx, func(tx storage.Store) error {
		dup, err = queue.InsertTx(ctx, tx, verifier.RevokeArgs{UID: issued.UID}, nil)
		return err
	}))
	n, err = g.srv.StepWorkers(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	require.EqualValues(t, 2, rpc.sends.Load(), "already revoked onchain: no transaction")
	jobs, err := g.srv.Queue().Jobs(ctx, rivertype.JobStateCompleted)
	require.NoError(t, err)
	require.Equal(t, dup, jobs[len(jobs)-1].ID, "the duplicate is done")
}

// TestPublisherUnknownAttestationIsPermanent: a job about an attestation the store does not
// have can never succeed.
func TestPublisherUnknownAttestationIsPermanent(t *testing.T) {
	t.Parallel()
	store := storagetest.OpenSQLite(t)
	p := verifier.NewPublisher(store, nil, nil)
	err := p.Publish(context.Background(), "0x"+hex.EncodeToString(make([]byte, 32)))
	var cancel *rivertype.JobCancelError
	require.ErrorAs(t, err, &cancel, "cancelled: never retried")
}
