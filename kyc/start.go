package kyc

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/gate"
	"github.com/kycgate/kycgate/storage"
)

// ---- starting ----

// StartRequest asks for a verification.
type StartRequest struct {
	// TenantID is the dApp the result is shared with (Web3 mode: optional).
	TenantID string
	// Provider names a configured provider; empty means the default.
	Provider string
	// Level is the KYC level asked for; 0 means 1.
	Level int
	// ReturnURL is the dApp's page the hosted flow links back to once the user is done
	// (optional; https, see CheckReturnURL). A resumed verification takes the new one.
	ReturnURL string
}

// Started is the answer to a start: a new or resumed verification with the session the
// user continues in, or, when Reused, the subject's existing approval.
type Started struct {
	Verification storage.Verification
	Session      Session
	Reused       bool
}

// StartForWallet opens (or resumes, or reuses) a Web3-mode verification for the wallet
// session's subject.
func (s *Service) StartForWallet(ctx context.Context, ses storage.Session, req StartRequest) (Started, error) {
	if req.TenantID != "" {
		if _, err := s.store.GetTenant(ctx, req.TenantID); errors.Is(err, storage.ErrNotFound) {
			return Started{}, fault.InvalidError("unknown_tenant", "no tenant with this id")
		} else if err != nil {
			return Started{}, err
		}
	}
	return s.start(ctx, ses.SubjectID, ModeWeb3, req, "wallet:"+ses.Address, &Starter{Address: ses.Address, ChainID: ses.ChainID})
}

var customerIDPattern = regexp.MustCompile(`^[A-Za-z0-9._:@+-]{1,128}$`)

// ValidCustomerID reports whether an externalCustomerId is acceptable: 1 to 128 of
// letters, digits and . _ : @ + -.
func ValidCustomerID(id string) error {
	if !customerIDPattern.MatchString(id) {
		return fault.InvalidError("invalid_customer_id", "externalCustomerId is 1 to 128 letters, digits or . _ : @ + -")
	}
	return nil
}

// StartForCustomer opens (or resumes, or reuses) a regular-mode verification for a
// tenant's customer, creating the customer's subject on first use. It resumes only a
// verification the tenant opened itself, never one the customer's wallet holder opened.
func (s *Service) StartForCustomer(ctx context.Context, tenantID, customerID string, req StartRequest) (Started, error) {
	if err := ValidCustomerID(customerID); err != nil {
		return Started{}, err
	}
	sub, err := s.customerSubject(ctx, tenantID, customerID)
	if err != nil {
		return Started{}, err
	}
	req.TenantID = tenantID
	return s.start(ctx, sub.ID, ModeRegular, req, "tenant:"+tenantID, nil)
}

// customerSubject gets or creates the subject of a tenant's customer, shared with it.
func (s *Service) customerSubject(ctx context.Context, tenantID, customerID string) (storage.Subject, error) {
	sub, err := s.store.GetSubjectByCustomer(ctx, tenantID, customerID)
	if !errors.Is(err, storage.ErrNotFound) {
		return sub, err
	}
	now := s.now()
	err = s.store.InTx(ctx, func(tx storage.Store) error {
		sub = storage.Subject{TenantID: tenantID, ExternalCustomerID: customerID, CreatedAt: now}
		if err := tx.CreateSubject(ctx, &sub); err != nil {
			return err
		}
		if err := gate.Share(ctx, tx, tenantID, sub.ID, now, gate.KeepSnapshot); err != nil {
			return err
		}
		return storage.RecordAudit(ctx, tx, now, "tenant:"+tenantID, "subject.created", "subject", sub.ID,
			map[string]string{"mode": ModeRegular})
	})
	if errors.Is(err, storage.ErrConflict) {
		// Another request created it first.
		return s.store.GetSubjectByCustomer(ctx, tenantID, customerID)
	}
	return sub, err
}

// start opens, resumes or reuses a verification; who, for a Web3-mode start, is the
// signed-in wallet, handed to a WalletStarter provider.
func (s *Service) start(ctx context.Context, subjectID, mode string, req StartRequest, actor string, who *Starter) (Started, error) {
	name, p, err := s.providerFor(ctx, req)
	if err != nil {
		return Started{}, err
	}
	if req.Level == 0 {
		req.Level = 1
	}
	if req.Level < 1 || req.Level > MaxLevel {
		return Started{}, fault.InvalidError("invalid_level", fmt.Sprintf("level is 1 to %d", MaxLevel))
	}
	if req.ReturnURL, err = CheckReturnURL(req.ReturnURL); err != nil {
		return Started{}, err
	}
	now := s.now()
	var v storage.Verification
	var reused bool
	err = s.store.InTx(ctx, func(tx storage.Store) error {
		// Locking the subject serialises concurrent starts for it.
		sub, err := tx.LockSubject(ctx, subjectID)
		if err != nil {
			return err
		}
		if sub.Blocked {
			return fault.New(fault.Forbidden, "subject_blocked", "this account cannot be verified here")
		}
		if req.TenantID != "" {
			// The holder sharing (again) takes the tenant's rules as they stand now; a
			// tenant starting for its customer keeps the snapshot it has, so that it
			// cannot re-evaluate a customer under rules of its choosing at will.
			if err := gate.Share(ctx, tx, req.TenantID, sub.ID, now, shareRefresh(mode)); err != nil {
				return err
			}
		}
		list, err := tx.ListVerificationsBySubject(ctx, sub.ID)
		if err != nil {
			return err
		}
		slices.Reverse(list) // newest first
		if sub.ApprovedLevel >= req.Level {
			for _, old := range list {
				if old.Status == storage.StatusApproved && old.Level >= req.Level {
					v, reused = old, true
					return storage.RecordAudit(ctx, tx, now, actor, "verification.reused", "verification", v.ID,
						map[string]any{"tenantId": req.TenantID, "level": req.Level})
				}
			}
		}
		// Only the party that opened a verification resumes it (a new flow token breaks
		// the old link): the holder its Web3 ones, a tenant its own customer's.
		for _, old := range list {
			if IsOpen(old.Status) && old.Provider == name && old.Level >= req.Level && openedBy(old, mode, req.TenantID) {
				v = old
				return storage.RecordAudit(ctx, tx, now, actor, "verification.resumed", "verification", v.ID,
					map[string]any{"tenantId": req.TenantID})
			}
		}
		v = storage.Verification{ID: storage.NewID("ver"), SubjectID: sub.ID, TenantID: req.TenantID, Mode: mode,
			Provider: name, Level: req.Level, Status: storage.StatusCreated, CreatedAt: now, ReturnURL: req.ReturnURL}
		if err := tx.CreateVerification(ctx, &v); err != nil {
			return err
		}
		return s.announce(ctx, tx, v, "", Change{Actor: actor,
			Detail: map[string]any{"mode": mode, "provider": name, "tenantId": req.TenantID}}, now)
	})
	if err != nil {
		return Started{}, err
	}
	if reused {
		v.Data = nil
		return Started{Verification: v, Reused: true}, nil
	}
	// The provider is asked outside the transaction (external providers make HTTP
	// calls); a failure leaves the verification created, and the next start resumes it.
	if v, err = s.open(v); err != nil {
		return Started{}, err
	}
	var sess Session
	if ws, ok := p.(WalletStarter); ok && who != nil {
		sess, err = ws.StartForWallet(ctx, v, *who)
	} else {
		sess, err = p.Start(ctx, v)
	}
	if err != nil {
		return Started{}, fmt.Errorf("kyc: provider %s: start: %w", name, err)
	}
	v, err = s.store.UpdateVerification(ctx, v.ID, func(old storage.Verification) (storage.Verification, error) {
		if sess.Ref != "" {
			old.ProviderRef = sess.Ref
		}
		if sess.FlowToken != "" {
			old.FlowTokenHash = auth.HashSecret(sess.FlowToken)
		}
		if req.ReturnURL != "" {
			old.ReturnURL = req.ReturnURL
		}
		if sess.Data != nil {
			old.Data = sess.Data
			return s.seal(old)
		}
		return old, nil
	})
	if err != nil {
		return Started{}, err
	}
	v.Data = nil
	return Started{Verification: v, Session: sess}, nil
}

// shareRefresh is how a start shares with its tenant: the holder's (Web3) start may
// refresh a stale snapshot of the tenant's rules, a tenant's own start never does.
func shareRefresh(mode string) gate.Refresh {
	if mode == ModeWeb3 {
		return gate.RefreshIfStale
	}
	return gate.KeepSnapshot
}

// openedBy reports whether v was opened by the party starting now: the wallet holder
// (Web3 mode) or the tenant whose customer it is (regular mode).
func openedBy(v storage.Verification, mode, tenantID string) bool {
	return v.Mode == mode && (mode == ModeWeb3 || v.TenantID == tenantID)
}
