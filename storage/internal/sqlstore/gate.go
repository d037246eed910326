package sqlstore

import (
	"context"

	"github.com/kycgate/kycgate/storage"
)

// gateViewSQL joins wallet → share → subject by their primary keys and takes the newest
// verification's status from the verifications_subject index (subject_id, created_at).
var gateViewSQL = `SELECT ` + prefixed("s.", subjectColumns) + `, ` + prefixed("sh.", shareColumns) + `,
  COALESCE((SELECT v.status FROM verifications v WHERE v.subject_id = s.id ORDER BY v.created_at DESC, v.id DESC LIMIT 1), '')
FROM wallets w
JOIN subject_shares sh ON sh.subject_id = w.subject_id AND sh.tenant_id = $1
JOIN subjects s ON s.id = w.subject_id
WHERE w.address = $2`

// GetGateView implements storage.SubjectStore in one query.
func (s *Store) GetGateView(ctx context.Context, tenantID, address string) (storage.GateView, error) {
	return one(ctx, s, s.q, "get gate view", func(r Row) (g storage.GateView, err error) {
		v, sh := &g.Subject, &g.Share
		var status string
		err = r.Scan(&v.ID, &v.CreatedAt, &v.TenantID, &v.ExternalCustomerID, &v.ApprovedLevel, &v.ApprovedAt, &v.Country,
			&v.Over18, &v.Blocked, &v.UpdatedAt, &v.BirthDate, &v.Hold,
			&sh.TenantID, &sh.SubjectID, &sh.CreatedAt, &sh.Rules, &sh.RulesAt, &status)
		g.LatestStatus, g.HasVerification = storage.VerificationStatus(status), status != ""
		return g, err
	}, gateViewSQL, tenantID, storage.NormalizeAddress(address))
}
