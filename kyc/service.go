package kyc

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"time"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/kyc/webhook"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/storage"
)

// MaxLevel is the highest KYC level a verification can ask for or an approval grant.
const MaxLevel = 3

// LinkTokenPrefix starts every wallet link token.
const LinkTokenPrefix = "kgl_"

// Attestation revocation reasons the lifecycle uses. They are codes, never free text, so
// no personal data reaches the attestation records.
const (
	RevokedRejected = "kyc_rejected"
	RevokedReversed = "kyc_revoked"
	RevokedBlocked  = "subject_blocked"
	// RevokedClaimsChanged: a new approval changed the country or the over-18 flag
	// (or lowered the level) the attestation carries.
	RevokedClaimsChanged = "kyc_claims_changed"
)

// Options configures a Service.
type Options struct {
	Store  storage.Store
	Sealer *pii.Sealer
	Now    func() time.Time
	Log    *slog.Logger
	// PublicURL is the gateway's origin (for providers' hosted pages).
	PublicURL string
	// LinkTokenTTL is how long a wallet link token stays usable (default 30 minutes).
	LinkTokenTTL time.Duration
}

// Service runs the verification lifecycle. It is safe for concurrent use; all state is in
// the store.
type Service struct {
	store        storage.Store
	sealer       *pii.Sealer
	now          func() time.Time
	log          *slog.Logger
	publicURL    string
	linkTokenTTL time.Duration

	providers       map[string]Provider
	defaultProvider string
}

var _ Lifecycle = (*Service)(nil)

// NewService returns a lifecycle service without providers; add them with AddProvider.
func NewService(o Options) (*Service, error) {
	if o.Store == nil || o.Sealer == nil {
		return nil, errors.New("kyc: a store and a sealer are required")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.LinkTokenTTL == 0 {
		o.LinkTokenTTL = 30 * time.Minute
	}
	return &Service{store: o.Store, sealer: o.Sealer, now: o.Now, log: o.Log, publicURL: o.PublicURL,
		linkTokenTTL: o.LinkTokenTTL, providers: map[string]Provider{}}, nil
}

// ExpireStale asks every provider that can (kyc.Expirer) to expire its abandoned
// verifications, and reports how many it expired.
func (s *Service) ExpireStale(ctx context.Context) (int, error) {
	total := 0
	for _, name := range slices.Sorted(maps.Keys(s.providers)) {
		if e, ok := s.providers[name].(Expirer); ok {
			n, err := e.ExpireStale(ctx)
			total += n
			if err != nil {
				return total, fmt.Errorf("kyc: expire %s: %w", name, err)
			}
		}
	}
	return total, nil
}

// Deps is what the service hands to the providers it opens.
func (s *Service) Deps() Deps {
	return Deps{Store: s.store, Sealer: s.sealer, Lifecycle: s, Now: s.now, Log: s.log, PublicURL: s.publicURL}
}

// AddProvider makes a provider available under name; the first one added is the default.
func (s *Service) AddProvider(name string, p Provider) {
	if s.defaultProvider == "" {
		s.defaultProvider = name
	}
	s.providers[name] = p
}

// Providers returns the providers by name.
func (s *Service) Providers() map[string]Provider { return maps.Clone(s.providers) }

func (s *Service) provider(name string) (string, Provider, error) {
	if name == "" {
		name = s.defaultProvider
	}
	p, ok := s.providers[name]
	if !ok {
		return "", nil, api.Invalid("unknown_provider", fmt.Sprintf("no KYC provider named %q is configured", name))
	}
	return name, p, nil
}

// ---- sealing ----

func dataLabel(id string) string      { return "verification:" + id + ":data" }
func birthDateLabel(id string) string { return "subject:" + id + ":birth_date" }

// open returns v with its provider data opened.
func (s *Service) open(v storage.Verification) (storage.Verification, error) {
	if len(v.Data) == 0 {
		v.Data = nil
		return v, nil
	}
	plain, err := s.sealer.Open(v.Data, dataLabel(v.ID))
	if err != nil {
		return v, fmt.Errorf("kyc: open data of %s: %w", v.ID, err)
	}
	v.Data = plain
	return v, nil
}

// seal returns v with its provider data sealed.
func (s *Service) seal(v storage.Verification) (storage.Verification, error) {
	if len(v.Data) == 0 {
		v.Data = nil
		return v, nil
	}
	sealed, err := s.sealer.Seal(v.Data, dataLabel(v.ID))
	if err != nil {
		return v, err
	}
	v.Data = sealed
	return v, nil
}

// BirthDate opens a subject's sealed date of birth; ok is false when none is recorded.
func (s *Service) BirthDate(sub storage.Subject) (time.Time, bool, error) {
	if len(sub.BirthDate) == 0 {
		return time.Time{}, false, nil
	}
	raw, err := s.sealer.Open(sub.BirthDate, birthDateLabel(sub.ID))
	if err != nil {
		return time.Time{}, false, fmt.Errorf("kyc: open birth date of %s: %w", sub.ID, err)
	}
	t, err := time.Parse(time.DateOnly, string(raw))
	if err != nil {
		return time.Time{}, false, fmt.Errorf("kyc: stored birth date of %s: %w", sub.ID, err)
	}
	return t, true, nil
}

// Age is the age in whole years on the calendar date of at of someone born on dob.
func Age(dob, at time.Time) int {
	y1, m1, d1 := dob.Date()
	y2, m2, d2 := at.UTC().Date()
	age := y2 - y1
	if m2 < m1 || (m2 == m1 && d2 < d1) {
		age--
	}
	return age
}

// ---- reading ----

// Get implements Lifecycle.
func (s *Service) Get(ctx context.Context, id string) (storage.Verification, error) {
	v, err := s.store.GetVerification(ctx, id)
	if err != nil {
		return v, err
	}
	return s.open(v)
}

// GetByFlowToken implements Lifecycle.
func (s *Service) GetByFlowToken(ctx context.Context, token string) (storage.Verification, error) {
	v, err := s.store.GetVerificationByFlowToken(ctx, auth.HashSecret(token))
	if err != nil {
		return v, err
	}
	return s.open(v)
}

// ---- the state machine ----

// Change is one step of a verification through the state machine, run by Apply.
type Change struct {
	VerificationID string
	// From, when not empty, lists the statuses the verification must be in: a
	// compare-and-swap against concurrent changes.
	From []storage.VerificationStatus
	// To is the new status; empty keeps the current one (a data-only change).
	To storage.VerificationStatus
	// RejectType goes with rejected and resubmission_requested.
	RejectType string
	// Level is the level an approval grants; 0 keeps the verification's.
	Level int
	// Claims are required when To is approved.
	Claims *Claims
	// Data, when set, returns the new provider data (plaintext) from the current
	// verification (its Data in plaintext), inside the transaction. An error aborts the
	// change and is returned as it is.
	Data func(v storage.Verification) ([]byte, error)
	// Then, when set, runs inside the same transaction after the change is stored (for
	// records that go with it, such as an uploaded document). An error rolls all back.
	Then func(tx storage.Store, v storage.Verification) error
	// Actor and Reason go to the audit log ("reviewer:rev_…", "wallet:0x…", "provider:…").
	// Reason is free text (a reviewer's words): it is sealed in the audit entry
	// (SealNotes) and opened only in a reviewer's view of the case.
	Actor  string
	Reason string
	// Action names the audit entry of a data-only change (default
	// "verification.updated"); a status change is always "verification.<to>".
	Action string
	// Detail adds fields to the audit entry. It must hold no personal data.
	Detail map[string]any
}

// transitionRefused is a change the state machine, the compare-and-swap or the subject's
// state refused. code is the API error code (invalid_transition when empty).
type transitionRefused struct {
	from, to storage.VerificationStatus
	code     string
}

func (e *transitionRefused) Error() string {
	if e.code == codeSubjectBlocked {
		return "the subject is blocked: its verification cannot be approved"
	}
	return fmt.Sprintf("a verification in status %s cannot move to %s", e.from, e.to)
}

const codeSubjectBlocked = "subject_blocked"

// subjectEffects reports whether a change to status to can act on the subject (approve,
// withdraw, block).
func subjectEffects(to storage.VerificationStatus) bool {
	switch to {
	case storage.StatusApproved, storage.StatusRejected, storage.StatusRevoked:
		return true
	}
	return false
}

// lockSubject locks a subject's row for the rest of the transaction.
func lockSubject(ctx context.Context, tx storage.Store, id string) (storage.Subject, error) {
	return tx.LockSubject(ctx, id)
}

// Apply implements Lifecycle: it moves a verification in one transaction that
// compare-and-swaps its status, seals its data, writes the audit log and applies the
// effect on the subject (approval; on a final rejection or a reversal, withdrawal of the
// approval and revocation of every attestation). A refused transition changes nothing,
// is audited, and returns a 409 invalid_transition (subject_blocked for the approval of
// a blocked subject).
//
// Locks are taken in one order everywhere: the subject's row, then its verifications'
// rows (as withdraw, SetBlocked and start do), so a change with subject effects locks the
// subject before the verification.
func (s *Service) Apply(ctx context.Context, c Change) (storage.Verification, error) {
	now := s.now()
	var out storage.Verification
	var refused *transitionRefused
	var from storage.VerificationStatus
	err := s.store.InTx(ctx, func(tx storage.Store) error {
		subjectID := ""
		if subjectEffects(c.To) {
			cur, err := tx.GetVerification(ctx, c.VerificationID)
			if err != nil {
				return err
			}
			if _, err := lockSubject(ctx, tx, cur.SubjectID); err != nil {
				return err
			}
			subjectID = cur.SubjectID
		}
		_, err := tx.UpdateVerification(ctx, c.VerificationID, func(old storage.Verification) (storage.Verification, error) {
			if subjectID != "" && old.SubjectID != subjectID {
				return old, fmt.Errorf("kyc: verification %s changed subject", old.ID)
			}
			v, err := s.open(old)
			if err != nil {
				return old, err
			}
			from = v.Status
			to := c.To
			if to == "" {
				to = v.Status
			}
			if (len(c.From) > 0 && !slices.Contains(c.From, v.Status)) || (to != v.Status && !CanTransition(v.Status, to)) {
				refused = &transitionRefused{from: v.Status, to: to}
				return old, refused
			}
			if to == storage.StatusApproved && to != v.Status && c.Claims == nil {
				return old, errors.New("kyc: an approval needs the approved claims")
			}
			if c.Data != nil {
				if v.Data, err = c.Data(v); err != nil {
					return old, err
				}
			}
			if to != v.Status {
				v.RejectType = c.RejectType
			}
			v.Status = to
			if c.Level > 0 {
				v.Level = c.Level
			}
			v.UpdatedAt = now
			out = v
			return s.seal(v)
		})
		if err != nil {
			return err
		}
		if c.Then != nil {
			if err := c.Then(tx, out); err != nil {
				return err
			}
		}
		action := c.Action
		switch {
		case out.Status != from:
			action = "verification." + string(out.Status)
		case action == "":
			action = "verification.updated"
		}
		detail := map[string]any{"from": from, "to": out.Status, "level": out.Level}
		if out.RejectType != "" && out.Status != from {
			detail["rejectType"] = out.RejectType
		}
		maps.Copy(detail, c.Detail)
		if err := s.recordAudit(ctx, tx, now, c.Actor, action, "verification", out.ID, detail,
			map[string]string{"reason": c.Reason}); err != nil {
			return err
		}
		if out.Status == from {
			return nil
		}
		if err := webhook.EnqueueVerification(ctx, tx, out, now); err != nil {
			return err
		}
		return s.effects(ctx, tx, out, c, now)
	})
	if errors.As(err, &refused) {
		code := refused.code
		if code == "" {
			code = "invalid_transition"
		}
		detail := map[string]any{"from": refused.from, "to": refused.to}
		if refused.code != "" {
			detail["from"], detail["code"] = from, refused.code
		}
		if aerr := s.recordAudit(ctx, s.store, now, c.Actor, "verification.transition_refused", "verification",
			c.VerificationID, detail, map[string]string{"reason": c.Reason}); aerr != nil {
			return storage.Verification{}, aerr
		}
		return storage.Verification{}, &api.Error{Kind: api.KindConflict, Code: code, Message: refused.Error(), Cause: err}
	}
	if err != nil {
		return storage.Verification{}, err
	}
	return out, nil
}
