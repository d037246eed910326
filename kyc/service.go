package kyc

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"regexp"
	"slices"
	"time"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/kyc/attest"
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
	// MaxWallets caps the wallets a customer link may bring a subject to (0: auth's default).
	MaxWallets int
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
	maxWallets   int

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
		linkTokenTTL: o.LinkTokenTTL, maxWallets: o.MaxWallets, providers: map[string]Provider{}}, nil
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
	return tx.UpdateSubject(ctx, id, func(sub storage.Subject) (storage.Subject, error) { return sub, nil })
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
		if c.Reason != "" {
			detail["reason"] = c.Reason
		}
		maps.Copy(detail, c.Detail)
		if err := storage.RecordAudit(ctx, tx, now, c.Actor, action, "verification", out.ID, detail); err != nil {
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
		detail := map[string]any{"from": refused.from, "to": refused.to, "reason": c.Reason}
		if refused.code != "" {
			detail["from"], detail["code"] = from, refused.code
		}
		if aerr := storage.RecordAudit(ctx, s.store, now, c.Actor, "verification.transition_refused", "verification",
			c.VerificationID, detail); aerr != nil {
			return storage.Verification{}, aerr
		}
		return storage.Verification{}, &api.Error{Kind: api.KindConflict, Code: code, Message: refused.Error(), Cause: err}
	}
	if err != nil {
		return storage.Verification{}, err
	}
	return out, nil
}

// effects applies what a status change means for the subject, inside the transaction.
func (s *Service) effects(ctx context.Context, tx storage.Store, v storage.Verification, c Change, now time.Time) error {
	switch {
	case v.Status == storage.StatusApproved:
		return s.approve(ctx, tx, v, *c.Claims, c.Actor, now)
	case v.Status == storage.StatusRejected && v.RejectType == RejectFinal:
		return s.withdraw(ctx, tx, v.SubjectID, true, RevokedRejected, c.Reason, c.Actor, now)
	case v.Status == storage.StatusRevoked:
		return s.withdraw(ctx, tx, v.SubjectID, false, RevokedReversed, c.Reason, c.Actor, now)
	}
	return nil
}

// approve records an approval on the subject: the level (the highest approved so far),
// when, and the claims attestations carry. A blocked subject is refused
// (subject_blocked). When the approval changes the country or the over-18 flag (or
// lowers the level), the attestations issued so far carry claims no longer true: they
// are revoked in the same transaction.
func (s *Service) approve(ctx context.Context, tx storage.Store, v storage.Verification, cl Claims, actor string, now time.Time) error {
	dob, err := s.sealer.Seal([]byte(cl.DateOfBirth.Format(time.DateOnly)), birthDateLabel(v.SubjectID))
	if err != nil {
		return err
	}
	var prev storage.Subject
	sub, err := tx.UpdateSubject(ctx, v.SubjectID, func(sub storage.Subject) (storage.Subject, error) {
		if sub.Blocked {
			return sub, &transitionRefused{to: storage.StatusApproved, code: codeSubjectBlocked}
		}
		prev = sub
		sub.ApprovedLevel = max(sub.ApprovedLevel, v.Level)
		sub.ApprovedAt = &now
		sub.Country = cl.Country
		sub.Over18 = Age(cl.DateOfBirth, now) >= 18
		sub.BirthDate = dob
		sub.UpdatedAt = now
		return sub, nil
	})
	if err != nil {
		return err
	}
	detail := map[string]any{"verificationId": v.ID, "level": sub.ApprovedLevel, "country": sub.Country, "over18": sub.Over18}
	// The level never goes down here (the highest approval counts); the check stays so
	// that a change of that policy keeps attestations honest.
	if sub.Country != prev.Country || sub.Over18 != prev.Over18 || sub.ApprovedLevel < prev.ApprovedLevel {
		uids, err := attest.RevokeSubject(ctx, tx, sub.ID, RevokedClaimsChanged, actor, now)
		if err != nil {
			return err
		}
		detail["attestationsRevoked"] = len(uids)
	}
	return storage.RecordAudit(ctx, tx, now, actor, "subject.approved", "subject", sub.ID, detail)
}

// withdraw clears a subject's approval (blocking it too when block is set), moves its
// other approved verifications to revoked and revokes every attestation it holds; a
// block also closes its open verifications (rejected, final), so none can be approved
// later. code is the revocation reason attestations get; note is the actor's own words,
// for the audit log only. It locks the subject before its verifications (see Apply).
func (s *Service) withdraw(ctx context.Context, tx storage.Store, subjectID string, block bool, code, note, actor string, now time.Time) error {
	sub, err := tx.UpdateSubject(ctx, subjectID, func(sub storage.Subject) (storage.Subject, error) {
		sub.ApprovedLevel, sub.ApprovedAt, sub.Country, sub.Over18, sub.BirthDate = 0, nil, "", false, nil
		sub.Blocked = sub.Blocked || block
		sub.UpdatedAt = now
		return sub, nil
	})
	if err != nil {
		return err
	}
	action := "subject.approval_withdrawn"
	if block {
		action = "subject.blocked"
	}
	if err := storage.RecordAudit(ctx, tx, now, actor, action, "subject", sub.ID, map[string]any{"code": code, "reason": note}); err != nil {
		return err
	}
	list, err := tx.ListVerificationsBySubject(ctx, subjectID)
	if err != nil {
		return err
	}
	for _, v := range list {
		switch {
		case v.Status == storage.StatusApproved:
			if err := tx.SetVerificationStatus(ctx, v.ID, storage.StatusApproved, storage.StatusRevoked, now); err != nil {
				return err
			}
			v.Status, v.UpdatedAt = storage.StatusRevoked, now
			if err := webhook.EnqueueVerification(ctx, tx, v, now); err != nil {
				return err
			}
			if err := storage.RecordAudit(ctx, tx, now, actor, "verification.revoked", "verification", v.ID,
				map[string]any{"from": storage.StatusApproved, "to": storage.StatusRevoked, "code": code}); err != nil {
				return err
			}
		case block && IsOpen(v.Status):
			if err := s.closeOpen(ctx, tx, v.ID, code, note, actor, now); err != nil {
				return err
			}
		}
	}
	_, err = attest.RevokeSubject(ctx, tx, subjectID, code, actor, now)
	return err
}

// closeOpen moves a verification that is still open to rejected (final), audited: its
// subject was blocked. One that closed meanwhile is left as it is.
func (s *Service) closeOpen(ctx context.Context, tx storage.Store, id, code, note, actor string, now time.Time) error {
	var from storage.VerificationStatus
	closed, err := tx.UpdateVerification(ctx, id, func(v storage.Verification) (storage.Verification, error) {
		if !IsOpen(v.Status) {
			return v, nil
		}
		from = v.Status
		v.Status, v.RejectType = storage.StatusRejected, RejectFinal
		v.UpdatedAt = now
		return v, nil
	})
	if err != nil || from == "" {
		return err
	}
	if err := webhook.EnqueueVerification(ctx, tx, closed, now); err != nil {
		return err
	}
	return storage.RecordAudit(ctx, tx, now, actor, "verification.rejected", "verification", id,
		map[string]any{"from": from, "to": storage.StatusRejected, "rejectType": RejectFinal, "code": code, "reason": note})
}

// Revoke reverses an approval (a reviewer's later finding): approved → revoked, the
// subject's approval withdrawn and its attestations revoked.
func (s *Service) Revoke(ctx context.Context, id, actor, reason string) (storage.Verification, error) {
	if reason == "" {
		return storage.Verification{}, api.Invalid("reason_required", "a reason is required")
	}
	v, err := s.Apply(ctx, Change{VerificationID: id, From: []storage.VerificationStatus{storage.StatusApproved},
		To: storage.StatusRevoked, Actor: actor, Reason: reason})
	if errors.Is(err, storage.ErrNotFound) {
		return v, api.NotFound("unknown_verification", "no such verification")
	}
	return v, err
}

// SetBlocked blocklists a subject (withdrawing its approval and revoking its
// attestations) or lifts the block (the subject must then verify again).
func (s *Service) SetBlocked(ctx context.Context, subjectID string, blocked bool, actor, reason string) (storage.Subject, error) {
	if reason == "" {
		return storage.Subject{}, api.Invalid("reason_required", "a reason is required")
	}
	now := s.now()
	var out storage.Subject
	err := s.store.InTx(ctx, func(tx storage.Store) error {
		if blocked {
			if err := s.withdraw(ctx, tx, subjectID, true, RevokedBlocked, reason, actor, now); err != nil {
				return err
			}
		} else {
			if _, err := tx.UpdateSubject(ctx, subjectID, func(sub storage.Subject) (storage.Subject, error) {
				sub.Blocked, sub.UpdatedAt = false, now
				return sub, nil
			}); err != nil {
				return err
			}
			if err := storage.RecordAudit(ctx, tx, now, actor, "subject.unblocked", "subject", subjectID,
				map[string]string{"reason": reason}); err != nil {
				return err
			}
		}
		var err error
		out, err = tx.GetSubject(ctx, subjectID)
		return err
	})
	if errors.Is(err, storage.ErrNotFound) {
		return out, api.NotFound("unknown_subject", "no such subject")
	}
	return out, err
}

// ---- starting ----

// StartRequest asks for a verification.
type StartRequest struct {
	// TenantID is the dApp the result is shared with (Web3 mode: optional).
	TenantID string
	// Provider names a configured provider; empty means the default.
	Provider string
	// Level is the KYC level asked for; 0 means 1.
	Level int
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
			return Started{}, api.Invalid("unknown_tenant", "no tenant with this id")
		} else if err != nil {
			return Started{}, err
		}
	}
	return s.start(ctx, ses.SubjectID, ModeWeb3, req, "wallet:"+ses.Address)
}

var customerIDPattern = regexp.MustCompile(`^[A-Za-z0-9._:@+-]{1,128}$`)

// ValidCustomerID reports whether an externalCustomerId is acceptable: 1 to 128 of
// letters, digits and . _ : @ + -.
func ValidCustomerID(id string) error {
	if !customerIDPattern.MatchString(id) {
		return api.Invalid("invalid_customer_id", "externalCustomerId is 1 to 128 letters, digits or . _ : @ + -")
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
	return s.start(ctx, sub.ID, ModeRegular, req, "tenant:"+tenantID)
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
		if err := tx.ShareSubject(ctx, tenantID, sub.ID, now); err != nil {
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

func (s *Service) start(ctx context.Context, subjectID, mode string, req StartRequest, actor string) (Started, error) {
	name, p, err := s.provider(req.Provider)
	if err != nil {
		return Started{}, err
	}
	if req.Level == 0 {
		req.Level = 1
	}
	if req.Level < 1 || req.Level > MaxLevel {
		return Started{}, api.Invalid("invalid_level", fmt.Sprintf("level is 1 to %d", MaxLevel))
	}
	now := s.now()
	var v storage.Verification
	var reused bool
	err = s.store.InTx(ctx, func(tx storage.Store) error {
		// Locking the subject serialises concurrent starts for it.
		sub, err := tx.UpdateSubject(ctx, subjectID, func(sub storage.Subject) (storage.Subject, error) { return sub, nil })
		if err != nil {
			return err
		}
		if sub.Blocked {
			return api.NewError(api.KindForbidden, "subject_blocked", "this account cannot be verified here")
		}
		if req.TenantID != "" {
			if err := tx.ShareSubject(ctx, req.TenantID, sub.ID, now); err != nil {
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
			Provider: name, Level: req.Level, Status: storage.StatusCreated, CreatedAt: now}
		if err := tx.CreateVerification(ctx, &v); err != nil {
			return err
		}
		if err := webhook.EnqueueVerification(ctx, tx, v, now); err != nil {
			return err
		}
		return storage.RecordAudit(ctx, tx, now, actor, "verification.created", "verification", v.ID,
			map[string]any{"mode": mode, "provider": name, "level": req.Level, "tenantId": req.TenantID})
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
	sess, err := p.Start(ctx, v)
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

// openedBy reports whether v was opened by the party starting now: the wallet holder
// (Web3 mode) or the tenant whose customer it is (regular mode).
func openedBy(v storage.Verification, mode, tenantID string) bool {
	return v.Mode == mode && (mode == ModeWeb3 || v.TenantID == tenantID)
}

// ---- linking a customer's wallet ----

// NewLinkToken issues a single-use token with which the customer, signed in with a
// wallet, links that wallet to the customer's subject (POST /v1/kyc/link).
func (s *Service) NewLinkToken(ctx context.Context, tenantID, customerID string) (string, time.Time, error) {
	if err := ValidCustomerID(customerID); err != nil {
		return "", time.Time{}, err
	}
	sub, err := s.store.GetSubjectByCustomer(ctx, tenantID, customerID)
	if errors.Is(err, storage.ErrNotFound) {
		return "", time.Time{}, api.NotFound("unknown_customer", "no customer with this id")
	} else if err != nil {
		return "", time.Time{}, err
	}
	now := s.now()
	token, hash := auth.NewAPIKey(LinkTokenPrefix)
	expires := now.Add(s.linkTokenTTL)
	err = s.store.InTx(ctx, func(tx storage.Store) error {
		if err := tx.CreateLinkToken(ctx, storage.LinkToken{Hash: hash, SubjectID: sub.ID, CreatedAt: now, ExpiresAt: expires}); err != nil {
			return err
		}
		return storage.RecordAudit(ctx, tx, now, "tenant:"+tenantID, "subject.link_token_issued", "subject", sub.ID, nil)
	})
	return token, expires, err
}

// LinkWallet consumes a link token and moves the session's wallets (with their
// sessions) to the token's subject, which turns a regular-mode customer into a Web3 one.
// The session's own subject must have no KYC history of its own; it is left empty.
func (s *Service) LinkWallet(ctx context.Context, ses storage.Session, token string) (string, error) {
	invalid := api.NewError(api.KindUnauthorized, "link_token_invalid", "the link token is unknown, expired or already used")
	if len(token) < len(LinkTokenPrefix) || token[:len(LinkTokenPrefix)] != LinkTokenPrefix {
		return "", invalid
	}
	now := s.now()
	var target string
	err := s.store.InTx(ctx, func(tx storage.Store) error {
		lt, err := tx.ConsumeLinkToken(ctx, auth.HashSecret(token), now)
		if errors.Is(err, storage.ErrNotFound) {
			return invalid
		} else if err != nil {
			return err
		}
		target = lt.SubjectID
		if target == ses.SubjectID {
			return nil
		}
		own, err := tx.UpdateSubject(ctx, ses.SubjectID, func(sub storage.Subject) (storage.Subject, error) { return sub, nil })
		if err != nil {
			return err
		}
		history, err := tx.ListVerificationsBySubject(ctx, own.ID)
		if err != nil {
			return err
		}
		atts, err := tx.ListAttestationsBySubject(ctx, own.ID)
		if err != nil {
			return err
		}
		if len(history) > 0 || len(atts) > 0 || own.ApprovedLevel > 0 || own.Blocked || own.ExternalCustomerID != "" {
			return api.Conflict("subject_not_empty",
				"this wallet already has its own verification history and cannot be linked to another account")
		}
		// Lock the target and count: the move may not take it past the wallet cap.
		if _, err := tx.UpdateSubject(ctx, target, func(sub storage.Subject) (storage.Subject, error) { return sub, nil }); err != nil {
			return err
		}
		moving, err := tx.ListWallets(ctx, own.ID)
		if err != nil {
			return err
		}
		if err := auth.EnsureWalletRoom(ctx, tx, target, len(moving), s.maxWallets); err != nil {
			return err
		}
		n, err := tx.MoveWallets(ctx, own.ID, target)
		if err != nil {
			return err
		}
		if err := storage.RecordAudit(ctx, tx, now, "wallet:"+ses.Address, "subject.wallets_linked", "subject", target,
			map[string]any{"from": own.ID, "wallets": n}); err != nil {
			return err
		}
		return storage.RecordAudit(ctx, tx, now, "wallet:"+ses.Address, "subject.merged", "subject", own.ID,
			map[string]any{"into": target})
	})
	return target, err
}
