// Package attest issues, revokes and verifies the gateway's KYC attestations: EAS
// offchain attestations (version 2, EIP-712) about one wallet, signed by the gateway's
// key ring, carrying no personal data (see onchain/eas for the format).
//
// A subject gets attestations while it is approved (Subject.ApprovedLevel > 0) and not
// blocked; the KYC lifecycle sets those. Revocation marks the stored attestation at once
// and enqueues a durable job for the onchain registry.
package attest

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/notify"
	"github.com/kycgate/kycgate/onchain/eas"
	"github.com/kycgate/kycgate/onchain/signer"
	"github.com/kycgate/kycgate/onchain/verifier"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/storage"
)

// RevocationJobKind is the kind of the job enqueued for every revoked attestation
// (verifier.RevokeArgs); the onchain revocation publisher works it.
const RevocationJobKind = verifier.RevokeKind

// Status is an attestation's state as the API reports it.
type Status string

// The attestation states.
const (
	StatusValid   Status = "valid"
	StatusRevoked Status = "revoked"
	StatusExpired Status = "expired"
)

// Config is what issuance needs.
type Config struct {
	// Domains are the EAS domains per chain id attestations may be issued for.
	Domains map[uint64]eas.Domain
	// Validity is how long a new attestation is valid.
	Validity time.Duration
	// PublicURL is the gateway's origin; attestation URLs point at it.
	PublicURL string
	// Verifiers are the verifier contract addresses per chain id, when deployed.
	Verifiers map[uint64]common.Address
	// Revoker is the address that publishes revocations onchain (zero when none):
	// integrators authorise it on the registries of the contracts they deploy.
	Revoker common.Address
	// Screening screens the subject's wallets before each issuance (nil: none, the
	// claim walletRisk stays 0; the server always sets it).
	Screening Screening
}

// Screening is wallet screening as issuance needs it (screening.Service implements it).
type Screening interface {
	// CheckSubject screens every wallet linked to the subject (a result younger than the
	// screening TTL may serve) and returns the combined risk level on TRM's scale (0, 1,
	// 5, 10, 15), or a fault when a wallet is sanctioned, held or not screened.
	CheckSubject(ctx context.Context, subjectID string, chainID uint64) (uint8, error)
}

// Service issues and checks attestations.
type Service struct {
	store storage.Store
	keys  *signer.KeyRing
	cfg   Config
	now   func() time.Time
	// metrics counts issuance and verification (nil: not counted).
	metrics *Metrics
}

// NewService returns an attestation service. keys may have no active key: the gateway
// then verifies but refuses to issue.
func NewService(store storage.Store, keys *signer.KeyRing, cfg Config, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: store, keys: keys, cfg: cfg, now: now}
}

// Issued is an attestation handed to a wallet.
type Issued struct {
	Record  storage.Attestation
	Package *eas.Package
	// Reused is true when a still-fresh attestation was returned instead of a new one.
	Reused bool
}

// Issue returns an attestation for the session's wallet on chainID. Every wallet linked
// to the subject must have a fresh, acceptable screening (Config.Screening); walletRisk
// carries their combined risk level. The subject row is
// locked and checked (approved, not blocked, the wallet still its own) in the same
// transaction that stores the attestation, so a concurrent block or revocation either
// sees the new attestation or stops it. A valid attestation with the same claims and more
// than half its validity left is returned again (Reused) instead of a new one, so
// attestations (and the onchain revocations they may cost) stay bounded.
func (s *Service) Issue(ctx context.Context, ses storage.Session, chainID uint64) (Issued, error) {
	domain, ok := s.cfg.Domains[chainID]
	if !ok {
		return Issued{}, fault.InvalidError("chain_not_supported",
			fmt.Sprintf("no EAS deployment is configured for chain %d", chainID))
	}
	if s.keys == nil || s.keys.KeyID() == "" {
		return Issued{}, fault.New(fault.Unavailable, "signer_unavailable", "this gateway has no signing key configured")
	}
	// Every wallet of the subject is screened first, outside the transaction (sources are
	// remote); a sanctions match blocks the subject in its own transaction, which the
	// check below then sees.
	var walletRisk uint8
	if s.cfg.Screening != nil {
		var err error
		if walletRisk, err = s.cfg.Screening.CheckSubject(ctx, ses.SubjectID, chainID); err != nil {
			return Issued{}, err
		}
	}
	var out Issued
	err := s.store.InTx(ctx, func(tx storage.Store) error {
		sub, err := tx.LockSubject(ctx, ses.SubjectID)
		if err != nil {
			return err
		}
		switch w, err := tx.GetWallet(ctx, ses.Address); {
		case err != nil && !errors.Is(err, storage.ErrNotFound):
			return err
		case err != nil || w.SubjectID != sub.ID:
			return fault.UnauthorizedError("unauthenticated", "this wallet is no longer linked to the account: sign in again")
		case sub.Blocked:
			return fault.New(fault.Forbidden, "subject_blocked", "this account cannot receive attestations")
		case sub.ApprovedLevel <= 0:
			return fault.New(fault.Forbidden, "not_approved", "complete KYC verification first")
		case sub.Hold != "":
			return fault.New(fault.Forbidden, "subject_on_hold", "this account is under review and cannot receive attestations for now")
		}
		claims := eas.KYCClaims{Level: uint8(min(sub.ApprovedLevel, 255)), Country: sub.Country, Over18: sub.Over18,
			WalletRisk: walletRisk}
		if out, err = s.reusable(ctx, tx, sub.ID, ses.Address, domain, claims); err != nil || out.Package != nil {
			return err
		}
		out, err = s.sign(ctx, tx, ses, sub.ID, domain, chainID, claims)
		return err
	})
	if err == nil {
		s.metrics.issue(chainID, out.Reused)
	}
	return out, err
}

// reusable finds a valid attestation of the wallet on the domain's chain with the same
// claims, signed by the active key under the current domain (a rotated key or a moved
// EAS deployment makes a new one), and more than half its validity left.
func (s *Service) reusable(ctx context.Context, tx storage.Store, subjectID, recipient string, domain eas.Domain, claims eas.KYCClaims) (Issued, error) {
	list, err := tx.ListAttestationsBySubject(ctx, subjectID)
	if err != nil {
		return Issued{}, err
	}
	now := s.now()
	for _, a := range slices.Backward(list) {
		if a.ChainID != domain.ChainID || !strings.EqualFold(a.Recipient, recipient) || StatusOf(a, now) != StatusValid ||
			a.ExpiresAt.Sub(now) < s.cfg.Validity/2 || !strings.EqualFold(a.Signer, s.keys.Address().Hex()) {
			continue
		}
		pkg, err := eas.ParsePackage(a.Package)
		if err != nil {
			return Issued{}, fmt.Errorf("attest: stored package %s: %w", a.UID, err)
		}
		if got, err := eas.DecodeKYCClaims(pkg.Message.Data); err == nil && got == claims && pkg.Domain == domain {
			return Issued{Record: a, Package: pkg, Reused: true}, nil
		}
	}
	return Issued{}, nil
}

// sign makes, signs and stores a new attestation inside tx.
func (s *Service) sign(ctx context.Context, tx storage.Store, ses storage.Session, subjectID string, domain eas.Domain,
	chainID uint64, claims eas.KYCClaims) (Issued, error) {
	data, err := claims.Encode()
	if err != nil {
		return Issued{}, fmt.Errorf("attest: encode claims: %w", err)
	}
	now := s.now().UTC().Truncate(time.Second)
	expires := now.Add(s.cfg.Validity)
	var salt common.Hash
	if _, err := rand.Read(salt[:]); err != nil {
		return Issued{}, err
	}
	msg := eas.Attestation{
		Version: eas.Version2, Schema: eas.KYCSchemaUID, Recipient: common.HexToAddress(ses.Address),
		Time: uint64(now.Unix()), ExpirationTime: uint64(expires.Unix()), Revocable: true, Data: data, Salt: salt,
	}
	pkg, err := eas.Sign(domain, msg, s.keys)
	if err != nil {
		return Issued{}, err
	}
	raw, err := pkg.MarshalJSON()
	if err != nil {
		return Issued{}, err
	}
	rec := storage.Attestation{
		UID: uidString(pkg.UID), SubjectID: subjectID, Recipient: ses.Address, ChainID: chainID,
		Signer: storage.NormalizeAddress(pkg.Signer.Hex()), Package: raw, IssuedAt: now, ExpiresAt: expires,
	}
	if err := tx.CreateAttestation(ctx, &rec); err != nil {
		return Issued{}, err
	}
	if err := notify.EnqueueAttestation(ctx, tx, rec, "", s.now()); err != nil {
		return Issued{}, err
	}
	err = storage.RecordAudit(ctx, tx, s.now(), "wallet:"+ses.Address, "attestation.issued", "attestation", rec.UID,
		map[string]any{"chainId": chainID, "subjectId": subjectID, "keyId": s.keys.KeyID()})
	return Issued{Record: rec, Package: pkg}, err
}

// StatusOf is the state of a stored attestation at now.
func StatusOf(a storage.Attestation, now time.Time) Status {
	switch {
	case a.RevokedAt != nil:
		return StatusRevoked
	case !now.Before(a.ExpiresAt):
		return StatusExpired
	default:
		return StatusValid
	}
}

// Get returns a stored attestation and its package.
func (s *Service) Get(ctx context.Context, uid string) (storage.Attestation, *eas.Package, error) {
	h, ok := parseUID(uid)
	if !ok {
		return storage.Attestation{}, nil, fault.InvalidError("invalid_uid", "an attestation UID is 0x and 64 hex digits")
	}
	rec, err := s.store.GetAttestation(ctx, uidString(h))
	if errors.Is(err, storage.ErrNotFound) {
		return rec, nil, fault.NotFoundError("unknown_attestation", "no attestation with this UID was issued here")
	}
	if err != nil {
		return rec, nil, err
	}
	pkg, err := eas.ParsePackage(rec.Package)
	if err != nil {
		return rec, nil, fmt.Errorf("attest: stored package %s: %w", rec.UID, err)
	}
	return rec, pkg, nil
}

// ListForSubject returns a subject's attestations, newest first.
func (s *Service) ListForSubject(ctx context.Context, subjectID string) ([]storage.Attestation, error) {
	list, err := s.store.ListAttestationsBySubject(ctx, subjectID)
	slices.Reverse(list)
	return list, err
}

// Trust is what this gateway trusts when verifying: its configured EAS domains, its key
// ring's addresses, the KYC schema.
func (s *Service) Trust() eas.Trust {
	var signers []common.Address
	if s.keys != nil {
		signers = s.keys.Trusted()
	}
	return eas.Trust{Domains: s.cfg.Domains, Signers: signers, Schema: eas.KYCSchemaUID, Now: s.now}
}

// Verification is the answer of POST /v1/attestations/verify and `kycgate attest verify`.
type Verification struct {
	Valid      bool       `json:"valid"`
	Reason     string     `json:"reason,omitempty"`
	UID        string     `json:"uid,omitempty"`
	ChainID    uint64     `json:"chainId,omitempty"`
	Recipient  string     `json:"recipient,omitempty"`
	Signer     string     `json:"signer,omitempty"`
	KYCLevel   *uint8     `json:"kycLevel,omitempty"`
	Country    *string    `json:"country,omitempty"`
	Over18     *bool      `json:"over18,omitempty"`
	WalletRisk *uint8     `json:"walletRisk,omitempty"`
	IssuedAt   *time.Time `json:"issuedAt,omitempty"`
	ExpiresAt  *time.Time `json:"expiresAt,omitempty"`
	RevokedAt  *time.Time `json:"revokedAt,omitempty"`
}

// Verify checks a package as any dApp should (eas.Verify against this gateway's trust)
// and adds the revocation state from the store. A nil store skips that last step.
func Verify(ctx context.Context, pkg *eas.Package, trust eas.Trust, store storage.AttestationStore) (Verification, error) {
	v, err := eas.Verify(pkg, trust)
	if err != nil {
		if r := eas.ReasonOf(err); r != "" {
			return Verification{Valid: false, Reason: string(r)}, nil
		}
		return Verification{}, err
	}
	out := Verification{
		Valid: true, UID: uidString(v.UID), ChainID: v.ChainID, Recipient: v.Recipient.Hex(), Signer: v.Signer.Hex(),
		KYCLevel: &v.Claims.Level, Country: &v.Claims.Country, Over18: &v.Claims.Over18, WalletRisk: &v.Claims.WalletRisk,
		IssuedAt: &v.IssuedAt,
	}
	if !v.ExpiresAt.IsZero() {
		out.ExpiresAt = &v.ExpiresAt
	}
	if store != nil {
		revokedAt, err := store.AttestationRevokedAt(ctx, out.UID)
		switch {
		case err == nil && revokedAt != nil:
			out.Valid, out.Reason, out.RevokedAt = false, string(eas.ReasonRevoked), revokedAt
		case err != nil && !errors.Is(err, storage.ErrNotFound):
			return Verification{}, err
		}
	}
	return out, nil
}

// Revoke revokes one attestation with a reason, audits it and enqueues its onchain
// revocation, in one transaction.
func (s *Service) Revoke(ctx context.Context, uid, reason, actor string) error {
	h, ok := parseUID(uid)
	if !ok {
		return fault.InvalidError("invalid_uid", "an attestation UID is 0x and 64 hex digits")
	}
	now := s.now()
	return s.store.InTx(ctx, func(tx storage.Store) error {
		if err := tx.RevokeAttestation(ctx, uidString(h), reason, now); err != nil {
			if errors.Is(err, storage.ErrConflict) {
				return fault.ConflictError("already_revoked", "this attestation is already revoked")
			}
			return err
		}
		return revoked(ctx, tx, []string{uidString(h)}, reason, actor, now)
	})
}

// RevokeSubject revokes every attestation of a subject in one call (a rejection, a
// sanctions hit, a reviewer's reversal) and returns the revoked UIDs. Run it inside the
// caller's transaction (pass the transaction's store) to tie it to the status change.
func RevokeSubject(ctx context.Context, st storage.Store, subjectID, reason, actor string, now time.Time) ([]string, error) {
	var uids []string
	err := st.InTx(ctx, func(tx storage.Store) error {
		var err error
		if uids, err = tx.RevokeSubjectAttestations(ctx, subjectID, reason, now); err != nil {
			return err
		}
		return revoked(ctx, tx, uids, reason, actor, now)
	})
	return uids, err
}

// RevokeWallet revokes a subject's attestations about one wallet (it was unlinked) and
// enqueues their onchain revocations. Run it inside the caller's transaction.
func RevokeWallet(ctx context.Context, st storage.Store, subjectID, address, reason, actor string, now time.Time) ([]string, error) {
	var uids []string
	err := st.InTx(ctx, func(tx storage.Store) error {
		var err error
		if uids, err = tx.RevokeRecipientAttestations(ctx, subjectID, address, reason, now); err != nil {
			return err
		}
		return revoked(ctx, tx, uids, reason, actor, now)
	})
	return uids, err
}

// revoked audits revocations and enqueues one onchain revocation job per attestation.
func revoked(ctx context.Context, tx storage.Store, uids []string, reason, actor string, now time.Time) error {
	for _, uid := range uids {
		if err := storage.RecordAudit(ctx, tx, now, actor, "attestation.revoked", "attestation", uid,
			map[string]string{"reason": reason}); err != nil {
			return err
		}
		if _, err := queue.InsertTx(ctx, tx, verifier.RevokeArgs{UID: uid}, nil); err != nil {
			return err
		}
		a, err := tx.GetAttestation(ctx, uid)
		if err != nil {
			return err
		}
		if err := notify.EnqueueAttestation(ctx, tx, a, reason, now); err != nil {
			return err
		}
	}
	return nil
}

func parseUID(s string) (common.Hash, bool) {
	b, err := hexutil.Decode(strings.TrimSpace(s))
	if err != nil || len(b) != common.HashLength {
		return common.Hash{}, false
	}
	return common.BytesToHash(b), true
}

func uidString(h common.Hash) string { return strings.ToLower(h.Hex()) }
