package storagetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

func testAudit(t *testing.T, s storage.Store) {
	for i, action := range []string{"verification.created", "verification.approved", "attestation.revoked"} {
		e := storage.AuditEntry{At: t0.Add(time.Duration(i) * time.Second), Actor: "reviewer:rev_1", Action: action,
			EntityKind: "verification", EntityID: "ver_1", Detail: `{"reason":"ok"}`}
		require.NoError(t, s.AppendAudit(ctx, &e))
	}
	noise := storage.AuditEntry{At: t0, Actor: "system", Action: "x", EntityKind: "verification", EntityID: "ver_2"}
	require.NoError(t, s.AppendAudit(ctx, &noise))
	list, err := s.ListAudit(ctx, "verification", "ver_1")
	require.NoError(t, err)
	require.Len(t, list, 3)
	require.Equal(t, "verification.created", list[0].Action)
	require.Equal(t, "attestation.revoked", list[2].Action)
	require.Equal(t, `{"reason":"ok"}`, list[1].Detail)
}
