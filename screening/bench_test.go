package screening_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/screening/source"
	"github.com/kycgate/kycgate/storage"
)

// BenchmarkSourceCall is the baseline: one call of the in-memory fake source, no store.
func BenchmarkSourceCall(b *testing.B) {
	bd := setup(b)
	q := source.Query{Address: common.HexToAddress(wallet), ChainID: 1}
	for b.Loop() {
		if _, err := bd.list.Screen(context.Background(), q); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScreenCached is a screening served from the store (within the TTL) on SQLite.
func BenchmarkScreenCached(b *testing.B) {
	bd := setup(b)
	ctx := context.Background()
	_, err := bd.svc.Screen(ctx, wallet, 0, false)
	require.NoError(b, err)
	for b.Loop() {
		if _, err := bd.svc.Screen(ctx, wallet, 0, false); err != nil {
			b.Fatal(err)
		}
	}
	require.Equal(b, 1, bd.list.Calls())
}

const rescreenWallets = 500

// BenchmarkScreenFresh is the cache's baseline: a screening that asks the source and
// stores its answer and the wallet's state (SQLite, the fake source).
func BenchmarkScreenFresh(b *testing.B) {
	bd := setup(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := bd.svc.Screen(ctx, wallet, 0, true); err != nil {
			b.Fatal(err)
		}
	}
}

// dueWallets links 500 wallets to a tenant's customer (so they are due for re-screening).
func dueWallets(b *testing.B, bd bundle) []string {
	ctx := context.Background()
	tn := storage.Tenant{Name: "t", CreatedAt: bd.clock.Now()}
	require.NoError(b, bd.store.CreateTenant(ctx, &tn))
	cust := storage.Subject{CreatedAt: bd.clock.Now(), TenantID: tn.ID, ExternalCustomerID: "c"}
	require.NoError(b, bd.store.CreateSubject(ctx, &cust))
	var out []string
	for i := range rescreenWallets {
		addr := fmt.Sprintf("0x%040x", i+0x1000)
		require.NoError(b, bd.store.LinkWallet(ctx, &storage.Wallet{Address: addr, SubjectID: cust.ID, LinkedAt: bd.clock.Now()}))
		out = append(out, addr)
	}
	return out
}

// BenchmarkRescreenBaseline is re-screening's baseline: the same 500 wallets screened
// afresh one after another (no listing, no concurrency).
func BenchmarkRescreenBaseline(b *testing.B) {
	bd := setup(b)
	wallets := dueWallets(b, bd)
	ctx := context.Background()
	for b.Loop() {
		for _, a := range wallets {
			if _, err := bd.svc.Screen(ctx, a, 0, true); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(rescreenWallets*b.N)/b.Elapsed().Seconds(), "wallets/s")
}

// BenchmarkRescreen is one run of the periodic re-screening over 500 due wallets of a
// tenant's customer (SQLite, the fake source): list, screen, store history and state.
func BenchmarkRescreen(b *testing.B) {
	bd := setup(b)
	dueWallets(b, bd)
	ctx := context.Background()
	for b.Loop() {
		bd.clock.Add(25 * time.Hour)
		n, failed, err := bd.svc.Rescreen(ctx)
		if err != nil || n != rescreenWallets || failed != 0 {
			b.Fatalf("rescreen: %d wallets, %d failed, %v", n, failed, err)
		}
	}
	b.ReportMetric(float64(rescreenWallets*b.N)/b.Elapsed().Seconds(), "wallets/s")
}
