package screening_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/screening"
	"github.com/kycgate/kycgate/screening/screeningtest"
	"github.com/kycgate/kycgate/screening/source"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// effects records what the lifecycle would be told.
type effects struct {
	mu     sync.Mutex
	events []screening.Event
}

func (e *effects) WalletScreened(_ context.Context, _ storage.Store, ev screening.Event) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.events = append(e.events, ev)
	return nil
}

type bundle struct {
	svc     *screening.Service
	store   storage.Store
	clock   *clock
	list    *screeningtest.Fake
	effects *effects
	subject storage.Subject
}

const wallet = "0x00000000000000000000000000000000000000A1"

func setup(t testing.TB, tweak ...func(*screening.Settings)) bundle {
	t.Helper()
	store := storagetest.OpenSQLite(t)
	clk := &clock{t: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}
	set, err := screening.DecodeSettings(func(string) string { return "" })
	require.NoError(t, err)
	for _, f := range tweak {
		f(&set)
	}
	list := screeningtest.New("testlist", clk.Now)
	svc := screening.New(screening.Options{Store: store, Sources: []screening.Named{{Name: "testlist", Source: list}},
		Settings: set, ChainID: 1, RescreenEvery: 24 * time.Hour, Now: clk.Now})
	eff := &effects{}
	svc.SetEffects(eff)
	sub := storage.Subject{CreatedAt: clk.Now()}
	require.NoError(t, store.CreateSubject(context.Background(), &sub))
	require.NoError(t, store.LinkWallet(context.Background(), &storage.Wallet{Address: wallet, SubjectID: sub.ID, LinkedAt: clk.Now()}))
	return bundle{svc: svc, store: store, clock: clk, list: list, effects: eff, subject: sub}
}

func TestSettingsNameTheirVariable(t *testing.T) {
	t.Parallel()
	for v, bad := range map[string]string{"KYCGATE_SCREENING_REVIEW_RISK": "0", "KYCGATE_SCREENING_ON_ERROR": "clear",
		"KYCGATE_SCREENING_TTL": "1s", "KYCGATE_SCREENING_BATCH": "0"} {
		_, err := screening.DecodeSettings(func(k string) string {
			if k == v {
				return bad
			}
			return ""
		})
		require.ErrorContains(t, err, v)
	}
	set, err := screening.DecodeSettings(func(string) string { return "" })
	require.NoError(t, err)
	require.Equal(t, source.Policy{ReviewRisk: source.RiskHigh, OnError: source.OutcomeReview}, set.Policy())
	require.Equal(t, 24*time.Hour, set.TTL)
}

func TestAHoldStaysUntilAReviewerClearsIt(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := t.Context()
	b.list.Flag(wallet, source.RiskHigh)
	ws, err := b.svc.Screen(ctx, wallet, 0, false)
	require.NoError(t, err)
	require.True(t, ws.Held)
	require.Equal(t, "review", ws.Outcome)
	require.Len(t, b.effects.events, 1)
	require.True(t, b.effects.events[0].NewHold && b.effects.events[0].Flagged && !b.effects.events[0].Sanctioned)

	b.list.Clean(wallet)
	ws, err = b.svc.Screen(ctx, wallet, 0, true)
	require.NoError(t, err)
	require.True(t, ws.Held, "a clear answer does not lift a hold")
	_, err = b.svc.CheckSubject(ctx, b.subject.ID, 1)
	require.Equal(t, "screening_review", fault.Code(err))

	require.NoError(t, b.store.InTx(ctx, func(tx storage.Store) error {
		_, next, err := screening.ClearHold(ctx, tx, wallet, b.clock.Now())
		require.False(t, next.Held)
		return err
	}))
	risk, err := b.svc.CheckSubject(ctx, b.subject.ID, 1)
	require.NoError(t, err)
	require.Zero(t, risk)

	// Cleared at risk 0: the next high risk holds again; a medium one never does.
	b.list.Flag(wallet, source.RiskMedium)
	ws, err = b.svc.Screen(ctx, wallet, 0, true)
	require.NoError(t, err)
	require.False(t, ws.Held)
	require.Equal(t, "clear", ws.Outcome, "below the review level")
	b.list.Flag(wallet, source.RiskSevere)
	ws, err = b.svc.Screen(ctx, wallet, 0, true)
	require.NoError(t, err)
	require.True(t, ws.Held)
	require.Len(t, b.effects.events, 2)
}

func TestAFailedSourceIsNeverClear(t *testing.T) {
	t.Parallel()
	for _, onError := range []string{"review", "deny"} {
		b := setup(t, func(s *screening.Settings) { s.OnError = onError })
		ctx := t.Context()
		b.list.Outage(true)
		ws, err := b.svc.Screen(ctx, wallet, 0, false)
		require.NoError(t, err)
		require.True(t, ws.Failed)
		require.Equal(t, onError, ws.Outcome)
		require.False(t, ws.Held, "a failure waits for the source, not for a reviewer")
		_, err = b.svc.CheckSubject(ctx, b.subject.ID, 1)
		require.Equal(t, "screening_pending", fault.Code(err))
		st, err := b.svc.SubjectScreening(ctx, b.subject.ID)
		require.NoError(t, err)
		require.True(t, st.Pending)
		require.Equal(t, onError, st.Outcome)

		hist, _, err := b.svc.History(ctx, wallet, 10)
		require.NoError(t, err)
		require.Len(t, hist, 2, "each attempt is kept: the screening and the check's own")
		require.Contains(t, hist[0].Error, "unavailable", "the failure is kept for audit")

		b.list.Outage(false)
		_, err = b.svc.CheckSubject(ctx, b.subject.ID, 1)
		require.NoError(t, err, "a failure is not cached: the source is asked again")
	}
}

func TestAnswersWithinTheTTLAreServedFromTheStore(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := t.Context()
	for range 3 {
		_, err := b.svc.Screen(ctx, wallet, 0, false)
		require.NoError(t, err)
	}
	require.Equal(t, 1, b.list.Calls())
	_, err := b.svc.Screen(ctx, wallet, 0, true)
	require.NoError(t, err)
	require.Equal(t, 2, b.list.Calls(), "fresh asks the source")
	b.clock.Add(25 * time.Hour)
	_, err = b.svc.Screen(ctx, wallet, 0, false)
	require.NoError(t, err)
	require.Equal(t, 3, b.list.Calls(), "past the TTL")
	hist, state, err := b.svc.History(ctx, wallet, 10)
	require.NoError(t, err)
	require.Len(t, hist, 3)
	require.Equal(t, []string{"testlist"}, state.Sources)
}

func TestASanctionedWalletIsToldEveryTimeButFlaggedOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := t.Context()
	b.list.Sanction(wallet)
	for range 2 {
		ws, err := b.svc.Screen(ctx, wallet, 0, true)
		require.NoError(t, err)
		require.Equal(t, "sanctioned", ws.Outcome)
	}
	require.Len(t, b.effects.events, 2, "the lifecycle blocks (idempotently) on every sanctioned answer")
	require.True(t, b.effects.events[0].Flagged)
	require.False(t, b.effects.events[1].Flagged, "tenants are told once")
	_, err := b.svc.CheckSubject(ctx, b.subject.ID, 1)
	require.Equal(t, "wallet_sanctioned", fault.Code(err))
	require.NoError(t, b.store.InTx(ctx, func(tx storage.Store) error {
		_, _, err := screening.ClearHold(ctx, tx, wallet, b.clock.Now())
		require.Equal(t, "wallet_sanctioned", fault.Code(err))
		return nil
	}))
}

func TestRescreenAsksABatchSourceOnceForTheDueWallets(t *testing.T) {
	t.Parallel()
	store := storagetest.OpenSQLite(t)
	clk := &clock{t: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}
	set, err := screening.DecodeSettings(func(string) string { return "" })
	require.NoError(t, err)
	batch := screeningtest.NewBatch("batchlist", clk.Now)
	single := screeningtest.New("testlist", clk.Now)
	svc := screening.New(screening.Options{Store: store, Sources: []screening.Named{{Name: "batchlist", Source: batch},
		{Name: "testlist", Source: single}}, Settings: set, ChainID: 1, RescreenEvery: 24 * time.Hour, Now: clk.Now})
	svc.SetEffects(&effects{})
	ctx := t.Context()
	tn := storage.Tenant{Name: "t", CreatedAt: clk.Now()}
	require.NoError(t, store.CreateTenant(ctx, &tn))
	cust := storage.Subject{CreatedAt: clk.Now(), TenantID: tn.ID, ExternalCustomerID: "c"}
	require.NoError(t, store.CreateSubject(ctx, &cust))
	addrs := []string{"0x00000000000000000000000000000000000000b1", "0x00000000000000000000000000000000000000b2",
		"0x00000000000000000000000000000000000000b3"}
	for _, a := range addrs {
		require.NoError(t, store.LinkWallet(ctx, &storage.Wallet{Address: a, SubjectID: cust.ID, LinkedAt: clk.Now()}))
	}
	batch.Sanction(addrs[1])

	n, failed, err := svc.Rescreen(ctx)
	require.NoError(t, err)
	require.Equal(t, 3, n)
	require.Zero(t, failed)
	require.Equal(t, 1, batch.Batches(), "one call for the three wallets")
	require.Zero(t, batch.Calls())
	require.Equal(t, 3, single.Calls(), "the other source, per wallet")
	ws, err := store.GetWalletScreening(ctx, addrs[1])
	require.NoError(t, err)
	require.Equal(t, "sanctioned", ws.Outcome)
	require.Equal(t, []string{"batchlist", "testlist"}, ws.Sources)

	// A failed batch fails every wallet it carried: none is clear.
	batch.Outage(true)
	clk.Add(25 * time.Hour)
	n, failed, err = svc.Rescreen(ctx)
	require.NoError(t, err)
	require.Equal(t, 3, n)
	require.Equal(t, 3, failed)
	ws, err = store.GetWalletScreening(ctx, addrs[0])
	require.NoError(t, err)
	require.Equal(t, "review", ws.Outcome)
	require.True(t, ws.Failed)
}

// TestConcurrentScreeningsHoldAWalletOnce: a wallet's first-screening job and a gating
// lookup screening it on the spot can run at once on two replicas (PostgreSQL, read
// committed). The subject lock taken before the state is read makes one of them see the
// other's hold, so the hold is new, audited and announced once.
func TestConcurrentScreeningsHoldAWalletOnce(t *testing.T) {
	t.Parallel()
	store := storagetest.OpenPostgres(t) // skips (or fails in CI) without PostgreSQL
	ctx := t.Context()
	clk := &clock{t: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}
	set, err := screening.DecodeSettings(func(string) string { return "" })
	require.NoError(t, err)
	list := screeningtest.New("testlist", clk.Now)
	svc := screening.New(screening.Options{Store: store, Sources: []screening.Named{{Name: "testlist", Source: list}},
		Settings: set, ChainID: 1, RescreenEvery: 24 * time.Hour, Now: clk.Now})
	eff := &effects{}
	svc.SetEffects(eff)
	sub := storage.Subject{CreatedAt: clk.Now()}
	require.NoError(t, store.CreateSubject(ctx, &sub))
	require.NoError(t, store.LinkWallet(ctx, &storage.Wallet{Address: wallet, SubjectID: sub.ID, LinkedAt: clk.Now()}))
	list.Flag(wallet, source.RiskHigh)

	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() { _, errs[i] = svc.Screen(ctx, wallet, 0, true) })
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	holds := 0
	for _, ev := range eff.events {
		if ev.NewHold {
			holds++
		}
	}
	require.Equal(t, 1, holds, "%d screenings at once, %d events", len(errs), len(eff.events))
	ws, err := store.GetWalletScreening(ctx, wallet)
	require.NoError(t, err)
	require.True(t, ws.Held)
}
