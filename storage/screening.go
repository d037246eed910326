package storage

import (
	"context"
	"time"
)

// ScreeningStore keeps wallet screening: every source's answer (or failure) as a history
// row for audit, and per wallet the combined state gating and issuance read (the last
// outcome and a reviewer's hold).
type ScreeningStore interface {
	// AddScreening appends one source's answer (or failure, Error set) to the history of
	// s.Address; it sets s.ID when empty.
	AddScreening(ctx context.Context, s *Screening) error
	// ListScreenings returns the history of a wallet, newest first, at most limit rows.
	ListScreenings(ctx context.Context, address string, limit int) ([]Screening, error)
	// LatestScreenings returns, for each source that ever answered about the wallet, its
	// newest answer (failures aside).
	LatestScreenings(ctx context.Context, address string) ([]Screening, error)
	// GetWalletScreening returns a wallet's combined screening state; ErrNotFound when it
	// was never screened.
	GetWalletScreening(ctx context.Context, address string) (WalletScreening, error)
	// PutWalletScreening inserts or replaces a wallet's combined screening state.
	PutWalletScreening(ctx context.Context, w WalletScreening) error
	// ListHeldWallets returns the wallets held for a reviewer, the longest held first, at
	// most limit.
	ListHeldWallets(ctx context.Context, limit int) ([]WalletScreening, error)
	// ListWalletsToRescreen returns at most limit linked wallets whose last screening is
	// older than before (or that were never screened) and that either hold an
	// attestation valid at now or belong to a subject shared with a tenant or owned by
	// one (a regular-mode customer), the longest unscreened first.
	ListWalletsToRescreen(ctx context.Context, now, before time.Time, limit int) ([]string, error)
}

// Screening is one source's answer about one wallet (or its failure to answer), kept
// for audit.
type Screening struct {
	ID      string
	Address string
	// ChainID is the EIP-155 chain the address was screened for (0: any).
	ChainID uint64
	// Source is the registry name of the source (ofac, chainalysis-api, trm, …).
	Source string
	// Status is clear, flagged or sanctioned; empty for a failure.
	Status string
	// Risk is the source's risk level on TRM's scale (0, 1, 5, 10, 15).
	Risk       int
	Categories []string
	// Reference is what was consulted (a list's date and hash, a response id).
	Reference string
	// Error is why the source did not answer (no secrets); empty for an answer.
	Error     string
	CheckedAt time.Time
}

// WalletScreening is a wallet's combined screening state.
type WalletScreening struct {
	Address string
	// Outcome is the last combined outcome: clear, review, deny or sanctioned.
	Outcome string
	// Risk is the last combined risk level on TRM's scale.
	Risk int
	// Sources are the sources of the last screening, answered or failed.
	Sources []string
	// Failed is true when a source of the last screening did not answer.
	Failed    bool
	CheckedAt time.Time
	// Held is true while a reviewer has to clear the wallet (a risk at or above the
	// review level, or a sanctions match); a later clear screening does not lift it.
	Held   bool
	HeldAt *time.Time
	// AcceptedRisk is the risk level a reviewer cleared: later screenings at or below it
	// hold nothing.
	AcceptedRisk int
	UpdatedAt    time.Time
}
