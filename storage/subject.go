package storage

import (
	"context"
	"time"
)

// SubjectStore keeps subjects (the persons behind wallets) and their wallets.
type SubjectStore interface {
	CreateSubject(ctx context.Context, s *Subject) error
	GetSubject(ctx context.Context, id string) (Subject, error)
	// GetSubjectByCustomer finds the regular-mode subject of a tenant's customer id.
	GetSubjectByCustomer(ctx context.Context, tenantID, externalCustomerID string) (Subject, error)
	UpdateSubject(ctx context.Context, id string, update func(Subject) (Subject, error)) (Subject, error)
	// LockSubject reads a subject with its row locked until the transaction ends (FOR
	// UPDATE on PostgreSQL; SQLite's transactions hold the one write lock already). Call
	// it inside InTx: it serialises changes about one person across replicas.
	LockSubject(ctx context.Context, id string) (Subject, error)
	// LinkWallet attaches an address to a subject; ErrConflict if it already belongs to one.
	LinkWallet(ctx context.Context, w *Wallet) error
	GetWallet(ctx context.Context, address string) (Wallet, error)
	ListWallets(ctx context.Context, subjectID string) ([]Wallet, error)
	UnlinkWallet(ctx context.Context, address string) error
	// MoveWallets re-links every wallet of subject from to subject to, and moves the
	// sessions of from with them (a wallet holder's subject merged into a tenant's
	// customer). It reports how many wallets moved.
	MoveWallets(ctx context.Context, from, to string) (int64, error)

	// ShareSubject records that a subject's KYC result is shared with a tenant, with the
	// tenant's rules in force at that moment (sh.Rules, sh.RulesAt). Sharing again keeps
	// the first record, snapshot included, and succeeds; ErrNotFound if either does not
	// exist.
	ShareSubject(ctx context.Context, sh Share) error
	// SnapshotShareRules replaces the rules snapshot of an existing share (the holder
	// shared again, or a new approval was made for the tenant); ErrNotFound if the
	// subject is not shared with the tenant.
	SnapshotShareRules(ctx context.Context, tenantID, subjectID, rules string, at time.Time) error
	// GetShare returns the share of a subject with a tenant; ErrNotFound if none.
	GetShare(ctx context.Context, tenantID, subjectID string) (Share, error)
	// ListShareTenants returns the ids of the tenants a subject is shared with, sorted.
	ListShareTenants(ctx context.Context, subjectID string) ([]string, error)
	// IsSubjectShared reports whether a subject's result is shared with a tenant.
	IsSubjectShared(ctx context.Context, tenantID, subjectID string) (bool, error)
	// GetGateView is everything a gating lookup reads, in one query: the subject of a
	// wallet shared with the tenant, the share (its rules snapshot), the subject's latest
	// verification (without its sealed data) and each of the subject's wallets with its
	// stored screening state. ErrNotFound when the wallet is unknown or its subject is not
	// shared with the tenant.
	GetGateView(ctx context.Context, tenantID, address string) (GateView, error)
	// GetCustomerGateView is GetGateView for a tenant's regular-mode customer, in one
	// query: the subject of (tenantID, externalCustomerID), its share with the tenant if
	// any (HasShare), its latest verification and its wallets with their screening
	// states. ErrNotFound when the tenant has no such customer.
	GetCustomerGateView(ctx context.Context, tenantID, externalCustomerID string) (GateView, error)

	// CreateLinkToken stores a single-use token (by hash) that links wallets to a subject.
	CreateLinkToken(ctx context.Context, t LinkToken) error
	// ConsumeLinkToken deletes the token and returns it if it existed and was unexpired
	// at now; of concurrent callers exactly one succeeds, the others get ErrNotFound.
	ConsumeLinkToken(ctx context.Context, hash []byte, now time.Time) (LinkToken, error)
}

// Subject is the person (or organisation) behind one or more wallets or a tenant's
// customer account. It carries no personal data; that lives encrypted with verifications.
type Subject struct {
	ID        string
	CreatedAt time.Time
	// TenantID and ExternalCustomerID are set for subjects created in regular mode.
	TenantID           string
	ExternalCustomerID string
	// ApprovedLevel is the KYC level of the subject's current approval; 0 means none.
	ApprovedLevel int
	ApprovedAt    *time.Time
	// Country (ISO 3166-1 alpha-2) and Over18 are the approved verification's claims
	// that attestations carry; the details behind them stay encrypted with the verification.
	Country string
	Over18  bool
	// Blocked subjects get no attestations whatever their approval.
	Blocked bool
	// Hold is why an approved subject is held for a reviewer ("" when not held): a
	// monitored person's new screening match (aml_review). A held subject gets no
	// attestations and gates review until a reviewer clears or blocks it.
	Hold string
	// BirthDate is the approved date of birth, sealed by the caller (tenants' minimum-age
	// rules need it at decision time); nil when unknown.
	BirthDate []byte
	UpdatedAt time.Time
}

// Share records that a subject's KYC result is shared with a tenant. Gating lookups
// evaluate the subject under Rules, the tenant's rules as they stood at RulesAt (when it
// was shared, or last re-shared by its holder), not under the tenant's current rules: a
// tenant that changes its rules and looks the wallet up again learns nothing new.
type Share struct {
	TenantID  string
	SubjectID string
	CreatedAt time.Time
	// Rules is the tenant's gating policy (JSON) as it was at RulesAt.
	Rules   string
	RulesAt time.Time
}

// GateView is what GetGateView (and GetCustomerGateView) reads for one gating lookup.
type GateView struct {
	Subject Subject
	// Share is the subject's share with the tenant; HasShare is false when there is
	// none (only a customer's view can lack one).
	Share    Share
	HasShare bool
	// Latest is the subject's newest verification (by creation, then id) without its
	// sealed Data; nil when it has none.
	Latest *Verification
	// Wallets are every wallet linked to the subject (the one looked up included), in
	// ListWallets' order (linked, then address), each with its wallet screening state.
	Wallets []GateWallet
}

// GateWallet is one of a subject's wallets as a gating lookup reads it.
type GateWallet struct {
	// Address is lower-case 0x-hex.
	Address string
	// Screening is the wallet's stored screening state (GetWalletScreening); nil when
	// the wallet was never screened.
	Screening *WalletScreening
}

// LinkToken lets the holder of a wallet session link that wallet to a subject (a
// tenant's regular-mode customer). Only its hash is stored.
type LinkToken struct {
	Hash      []byte
	SubjectID string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// Wallet is an address linked to a subject. Addresses are stored lower-case 0x-hex.
type Wallet struct {
	Address   string
	SubjectID string
	LinkedAt  time.Time
}
