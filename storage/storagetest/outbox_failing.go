package storagetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

// testOutboxFailingAcrossTenants: an operator's listing selects, across tenants, the
// failed events and the pending ones with a failed attempt, created since a bound,
// newest first, paged by the cursor; delivered and untried ones are left out.
func testOutboxFailingAcrossTenants(t *testing.T, s storage.Store) {
	event := func(tenant string, at time.Duration) storage.OutboxEvent {
		e := storage.OutboxEvent{Key: tenant + ":sub_f", Kind: "webhook", TenantID: tenant, Payload: []byte("{}"),
			CreatedAt: t0.Add(at)}
		_, err := s.AppendOutbox(ctx, &e)
		require.NoError(t, err)
		return e
	}
	attempt := func(e storage.OutboxEvent) {
		_, err := s.RecordOutboxAttempt(ctx, e.ID, storage.OutboxAttempt{At: t0.Add(time.Hour), StatusCode: 503})
		require.NoError(t, err)
	}
	old := event("ten_fa", -40*24*time.Hour) // failed, but before the bound
	attempt(old)
	_, err := s.FinishOutboxEvent(ctx, old.ID, t0, storage.OutboxFailed)
	require.NoError(t, err)
	failedA := event("ten_fa", time.Minute)
	attempt(failedA)
	_, err = s.FinishOutboxEvent(ctx, failedA.ID, t0.Add(time.Hour), storage.OutboxFailed)
	require.NoError(t, err)
	retryingB := event("ten_fb", 2*time.Minute)
	attempt(retryingB)
	delivered := event("ten_fb", 3*time.Minute)
	attempt(delivered)
	_, err = s.FinishOutboxEvent(ctx, delivered.ID, t0.Add(time.Hour), storage.OutboxDelivered)
	require.NoError(t, err)
	untried := event("ten_fb", 4*time.Minute)
	other := storage.OutboxEvent{Key: "chain:1", Kind: "chain", Payload: []byte("{}"), CreatedAt: t0.Add(5 * time.Minute)}
	_, err = s.AppendOutbox(ctx, &other)
	require.NoError(t, err)

	ids := func(q storage.OutboxQuery) []string {
		t.Helper()
		list, err := s.ListOutbox(ctx, q)
		require.NoError(t, err)
		out := []string{}
		for _, e := range list {
			out = append(out, e.ID)
		}
		return out
	}
	since := t0.Add(-30 * 24 * time.Hour)
	require.Equal(t, []string{retryingB.ID, failedA.ID}, ids(storage.OutboxQuery{AllTenants: true, Failing: true, Since: since, Limit: 10}))
	require.Equal(t, []string{retryingB.ID, failedA.ID, old.ID}, ids(storage.OutboxQuery{AllTenants: true, Failing: true, Limit: 10}))
	require.Equal(t, []string{failedA.ID}, ids(storage.OutboxQuery{AllTenants: true, Failing: true, Since: since, Limit: 10,
		State: storage.OutboxState(storage.OutboxFailed)}))
	require.Equal(t, []string{retryingB.ID}, ids(storage.OutboxQuery{AllTenants: true, Failing: true, Since: since, Limit: 10,
		State: storage.OutboxPending}))
	require.Equal(t, []string{retryingB.ID}, ids(storage.OutboxQuery{AllTenants: true, Failing: true, Since: since, Limit: 1}))
	require.Equal(t, []string{failedA.ID}, ids(storage.OutboxQuery{AllTenants: true, Failing: true, Since: since, Limit: 1,
		After: &storage.OutboxCursor{CreatedAt: retryingB.CreatedAt, ID: retryingB.ID}}))
	require.Equal(t, []string{untried.ID, delivered.ID, retryingB.ID}, ids(storage.OutboxQuery{TenantID: "ten_fb", Limit: 10}),
		"a tenant's listing is as before")
}
