package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/kycgate/kycgate/storage"
)

// gateViewSQL answers one row per wallet of the subject (o), ordered by address: the
// looked-up wallet joins its share for the tenant and its subject by their primary keys,
// the newest verification's status comes from the verifications_subject index
// (subject_id, created_at), and each wallet of the subject (wallets_subject index) brings
// its wallet_screenings row, NULL when it was never screened. The subject, share and
// status columns repeat on every row.
var gateViewSQL = `SELECT ` + prefixed("s.", subjectColumns) + `, ` + prefixed("sh.", shareColumns) + `,
  COALESCE((SELECT v.status FROM verifications v WHERE v.subject_id = s.id ORDER BY v.created_at DESC, v.id DESC LIMIT 1), ''),
  o.address, ` + prefixed("ws.", walletScreeningColumns) + `
FROM wallets w
JOIN subject_shares sh ON sh.subject_id = w.subject_id AND sh.tenant_id = $1
JOIN subjects s ON s.id = w.subject_id
JOIN wallets o ON o.subject_id = s.id
LEFT JOIN wallet_screenings ws ON ws.address = o.address
WHERE w.address = $2
ORDER BY o.address`

// GetGateView implements storage.SubjectStore in one query.
func (s *Store) GetGateView(ctx context.Context, tenantID, address string) (storage.GateView, error) {
	rows, err := s.q.Query(ctx, gateViewSQL, tenantID, storage.NormalizeAddress(address))
	if err != nil {
		return storage.GateView{}, fmt.Errorf("get gate view: %w", s.d.MapError(err))
	}
	defer rows.Close()
	var g storage.GateView
	for rows.Next() {
		if err := scanGateRow(rows, &g); err != nil {
			return storage.GateView{}, fmt.Errorf("get gate view: %w", s.d.MapError(err))
		}
	}
	if err := rows.Err(); err != nil {
		return storage.GateView{}, fmt.Errorf("get gate view: %w", s.d.MapError(err))
	}
	if len(g.Wallets) == 0 {
		return storage.GateView{}, fmt.Errorf("get gate view: %w", storage.ErrNotFound)
	}
	return g, nil
}

// scanGateRow reads one row of gateViewSQL into g: the subject, share and status from
// the first, a wallet from each.
func scanGateRow(r Row, g *storage.GateView) error {
	v, sh := &g.Subject, &g.Share
	var status string
	var w storage.GateWallet
	// The screening columns are NULL for a wallet never screened.
	var (
		addr, outcome, sources       *string
		risk, acceptedRisk           *int
		failed, held                 *bool
		checkedAt, heldAt, updatedAt *time.Time
	)
	err := r.Scan(&v.ID, &v.CreatedAt, &v.TenantID, &v.ExternalCustomerID, &v.ApprovedLevel, &v.ApprovedAt, &v.Country,
		&v.Over18, &v.Blocked, &v.UpdatedAt, &v.BirthDate, &v.Hold,
		&sh.TenantID, &sh.SubjectID, &sh.CreatedAt, &sh.Rules, &sh.RulesAt, &status,
		&w.Address, &addr, &outcome, &risk, &sources, &failed, &checkedAt, &held, &heldAt, &acceptedRisk, &updatedAt)
	if err != nil {
		return err
	}
	g.LatestStatus, g.HasVerification = storage.VerificationStatus(status), status != ""
	if addr != nil {
		w.Screening = &storage.WalletScreening{Address: *addr, Outcome: *outcome, Risk: *risk, Sources: splitList(*sources),
			Failed: *failed, CheckedAt: *checkedAt, Held: *held, HeldAt: heldAt, AcceptedRisk: *acceptedRisk, UpdatedAt: *updatedAt}
	}
	g.Wallets = append(g.Wallets, w)
	return nil
}
