package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/storage"
)

// Console sessions: the browser sessions of the reviewer back office (/review) and the
// operator pages (/admin). A reviewer or operator API key is exchanged once
// (POST /v1/console/session) for a random token kept only in an HttpOnly, SameSite=Strict
// cookie; the key itself never reaches the browser's storage. The store keeps the token's
// SHA-256, the role, the owner, the key it was opened with (revoking that key ends the
// session) and a CSRF token every cookie-authenticated write must echo in CSRFHeader.

// ConsoleCookie is the console session cookie.
const ConsoleCookie = "kycgate_console"

// CSRFHeader carries a console session's CSRF token on every cookie-authenticated write.
const CSRFHeader = "X-CSRF-Token"

// ConsoleTokenPrefix starts every console session token.
const ConsoleTokenPrefix = "kgc_"

// Defaults of ConsoleConfig.
const (
	DefaultConsoleIdleTimeout = 15 * time.Minute
	DefaultConsoleMaxAge      = 8 * time.Hour
)

// CodeCSRFFailed is the 403 error code of a cookie-authenticated write without the
// session's CSRF token (or, on the River UI, from another origin).
const CodeCSRFFailed = "csrf_failed"

// ConsoleConfig bounds console sessions.
type ConsoleConfig struct {
	// IdleTimeout ends a session unused this long (KYCGATE_CONSOLE_IDLE_TIMEOUT);
	// MaxAge ends it this long after sign-in however active (KYCGATE_CONSOLE_MAX_AGE).
	IdleTimeout, MaxAge time.Duration
	// CookieSecure marks the cookie Secure (false only for local http).
	CookieSecure bool
	// PublicOrigin is the gateway's origin (scheme://host[:port]): the River UI's writes
	// must come from it.
	PublicOrigin string
}

// ConsoleStores is what console sessions read and write: the sessions, and the
// reviewers and operators whose names a session shows.
type ConsoleStores interface {
	storage.ConsoleStore
	storage.ReviewerStore
	storage.OperatorStore
}

// Console opens, checks and ends console sessions.
type Console struct {
	st   ConsoleStores
	keys storage.CredentialStore
	cfg  ConsoleConfig
	now  func() time.Time
}

// NewConsole returns console sessions on st, checking API keys in keys (the server's
// cached keys), on the clock now (time.Now when nil). Zero bounds take the defaults.
func NewConsole(st ConsoleStores, keys storage.CredentialStore, cfg ConsoleConfig, now func() time.Time) *Console {
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = DefaultConsoleIdleTimeout
	}
	if cfg.MaxAge <= 0 {
		cfg.MaxAge = DefaultConsoleMaxAge
	}
	if now == nil {
		now = time.Now
	}
	cfg.PublicOrigin = strings.TrimRight(cfg.PublicOrigin, "/")
	return &Console{st: st, keys: keys, cfg: cfg, now: now}
}

// ConsoleSignIn is an opened console session: the row, the cookie's token (shown only
// to the browser) and the owner's display name.
type ConsoleSignIn struct {
	Session storage.ConsoleSession
	Token   string
	Name    string
}

// errConsoleKey is the one answer to a key that opens no console session (a tenant key,
// an unknown or revoked key, anything else), so it reveals nothing about which.
var errConsoleKey = fault.UnauthorizedError("unauthenticated", "a live reviewer (kgr_…) or operator (kgo_…) API key is required")

// errConsoleSession is the answer to a missing, unknown, idle, expired or ended session.
var errConsoleSession = fault.UnauthorizedError("session_expired", "the console session has ended or expired: sign in again")

// SignIn exchanges a reviewer or operator API key for a new console session. Any other
// key is 401 unauthenticated.
func (c *Console) SignIn(ctx context.Context, key string) (ConsoleSignIn, error) {
	key = strings.TrimSpace(key)
	var owner storage.APIKeyOwner
	switch {
	case strings.HasPrefix(key, ReviewerKeyPrefix):
		owner = storage.OwnerReviewer
	case strings.HasPrefix(key, OperatorKeyPrefix):
		owner = storage.OwnerOperator
	default:
		return ConsoleSignIn{}, errConsoleKey
	}
	k, err := Authenticate(ctx, c.keys, owner, key)
	if errors.Is(err, storage.ErrNotFound) {
		return ConsoleSignIn{}, errConsoleKey
	} else if err != nil {
		return ConsoleSignIn{}, err
	}
	name, err := c.ownerName(ctx, storage.ConsoleRole(owner), k.OwnerID)
	if err != nil {
		return ConsoleSignIn{}, err
	}
	token, hash := NewAPIKey(ConsoleTokenPrefix)
	now := c.now()
	ses := storage.ConsoleSession{TokenHash: hash, Role: storage.ConsoleRole(owner), OwnerID: k.OwnerID, APIKeyID: k.ID,
		CSRFToken: newCSRFToken(), CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(c.cfg.MaxAge)}
	if err := c.st.CreateConsoleSession(ctx, ses); err != nil {
		return ConsoleSignIn{}, fmt.Errorf("console sign-in: %w", err)
	}
	return ConsoleSignIn{Session: ses, Token: token, Name: name}, nil
}

// Lookup returns the live session of a cookie's token and marks it used now; a missing,
// unknown, idle, expired or revoked one is 401 session_expired.
func (c *Console) Lookup(ctx context.Context, token string) (storage.ConsoleSession, error) {
	if !strings.HasPrefix(token, ConsoleTokenPrefix) {
		return storage.ConsoleSession{}, errConsoleSession
	}
	now := c.now()
	ses, err := c.st.TouchConsoleSession(ctx, HashSecret(token), now, now.Add(-c.cfg.IdleTimeout))
	if errors.Is(err, storage.ErrNotFound) {
		return ses, errConsoleSession
	}
	return ses, err
}

// SignOut ends the session of token; an already ended one is not an error.
func (c *Console) SignOut(ctx context.Context, ses storage.ConsoleSession) error {
	if err := c.st.DeleteConsoleSession(ctx, ses.TokenHash); err != nil && !errors.Is(err, storage.ErrNotFound) {
		return err
	}
	return nil
}

// ownerName is the display name of a session's reviewer or operator.
func (c *Console) ownerName(ctx context.Context, role storage.ConsoleRole, id string) (string, error) {
	if role == storage.ConsoleOperator {
		o, err := c.st.GetOperator(ctx, id)
		return o.Name, err
	}
	r, err := c.st.GetReviewer(ctx, id)
	return r.Name, err
}

// CheckCSRF is nil when sent is the session's CSRF token (compared in constant time),
// else 403 csrf_failed.
func CheckCSRF(ses storage.ConsoleSession, sent string) error {
	if sent == "" || subtle.ConstantTimeCompare([]byte(sent), []byte(ses.CSRFToken)) != 1 {
		return fault.ForbiddenError(CodeCSRFFailed, "a console write must send the session's CSRF token in "+CSRFHeader)
	}
	return nil
}

// newCSRFToken is 256 random bits, base32.
func newCSRFToken() string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("auth: crypto/rand failed: " + err.Error())
	}
	return keyEncoding.EncodeToString(b[:])
}

type consoleKey struct{}

// ConsoleSessionFrom returns the console session that authenticated the request, when
// a cookie (not a bearer key) did.
func ConsoleSessionFrom(ctx context.Context) (storage.ConsoleSession, bool) {
	s, ok := ctx.Value(consoleKey{}).(storage.ConsoleSession)
	return s, ok
}

// WithConsoleSession returns ctx carrying a console session.
func WithConsoleSession(ctx context.Context, s storage.ConsoleSession) context.Context {
	return context.WithValue(ctx, consoleKey{}, s)
}
