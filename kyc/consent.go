package kyc

import (
	"context"
	"errors"
	"time"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/storage"
)

// ScopeDetails is the one consent scope: the tenant may read the holder's verified
// personal details (GET /v1/tenant/wallets/{address}/details).
const ScopeDetails = "details"

// MaxConsentTTL bounds how far ahead a consent may expire (one year).
const MaxConsentTTL = 365 * 24 * time.Hour

// ConsentView is a holder's consent as GET /v1/me and the export show it.
type ConsentView struct {
	ID        string   `json:"id"`
	TenantID  string   `json:"tenantId"`
	Scope     []string `json:"scope"`
	CreatedAt string   `json:"createdAt"`
	ExpiresAt string   `json:"expiresAt"`
	RevokedAt string   `json:"revokedAt,omitempty"`
}

func consentView(c storage.Consent) ConsentView {
	v := ConsentView{ID: c.ID, TenantID: c.TenantID, Scope: []string{c.Scope}, CreatedAt: Timestamp(c.CreatedAt),
		ExpiresAt: Timestamp(c.ExpiresAt)}
	if c.RevokedAt != nil {
		v.RevokedAt = Timestamp(*c.RevokedAt)
	}
	return v
}

// Consents lists a subject's consents, newest first.
func (s *Service) Consents(ctx context.Context, subjectID string) ([]ConsentView, error) {
	list, err := s.store.ListConsents(ctx, subjectID)
	if err != nil {
		return nil, err
	}
	out := make([]ConsentView, 0, len(list))
	for _, c := range list {
		out = append(out, consentView(c))
	}
	return out, nil
}

// GiveConsent records a holder's consent that a tenant reads their verified details
// until expiresAt (in the future, at most MaxConsentTTL ahead); audited as
// subject.consent_given. scope must be exactly ["details"]. An unknown tenant is
// invalid_tenant (400).
func (s *Service) GiveConsent(ctx context.Context, subjectID, tenantID string, scope []string, expiresAt time.Time, actor string) (ConsentView, error) {
	now := s.now()
	if len(scope) != 1 || scope[0] != ScopeDetails {
		return ConsentView{}, fault.InvalidError("invalid_scope", `scope must be ["details"]`)
	}
	if !expiresAt.After(now) || expiresAt.After(now.Add(MaxConsentTTL)) {
		return ConsentView{}, fault.InvalidError("invalid_expiry", "expiresAt must be in the future and within one year")
	}
	c := storage.Consent{SubjectID: subjectID, TenantID: tenantID, Scope: ScopeDetails, CreatedAt: now, ExpiresAt: expiresAt}
	err := s.store.InTx(ctx, func(tx storage.Store) error {
		if _, err := tx.GetTenant(ctx, tenantID); err != nil {
			return err
		}
		if err := tx.CreateConsent(ctx, &c); err != nil {
			return err
		}
		return storage.RecordAudit(ctx, tx, now, actor, "subject.consent_given", "subject", subjectID,
			map[string]any{"consentId": c.ID, "tenantId": tenantID, "scope": ScopeDetails})
	})
	if errors.Is(err, storage.ErrNotFound) {
		return ConsentView{}, fault.InvalidError("invalid_tenant", "no tenant with this id")
	}
	return consentView(c), err
}

// RevokeConsent revokes one of the holder's consents; another subject's, or one
// revoked already, is unknown (404). Audited as subject.consent_revoked.
func (s *Service) RevokeConsent(ctx context.Context, subjectID, id, actor string) error {
	now := s.now()
	err := s.store.InTx(ctx, func(tx storage.Store) error {
		if err := tx.RevokeConsent(ctx, subjectID, id, now); err != nil {
			return err
		}
		return storage.RecordAudit(ctx, tx, now, actor, "subject.consent_revoked", "subject", subjectID,
			map[string]any{"consentId": id})
	})
	if errors.Is(err, storage.ErrNotFound) {
		return fault.NotFoundError("unknown_consent", "no such consent")
	}
	return err
}
