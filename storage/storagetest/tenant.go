package storagetest

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

func testTenants(t *testing.T, s storage.Store) {
	tn := storage.Tenant{Name: "Acme dApp", CreatedAt: t0}
	require.NoError(t, s.CreateTenant(ctx, &tn))
	require.NotEmpty(t, tn.ID)

	got, err := s.GetTenant(ctx, tn.ID)
	require.NoError(t, err)
	require.Equal(t, "Acme dApp", got.Name)
	require.Equal(t, "{}", got.Rules)
	require.True(t, got.CreatedAt.Equal(us(t0)))

	dup := storage.Tenant{ID: tn.ID, Name: "again", CreatedAt: t0}
	require.ErrorIs(t, s.CreateTenant(ctx, &dup), storage.ErrConflict)

	_, err = s.GetTenant(ctx, "ten_missing")
	require.ErrorIs(t, err, storage.ErrNotFound)

	updated, err := s.UpdateTenant(ctx, tn.ID, func(old storage.Tenant) (storage.Tenant, error) {
		old.WebhookURL = "https://dapp.example/hooks"
		old.WebhookSecret = []byte{1, 2, 3}
		old.Rules = `{"minLevel":2}`
		old.DefaultProvider = "sumsub"
		return old, nil
	})
	require.NoError(t, err)
	require.Equal(t, "https://dapp.example/hooks", updated.WebhookURL)
	got, err = s.GetTenant(ctx, tn.ID)
	require.NoError(t, err)
	require.Equal(t, []byte{1, 2, 3}, got.WebhookSecret)
	require.Equal(t, `{"minLevel":2}`, got.Rules)
	require.Equal(t, "sumsub", got.DefaultProvider)

	refused := errors.New("refused")
	_, err = s.UpdateTenant(ctx, tn.ID, func(storage.Tenant) (storage.Tenant, error) { return storage.Tenant{}, refused })
	require.ErrorIs(t, err, refused)
	_, err = s.UpdateTenant(ctx, "ten_missing", func(old storage.Tenant) (storage.Tenant, error) { return old, nil })
	require.ErrorIs(t, err, storage.ErrNotFound)

	second := storage.Tenant{Name: "Second", CreatedAt: t0.Add(time.Second)}
	require.NoError(t, s.CreateTenant(ctx, &second))
	all, err := s.ListTenants(ctx)
	require.NoError(t, err)
	require.Len(t, all, 2)
	require.Equal(t, tn.ID, all[0].ID)
}
