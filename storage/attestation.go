package storage

import (
	"context"
	"time"
)

// AttestationStore keeps issued attestations and their revocation state.
type AttestationStore interface {
	CreateAttestation(ctx context.Context, a *Attestation) error
	GetAttestation(ctx context.Context, uid string) (Attestation, error)
	// AttestationRevokedAt reads only an attestation's revocation time: nil when it is not
	// revoked, ErrNotFound when the gateway never issued it. It is the revocation check of
	// verification, which needs nothing else of the row.
	AttestationRevokedAt(ctx context.Context, uid string) (*time.Time, error)
	ListAttestationsBySubject(ctx context.Context, subjectID string) ([]Attestation, error)
	// RevokeAttestation marks one attestation revoked; revoking twice keeps the first
	// revocation and returns ErrConflict.
	RevokeAttestation(ctx context.Context, uid, reason string, at time.Time) error
	// RevokeSubjectAttestations revokes every unrevoked attestation of a subject and
	// returns the UIDs it revoked.
	RevokeSubjectAttestations(ctx context.Context, subjectID, reason string, at time.Time) ([]string, error)
	// RevokeRecipientAttestations revokes every unrevoked attestation of a subject about
	// one wallet and returns the UIDs it revoked.
	RevokeRecipientAttestations(ctx context.Context, subjectID, recipient, reason string, at time.Time) ([]string, error)
}

// Attestation is an issued EAS offchain attestation.
type Attestation struct {
	UID       string
	SubjectID string
	Recipient string
	ChainID   uint64
	Signer    string
	// Package is the shareable JSON package; it carries no personal data.
	Package          []byte
	IssuedAt         time.Time
	ExpiresAt        time.Time
	RevokedAt        *time.Time
	RevocationReason string
}
