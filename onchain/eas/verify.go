package eas

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// Reason says why a package is not a valid kycgate attestation. Reasons are
// stable strings meant for API responses. A Reason is an error, so
// errors.Is(err, ReasonExpired) works on Verify's errors.
type Reason string

// Error returns the reason's text.
func (r Reason) Error() string { return string(r) }

// The reasons Verify (and the parsers) give, in the order Verify checks them.
const (
	// ReasonMalformed: the JSON or URL does not parse, or a value is malformed.
	ReasonMalformed Reason = "malformed"
	// ReasonVersion: the package or message version is not 2.
	ReasonVersion Reason = "unsupported_version"
	// ReasonTypes: the primary type or types are not exactly version 2's.
	ReasonTypes Reason = "invalid_types"
	// ReasonUntrustedChain: no trusted domain is configured for the chain id.
	ReasonUntrustedChain Reason = "untrusted_chain"
	// ReasonDomainMismatch: the domain differs from the chain's trusted domain.
	ReasonDomainMismatch Reason = "domain_mismatch"
	// ReasonUIDMismatch: the UID does not recompute from the message.
	ReasonUIDMismatch Reason = "uid_mismatch"
	// ReasonSignatureV: the signature's v is not 27 or 28.
	ReasonSignatureV Reason = "invalid_signature_v"
	// ReasonSignatureMalformed: r or s is out of range, or no key recovers.
	ReasonSignatureMalformed Reason = "malformed_signature"
	// ReasonSignatureMalleable: s is in the upper half of the curve order
	// (a malleated signature).
	ReasonSignatureMalleable Reason = "malleable_signature"
	// ReasonSignerMismatch: the signature does not recover to the package's
	// signer, so some signed content was changed.
	ReasonSignerMismatch Reason = "signer_mismatch"
	// ReasonUntrustedSigner: the signer is not a trusted signer.
	ReasonUntrustedSigner Reason = "untrusted_signer"
	// ReasonWrongSchema: the schema is not the expected one.
	ReasonWrongSchema Reason = "wrong_schema"
	// ReasonFutureTime: the attestation's time is later than now plus the
	// allowed clock skew.
	ReasonFutureTime Reason = "future_time"
	// ReasonExpired: now is at or after the expiration time.
	ReasonExpired Reason = "expired"
	// ReasonInvalidData: the data does not decode as KYCClaims.
	ReasonInvalidData Reason = "invalid_data"
	// ReasonRevoked: the attestation was revoked. Verify never returns it:
	// callers that hold revocation state check Verified.UID and report it.
	ReasonRevoked Reason = "revoked"
)

// VerifyError is the error of Verify and of the parsers; it carries a Reason.
type VerifyError struct {
	Reason Reason
	// Detail says what exactly was wrong, for logs and humans.
	Detail string
}

// Error returns "eas: reason: detail".
func (e *VerifyError) Error() string {
	if e.Detail == "" {
		return "eas: " + string(e.Reason)
	}
	return "eas: " + string(e.Reason) + ": " + e.Detail
}

// Unwrap returns the Reason, for errors.Is.
func (e *VerifyError) Unwrap() error { return e.Reason }

// ReasonOf returns the Reason carried by err, "" for nil and
// ReasonMalformed for any other error.
func ReasonOf(err error) Reason {
	if err == nil {
		return ""
	}
	var ve *VerifyError
	if errors.As(err, &ve) {
		return ve.Reason
	}
	return ReasonMalformed
}

func fail(r Reason, format string, args ...any) *VerifyError {
	return &VerifyError{Reason: r, Detail: fmt.Sprintf(format, args...)}
}

func malformed(format string, args ...any) *VerifyError {
	return fail(ReasonMalformed, format, args...)
}

// DefaultClockSkew is how far in the future an attestation's time may be
// when Trust.ClockSkew is zero.
const DefaultClockSkew = time.Minute

// Trust is what a verifier trusts.
type Trust struct {
	// Domains are the trusted EAS domains by chain id (see NewDomain).
	Domains map[uint64]Domain
	// Signers are the trusted attester addresses.
	Signers []common.Address
	// Schema is the expected schema UID; zero means KYCSchemaUID.
	Schema common.Hash
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// ClockSkew is the allowance for an attestation time in the future;
	// zero means DefaultClockSkew, negative means none.
	ClockSkew time.Duration
}

// Verified is a valid attestation's content.
type Verified struct {
	// UID is the offchain UID; check it against revocation state.
	UID common.Hash
	// ChainID is the chain whose EAS domain the attestation was signed for.
	ChainID uint64
	// Recipient is the wallet the attestation is about; a dApp compares it
	// with the wallet it is dealing with.
	Recipient common.Address
	// Signer is the trusted attester that signed it.
	Signer common.Address
	// Schema is the schema UID.
	Schema common.Hash
	// Claims are the decoded attestation data.
	Claims KYCClaims
	// IssuedAt is the attestation's time.
	IssuedAt time.Time
	// ExpiresAt is the zero time when the attestation never expires.
	ExpiresAt time.Time
	// Revocable tells whether the attester may revoke it.
	Revocable bool
	// RefUID is the referenced attestation's UID, or zero.
	RefUID common.Hash
}

// Verify checks pkg against trust and returns its content. It checks, in
// order: version, primary type and types, domain (trusted chain, then equal
// to that chain's domain), UID, signature shape (v, range, low s), that the
// signature recovers to pkg.Signer, that the signer is trusted, the schema,
// the time against the clock, the expiry and the data. The error is a
// *VerifyError with the first failing Reason. Revocation is the caller's
// (see ReasonRevoked).
func Verify(pkg *Package, trust Trust) (*Verified, error) {
	if pkg == nil {
		return nil, malformed("no package")
	}
	m := &pkg.Message
	if pkg.Version != Version2 || m.Version != Version2 {
		return nil, fail(ReasonVersion, "package version %d, message version %d, want %d", pkg.Version, m.Version, Version2)
	}
	if pkg.PrimaryType != PrimaryType {
		return nil, fail(ReasonTypes, "primary type %q, want %q", pkg.PrimaryType, PrimaryType)
	}
	if len(pkg.Types) != 1 || !slices.Equal(pkg.Types[PrimaryType], attestFields) {
		return nil, fail(ReasonTypes, "types are not exactly the version 2 Attest type")
	}
	want, ok := trust.Domains[pkg.Domain.ChainID]
	if !ok {
		return nil, fail(ReasonUntrustedChain, "chain %d", pkg.Domain.ChainID)
	}
	if pkg.Domain != want || pkg.Domain.Name != DomainName {
		return nil, fail(ReasonDomainMismatch, "domain %q %q %s on chain %d, want %q %q %s",
			pkg.Domain.Name, pkg.Domain.Version, pkg.Domain.VerifyingContract.Hex(), pkg.Domain.ChainID,
			want.Name, want.Version, want.VerifyingContract.Hex())
	}
	h := getHasher()
	defer h.put()
	if uid := h.offchainUID(m); uid != pkg.UID {
		return nil, fail(ReasonUIDMismatch, "uid %s, message gives %s", pkg.UID.Hex(), uid.Hex())
	}
	sig := pkg.Signature
	if sig.V != 27 && sig.V != 28 {
		return nil, fail(ReasonSignatureV, "v is %d", sig.V)
	}
	if !inRange(sig.R) || !inRange(sig.S) {
		return nil, fail(ReasonSignatureMalformed, "r or s out of range")
	}
	if highS(sig.S) {
		return nil, fail(ReasonSignatureMalleable, "s is in the upper half of the curve order")
	}
	// The domain equals a trusted one here, so caching its separator cannot
	// be made to grow by untrusted input.
	pub, err := h.recoverKey(h.digest(cachedSeparator(h, &pkg.Domain), h.structHash(m)), sig)
	if err != nil {
		return nil, fail(ReasonSignatureMalformed, "%v", err)
	}
	signer := h.signerAddress(pub, trust.Signers)
	if signer != pkg.Signer {
		return nil, fail(ReasonSignerMismatch, "signature recovers to %s, package names %s", signer.Hex(), pkg.Signer.Hex())
	}
	if !slices.Contains(trust.Signers, signer) {
		return nil, fail(ReasonUntrustedSigner, "%s", signer.Hex())
	}
	schema := trust.Schema
	if schema == (common.Hash{}) {
		schema = KYCSchemaUID
	}
	if m.Schema != schema {
		return nil, fail(ReasonWrongSchema, "schema %s, want %s", m.Schema.Hex(), schema.Hex())
	}
	now := time.Now
	if trust.Now != nil {
		now = trust.Now
	}
	skew := trust.ClockSkew
	switch {
	case skew == 0:
		skew = DefaultClockSkew
	case skew < 0:
		skew = 0
	}
	t := now()
	nowSec := uint64(max(t.Unix(), 0))
	if m.Time > nowSec+uint64(skew/time.Second) {
		return nil, fail(ReasonFutureTime, "time %d is after now %d", m.Time, nowSec)
	}
	if m.ExpirationTime != 0 && nowSec >= m.ExpirationTime {
		return nil, fail(ReasonExpired, "expired at %d, now %d", m.ExpirationTime, nowSec)
	}
	claims, err := DecodeKYCClaims(m.Data)
	if err != nil {
		return nil, fail(ReasonInvalidData, "%v", err)
	}
	v := &Verified{
		UID:       pkg.UID,
		ChainID:   pkg.Domain.ChainID,
		Recipient: m.Recipient,
		Signer:    signer,
		Schema:    m.Schema,
		Claims:    claims,
		IssuedAt:  unix(m.Time),
		Revocable: m.Revocable,
		RefUID:    m.RefUID,
	}
	if m.ExpirationTime != 0 {
		v.ExpiresAt = unix(m.ExpirationTime)
	}
	return v, nil
}

// attestFields is AttestFields() for comparisons that must not allocate.
var attestFields = AttestFields()

func unix(sec uint64) time.Time {
	return time.Unix(int64(min(sec, math.MaxInt64)), 0).UTC()
}
