package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/kycgate/kycgate/storage"
)

// gateViewColumns are what a gating lookup reads, one row per wallet of the subject (o,
// in ListWallets' order):
// the subject, its share with the tenant (sh, NULL when not shared), its newest
// verification (v, without the sealed data, NULL when none) and the wallet with its
// wallet_screenings row (ws, NULL when never screened). The subject, share and
// verification columns repeat on every row.
var gateViewColumns = prefixed("s.", subjectColumns) + `, sh.tenant_id, sh.created_at, sh.rules, sh.rules_at,
  v.id, v.tenant_id, v.mode, v.provider, v.provider_ref, v.level, v.status, v.reject_type, v.flow_token_hash,
  v.created_at, v.updated_at, v.return_url,
  o.address, ` + prefixed("ws.", walletScreeningColumns)

// gateViewJoins bring the subject s's latest verification (the index
// verifications_subject_newest: subject_id, created_at, id), its wallets in linked order
// (wallets_subject_linked: subject_id, linked_at, address), both without a sort, and
// their screening states (primary key).
const gateViewJoins = `
LEFT JOIN verifications v ON v.id = (SELECT l.id FROM verifications l WHERE l.subject_id = s.id
  ORDER BY l.created_at DESC, l.id DESC LIMIT 1)
LEFT JOIN wallets o ON o.subject_id = s.id
LEFT JOIN wallet_screenings ws ON ws.address = o.address`

// gateViewSQL starts from the looked-up wallet and joins its share for the tenant and
// its subject by their primary keys: no row unless the wallet is shared with the tenant.
var gateViewSQL = `SELECT ` + gateViewColumns + `
FROM wallets w
JOIN subject_shares sh ON sh.subject_id = w.subject_id AND sh.tenant_id = $1
JOIN subjects s ON s.id = w.subject_id` + gateViewJoins + `
WHERE w.address = $2
ORDER BY o.linked_at, o.address`

// customerGateViewSQL starts from the tenant's customer (the subjects_customer unique
// index); the share is optional and the customer may have no wallet (one row, o NULL).
var customerGateViewSQL = `SELECT ` + gateViewColumns + `
FROM subjects s
LEFT JOIN subject_shares sh ON sh.subject_id = s.id AND sh.tenant_id = $1` + gateViewJoins + `
WHERE s.tenant_id = $1 AND s.external_customer_id = $2 AND s.external_customer_id <> ''
ORDER BY o.linked_at, o.address`

// GetGateView implements storage.SubjectStore in one query.
func (s *Store) GetGateView(ctx context.Context, tenantID, address string) (storage.GateView, error) {
	return s.gateView(ctx, "get gate view", gateViewSQL, tenantID, storage.NormalizeAddress(address))
}

// GetCustomerGateView implements storage.SubjectStore in one query.
func (s *Store) GetCustomerGateView(ctx context.Context, tenantID, externalCustomerID string) (storage.GateView, error) {
	return s.gateView(ctx, "get customer gate view", customerGateViewSQL, tenantID, externalCustomerID)
}

func (s *Store) gateView(ctx context.Context, what, query string, args ...any) (storage.GateView, error) {
	rows, err := s.q.Query(ctx, query, args...)
	if err != nil {
		return storage.GateView{}, fmt.Errorf("%s: %w", what, s.d.MapError(err))
	}
	defer rows.Close()
	var g storage.GateView
	found := false
	for rows.Next() {
		if err := scanGateRow(rows, &g); err != nil {
			return storage.GateView{}, fmt.Errorf("%s: %w", what, s.d.MapError(err))
		}
		found = true
	}
	if err := rows.Err(); err != nil {
		return storage.GateView{}, fmt.Errorf("%s: %w", what, s.d.MapError(err))
	}
	if !found {
		return storage.GateView{}, fmt.Errorf("%s: %w", what, storage.ErrNotFound)
	}
	if g.Wallets == nil {
		g.Wallets = []storage.GateWallet{}
	}
	return g, nil
}

// scanGateRow reads one row of a gate view query into g: the subject, share and latest
// verification (the same on every row) and one wallet, if the row has one.
func scanGateRow(r Row, g *storage.GateView) error {
	sub := &g.Subject
	// The share, verification, wallet and screening columns are NULL where their LEFT
	// JOIN found nothing.
	var (
		shTenant, shRules                                               *string
		shCreated, shRulesAt                                            *time.Time
		vID, vTenant, vMode, vProvider, vRef, vStatus, vReject, vRetURL *string
		vLevel                                                          *int
		vFlow                                                           []byte
		vCreated, vUpdated                                              *time.Time
		address, wsAddr, outcome, sources                               *string
		risk, acceptedRisk                                              *int
		failed, held                                                    *bool
		checkedAt, heldAt, updatedAt                                    *time.Time
	)
	err := r.Scan(&sub.ID, &sub.CreatedAt, &sub.TenantID, &sub.ExternalCustomerID, &sub.ApprovedLevel, &sub.ApprovedAt,
		&sub.Country, &sub.Over18, &sub.Blocked, &sub.UpdatedAt, &sub.BirthDate, &sub.Hold,
		&shTenant, &shCreated, &shRules, &shRulesAt,
		&vID, &vTenant, &vMode, &vProvider, &vRef, &vLevel, &vStatus, &vReject, &vFlow, &vCreated, &vUpdated, &vRetURL,
		&address, &wsAddr, &outcome, &risk, &sources, &failed, &checkedAt, &held, &heldAt, &acceptedRisk, &updatedAt)
	if err != nil {
		return err
	}
	if shTenant != nil {
		g.Share = storage.Share{TenantID: *shTenant, SubjectID: sub.ID, CreatedAt: *shCreated, Rules: *shRules, RulesAt: *shRulesAt}
		g.HasShare = true
	}
	if vID != nil {
		g.Latest = &storage.Verification{ID: *vID, SubjectID: sub.ID, TenantID: *vTenant, Mode: *vMode, Provider: *vProvider,
			ProviderRef: *vRef, Level: *vLevel, Status: storage.VerificationStatus(*vStatus), RejectType: *vReject,
			FlowTokenHash: vFlow, CreatedAt: *vCreated, UpdatedAt: *vUpdated, ReturnURL: *vRetURL}
	}
	if address == nil {
		return nil
	}
	w := storage.GateWallet{Address: *address}
	if wsAddr != nil {
		w.Screening = &storage.WalletScreening{Address: *wsAddr, Outcome: *outcome, Risk: *risk, Sources: splitList(*sources),
			Failed: *failed, CheckedAt: *checkedAt, Held: *held, HeldAt: heldAt, AcceptedRisk: *acceptedRisk, UpdatedAt: *updatedAt}
	}
	g.Wallets = append(g.Wallets, w)
	return nil
}
