package auth

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/wallet"
)

// SessionTokenPrefix starts every wallet session token.
const SessionTokenPrefix = "kgs_"

// nonceAlphabet is EIP-4361's nonce alphabet (alphanumeric).
const nonceAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// nonceLength gives 17 × log2(62) ≈ 101 bits, above EIP-4361's 64 and our 96.
const nonceLength = 17

// Config is what sign-in needs to know.
type Config struct {
	// PublicURL is the gateway's origin; a SIWE message's domain, scheme and URI are
	// checked against it.
	PublicURL string
	// ChainIDs are the chains a message may name.
	ChainIDs   []uint64
	NonceTTL   time.Duration
	SessionTTL time.Duration
	// ClockSkew is how far in the future a message's Issued At may be.
	ClockSkew time.Duration
	// CookieSecure marks the session cookie Secure.
	CookieSecure bool
	// MaxWallets is the most wallets a subject may have linked; 0 means DefaultMaxWallets.
	MaxWallets int
}

// DefaultMaxWallets is the wallet cap of a subject when none is configured.
const DefaultMaxWallets = 100

// CodeTooManyWallets is the 409 error code of a link past the wallet cap.
const CodeTooManyWallets = "too_many_wallets"

// EnsureWalletRoom refuses, with 409 too_many_wallets, adding adding wallets to a subject
// that would then hold more than max (0: DefaultMaxWallets). Call it inside the
// transaction that adds them, after locking the subject's row, so concurrent links count
// each other.
func EnsureWalletRoom(ctx context.Context, tx storage.SubjectStore, subjectID string, adding, max int) error {
	if max <= 0 {
		max = DefaultMaxWallets
	}
	have, err := tx.ListWallets(ctx, subjectID)
	if err != nil {
		return err
	}
	if len(have)+adding > max {
		return fault.ConflictError(CodeTooManyWallets, fmt.Sprintf(
			"an account holds at most %d wallets and this one has %d: unlink one before linking another", max, len(have)))
	}
	return nil
}

// Service runs sign-in, sessions and wallet linking.
type Service struct {
	// OnUnlink, when set, runs inside the unlink transaction after the wallet is gone.
	OnUnlink func(ctx context.Context, tx storage.Store, subjectID, address string, now time.Time) error
	// OnLink, when set, runs inside the transaction that links a new wallet to an
	// existing subject (LinkWallet) with the chain the wallet signed for; the gateway
	// inserts the wallet's screening job there. A first sign-in takes NewWalletJob.
	OnLink func(ctx context.Context, tx storage.Store, address string, chainID uint64) error
	// NewWalletJob, when set, describes the job a wallet's first sign-in inserts with its
	// new subject, in the sign-in's own unit of work (storage.SignIn.Job: one statement
	// on PostgreSQL, one transaction on SQLite), for the address (lower case) and the
	// chain it signed for; the gateway describes the wallet's screening job there. An
	// error fails the sign-in. After a sign-in inserted the job, NewWalletJobInserted
	// (when set) is told.
	NewWalletJob         func(address string, chainID uint64) (storage.Job, error)
	NewWalletJobInserted func(storage.Job)

	store    storage.Store
	cfg      Config
	verifier *wallet.Verifier
	now      func() time.Time
	siwe     SIWEOptions
}

// NewService returns a sign-in service. verifier checks contract wallets on the chains
// it has clients for; nil checks EOA signatures only.
func NewService(store storage.Store, cfg Config, verifier *wallet.Verifier, now func() time.Time) (*Service, error) {
	if cfg.ClockSkew == 0 {
		cfg.ClockSkew = DefaultClockSkew
	}
	if now == nil {
		now = time.Now
	}
	opts, err := NewSIWEOptions(cfg.PublicURL, cfg.ChainIDs, verifier)
	if err != nil {
		return nil, err
	}
	opts.ClockSkew = cfg.ClockSkew
	return &Service{store: store, cfg: cfg, verifier: verifier, now: now, siwe: opts}, nil
}

// NewNonce issues and stores a fresh single-use nonce.
func (s *Service) NewNonce(ctx context.Context) (storage.Nonce, error) {
	// Rejection sampling keeps every character equally likely (256 is not a multiple of 62).
	b := make([]byte, 0, nonceLength)
	var buf [32]byte
	for len(b) < nonceLength {
		if _, err := rand.Read(buf[:]); err != nil {
			return storage.Nonce{}, err
		}
		for _, c := range buf {
			if int(c) < 256-256%len(nonceAlphabet) && len(b) < nonceLength {
				b = append(b, nonceAlphabet[int(c)%len(nonceAlphabet)])
			}
		}
	}
	now := s.now()
	n := storage.Nonce{Value: string(b), CreatedAt: now, ExpiresAt: now.Add(s.cfg.NonceTTL)}
	return n, s.store.CreateNonce(ctx, n)
}

// PrepareSignIn issues a nonce and, when address or chainID is given, the message that
// wallet signs to sign in here with it. Both or neither must be given: the address must
// be one (a mixed-case address its EIP-55 form: 400 invalid_address) and the chain one
// this gateway accepts at sign-in (400 chain_not_allowed), so no message is prepared that
// sign-in would refuse.
func (s *Service) PrepareSignIn(ctx context.Context, address string, chainID uint64) (storage.Nonce, string, error) {
	var addr common.Address
	if address != "" || chainID != 0 {
		if address == "" || chainID == 0 {
			return storage.Nonce{}, "", fault.InvalidError("invalid_request",
				"send address and chainId together for the message to sign, or neither for a bare nonce")
		}
		var err error
		if addr, err = wallet.ParseAddress(address); err != nil {
			return storage.Nonce{}, "", fault.InvalidError("invalid_address",
				"address must be 0x and 40 hex digits; a mixed-case address must be its EIP-55 checksum form")
		}
		if !slices.Contains(s.cfg.ChainIDs, chainID) {
			return storage.Nonce{}, "", fault.InvalidError(CodeChainNotAllowed, fmt.Sprintf(
				"chain id %d is not accepted here (accepted: %s)", chainID, joinChainIDs(s.cfg.ChainIDs)))
		}
	}
	n, err := s.NewNonce(ctx)
	if err != nil || address == "" {
		return n, "", err
	}
	return n, s.PrepareMessage(addr, chainID, n), nil
}

func joinChainIDs(ids []uint64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatUint(id, 10)
	}
	return strings.Join(parts, ", ")
}

// PrepareMessage writes the EIP-4361 message a wallet signs to sign in here with nonce:
// this gateway's scheme, domain and URI, the address in EIP-55 form. It carries no
// Expiration Time: the nonce (single use, NonceTTL) already bounds when it can be used,
// and an expiry would cap the session (a wallet's explicit Expiration Time does), so the
// session lasts SessionTTL. Front ends may build the message themselves; this saves them
// the checksum.
func (s *Service) PrepareMessage(address common.Address, chainID uint64, n storage.Nonce) string {
	m := Message{
		Scheme: s.siwe.Scheme, Domain: s.siwe.Domain, Address: address,
		Statement: "Sign in with your wallet to verify your identity once and reuse it across dApps.",
		URI:       s.siwe.URIOrigin, Version: "1", ChainID: chainID, Nonce: n.Value,
		IssuedAt: n.CreatedAt.UTC().Truncate(time.Second),
	}
	return m.String()
}

// SignInResult is a new session and the token that authenticates it.
type SignInResult struct {
	Token   string
	Session storage.Session
}

// SignIn checks a signed SIWE message and opens a session for its address. The nonce is
// consumed in the same unit of work that creates the session (storage's SignIn: one
// statement on PostgreSQL, one transaction on SQLite), so a message signs in once even
// when two replicas receive it at the same time. The first sign-in of an address creates
// its subject, and in the same unit the job NewWalletJob describes.
func (s *Service) SignIn(ctx context.Context, message, signature string) (SignInResult, error) {
	now := s.now()
	msg, err := s.verify(ctx, message, signature, now)
	if err != nil {
		return SignInResult{}, err
	}
	token, hash := NewAPIKey(SessionTokenPrefix)
	expires := now.Add(s.cfg.SessionTTL)
	if msg.ExpirationTime != nil && msg.ExpirationTime.Before(expires) {
		expires = *msg.ExpirationTime
	}
	in := storage.SignIn{Nonce: msg.Nonce, Session: storage.Session{TokenHash: hash,
		Address: storage.NormalizeAddress(msg.Address.Hex()), ChainID: msg.ChainID, CreatedAt: now, ExpiresAt: expires}}
	if s.NewWalletJob != nil {
		// Described for every sign-in; the store inserts it only with a new subject.
		job, err := s.NewWalletJob(in.Session.Address, msg.ChainID)
		if err != nil {
			return SignInResult{}, err
		}
		in.Job = &job
	}
	err = s.store.SignIn(ctx, &in)
	if errors.Is(err, storage.ErrConflict) {
		// Two first sign-ins of one address raced and the other created its subject;
		// nothing of this one was written (nonce included), so run it once more.
		in.Session.ID = ""
		err = s.store.SignIn(ctx, &in)
	}
	if errors.Is(err, storage.ErrNotFound) {
		return SignInResult{}, fault.UnauthorizedError("nonce_invalid", "the nonce is unknown, expired or already used: request a new one")
	}
	if err != nil {
		return SignInResult{}, err
	}
	if in.SubjectCreated && in.Job != nil && s.NewWalletJobInserted != nil {
		s.NewWalletJobInserted(*in.Job)
	}
	return SignInResult{Token: token, Session: in.Session}, nil
}

// verify runs the SIWE checks and turns their failures into API errors.
func (s *Service) verify(ctx context.Context, message, signature string, now time.Time) (*SignedMessage, error) {
	opts := s.siwe
	opts.Now = func() time.Time { return now }
	msg, err := VerifyMessage(ctx, message, signature, opts)
	if err != nil {
		return nil, siweAPIError(err)
	}
	return msg, nil
}

// siweAPIError gives a refused SIWE message its status: 400 for a message that is not
// acceptable in itself, 401 for a proof that does not authenticate.
func siweAPIError(err error) error {
	var se *SIWEError
	if !errors.As(err, &se) {
		return err
	}
	kind := fault.Unauthorized
	switch se.Code {
	case CodeInvalidMessage, CodeChainNotAllowed:
		kind = fault.Invalid
	case CodeContractWalletUnsupported:
		kind = fault.Unprocessable
	}
	return &fault.Error{Kind: kind, Code: se.Code, Message: se.Message, Cause: err}
}

// checksum renders a stored (lower-case) address in EIP-55 form.
func checksum(address string) string { return common.HexToAddress(address).Hex() }

func consumeNonce(ctx context.Context, tx storage.SignInStore, nonce string, now time.Time) error {
	if err := tx.ConsumeNonce(ctx, nonce, now); err != nil {
		if errors.Is(err, storage.ErrNotFound) {
			return fault.UnauthorizedError("nonce_invalid", "the nonce is unknown, expired or already used: request a new one")
		}
		return err
	}
	return nil
}

// Authenticate returns the live session of a token.
func (s *Service) Authenticate(ctx context.Context, token string) (storage.Session, error) {
	if !strings.HasPrefix(token, SessionTokenPrefix) {
		return storage.Session{}, fault.UnauthorizedError("unauthenticated", "sign in with your wallet first")
	}
	ses, err := s.store.GetSessionByTokenHash(ctx, HashSecret(token), s.now())
	if errors.Is(err, storage.ErrNotFound) {
		return ses, fault.UnauthorizedError("unauthenticated", "the session is unknown, expired or ended: sign in again")
	}
	return ses, err
}

// Logout ends a session.
func (s *Service) Logout(ctx context.Context, ses storage.Session) error {
	return s.store.RevokeSession(ctx, ses.ID, s.now())
}

// LinkWallet links another wallet to the session's subject, proven by that wallet's own
// fresh SIWE message. A wallet belongs to one subject only, and a subject holds at most
// Config.MaxWallets (409 too_many_wallets).
func (s *Service) LinkWallet(ctx context.Context, ses storage.Session, message, signature string) (storage.Wallet, error) {
	now := s.now()
	msg, err := s.verify(ctx, message, signature, now)
	if err != nil {
		return storage.Wallet{}, err
	}
	address := storage.NormalizeAddress(msg.Address.Hex())
	var w storage.Wallet
	err = s.store.InTx(ctx, func(tx storage.Store) error {
		if err := consumeNonce(ctx, tx, msg.Nonce, now); err != nil {
			return err
		}
		if err := lockUnblockedSubject(ctx, tx, ses.SubjectID); err != nil {
			return err
		}
		if existing, err := tx.GetWallet(ctx, address); err == nil {
			if existing.SubjectID == ses.SubjectID {
				w = existing
				return nil
			}
			return fault.ConflictError("wallet_already_linked", "this wallet is already linked to another account")
		} else if !errors.Is(err, storage.ErrNotFound) {
			return err
		}
		if err := EnsureWalletRoom(ctx, tx, ses.SubjectID, 1, s.cfg.MaxWallets); err != nil {
			return err
		}
		w = storage.Wallet{Address: address, SubjectID: ses.SubjectID, LinkedAt: now}
		if err := tx.LinkWallet(ctx, &w); err != nil {
			if errors.Is(err, storage.ErrConflict) {
				return fault.ConflictError("wallet_already_linked", "this wallet is already linked to another account")
			}
			return err
		}
		if err := s.linked(ctx, tx, address, msg.ChainID); err != nil {
			return err
		}
		return storage.RecordAudit(ctx, tx, now, "wallet:"+ses.Address, "wallet.linked", "subject", ses.SubjectID,
			map[string]string{"address": address})
	})
	return w, err
}

// linked runs OnLink, when set, for a newly linked wallet inside tx.
func (s *Service) linked(ctx context.Context, tx storage.Store, address string, chainID uint64) error {
	if s.OnLink == nil {
		return nil
	}
	return s.OnLink(ctx, tx, address, chainID)
}

// UnlinkWallet removes a wallet from the session's subject; the last one stays. Every
// session of that wallet on the account ends with it, and the hook runs in the same
// transaction (the gateway revokes the wallet's attestations there). A blocked account
// cannot unlink: that would let a blocked wallet start over as a new subject.
func (s *Service) UnlinkWallet(ctx context.Context, ses storage.Session, address string) error {
	if !common.IsHexAddress(address) {
		return fault.InvalidError("invalid_address", "not an Ethereum address")
	}
	address = storage.NormalizeAddress(address)
	now := s.now()
	return s.store.InTx(ctx, func(tx storage.Store) error {
		// Lock the subject row first so two concurrent unlinks cannot both see two wallets.
		if err := lockUnblockedSubject(ctx, tx, ses.SubjectID); err != nil {
			return err
		}
		w, err := tx.GetWallet(ctx, address)
		if errors.Is(err, storage.ErrNotFound) || (err == nil && w.SubjectID != ses.SubjectID) {
			return fault.NotFoundError("unknown_wallet", "no such wallet on this account")
		} else if err != nil {
			return err
		}
		all, err := tx.ListWallets(ctx, ses.SubjectID)
		if err != nil {
			return err
		}
		if len(all) <= 1 {
			return fault.ConflictError("last_wallet", "the last wallet of an account cannot be unlinked")
		}
		if err := tx.UnlinkWallet(ctx, address); err != nil {
			return err
		}
		if _, err := tx.RevokeWalletSessions(ctx, ses.SubjectID, address, now); err != nil {
			return err
		}
		if s.OnUnlink != nil {
			if err := s.OnUnlink(ctx, tx, ses.SubjectID, address, now); err != nil {
				return err
			}
		}
		return storage.RecordAudit(ctx, tx, now, "wallet:"+ses.Address, "wallet.unlinked", "subject", ses.SubjectID,
			map[string]string{"address": address})
	})
}

// lockUnblockedSubject locks the subject's row for the rest of the transaction and
// refuses a blocked subject.
func lockUnblockedSubject(ctx context.Context, tx storage.SubjectStore, subjectID string) error {
	sub, err := tx.LockSubject(ctx, subjectID)
	if err != nil {
		return err
	}
	if sub.Blocked {
		return fault.ConflictError("subject_blocked", "this account is blocked: its wallets cannot change")
	}
	return nil
}
