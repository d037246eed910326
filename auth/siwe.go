package auth

import (
	"context"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"

	"github.com/kycgate/kycgate/wallet"
)

// Sign-In with Ethereum (EIP-4361): the checks of a signed sign-in message, pure (no
// storage, no HTTP). ParseMessage reads the EIP's ABNF as written (siwe_parse.go, with
// RFC 3986 and RFC 3339 in rfc3986.go); VerifyMessage adds what a relying party must
// check: no user-info anywhere a wallet displays an authority, the domain, scheme and URI
// against this gateway, the chain, the time window (a message is expired AT its Expiration
// Time, and Issued At may not be in the future), the nonce, and the signature, which
// wallet.Verifier checks (EOAs and contract wallets).

// Error codes of a failed sign-in, as they appear in the API's error envelope.
const (
	CodeInvalidMessage            = "invalid_message"
	CodeInvalidSignature          = "invalid_signature"
	CodeNonceInvalid              = "nonce_invalid"
	CodeDomainMismatch            = "domain_mismatch"
	CodeURIMismatch               = "uri_mismatch"
	CodeChainNotAllowed           = "chain_not_allowed"
	CodeExpired                   = "expired"
	CodeNotYetValid               = "not_yet_valid"
	CodeContractWalletUnsupported = "contract_wallet_unsupported"
)

// SIWEError is a sign-in message or signature that was checked and refused. Code is one of
// the Code constants; Message says why in words safe to show the user. Get it with errors.As.
type SIWEError struct {
	Code    string
	Message string
	// Err is the underlying cause, for logs; it may be nil.
	Err error
}

// Error implements error.
func (e *SIWEError) Error() string {
	if e.Err != nil {
		return "siwe: " + e.Code + ": " + e.Message + ": " + e.Err.Error()
	}
	return "siwe: " + e.Code + ": " + e.Message
}

// Unwrap returns the cause.
func (e *SIWEError) Unwrap() error { return e.Err }

func siweErr(code, format string, args ...any) *SIWEError {
	return &SIWEError{Code: code, Message: fmt.Sprintf(format, args...)}
}

// MaxMessageSize is the longest message ParseMessage reads; a real sign-in message is
// well under 2 KiB.
const MaxMessageSize = 16 << 10

// DefaultClockSkew is how far in the future Issued At may be by default, for clocks that
// differ a little.
const DefaultClockSkew = time.Minute

// Message is a parsed EIP-4361 message: its fields in message order. Optional fields absent
// from the text are "", nil or empty.
type Message struct {
	// Raw is the exact text that was parsed, and signed.
	Raw string
	// Scheme is the optional "scheme://" prefix of the first line, without "://".
	Scheme    string
	Domain    string
	Address   common.Address
	Statement string
	// URI and Resources are the exact text of the message.
	URI            string
	Version        string
	ChainID        uint64
	Nonce          string
	IssuedAt       time.Time
	ExpirationTime *time.Time
	NotBefore      *time.Time
	RequestID      string
	Resources      []string
}

// String renders the message's fields in EIP-4361's grammar (Raw is not consulted): what
// a wallet is asked to sign. Version defaults to "1"; times are written in UTC, to the second.
func (m *Message) String() string {
	var b strings.Builder
	if m.Scheme != "" {
		b.WriteString(m.Scheme + "://")
	}
	fmt.Fprintf(&b, "%s wants you to sign in with your Ethereum account:\n%s\n\n", m.Domain, m.Address.Hex())
	if m.Statement != "" {
		b.WriteString(m.Statement + "\n")
	}
	b.WriteString("\n")
	version := m.Version
	if version == "" {
		version = "1"
	}
	fmt.Fprintf(&b, "URI: %s\nVersion: %s\nChain ID: %d\nNonce: %s\nIssued At: %s", m.URI, version, m.ChainID, m.Nonce,
		m.IssuedAt.UTC().Format(time.RFC3339))
	if m.ExpirationTime != nil {
		fmt.Fprintf(&b, "\nExpiration Time: %s", m.ExpirationTime.UTC().Format(time.RFC3339))
	}
	if m.NotBefore != nil {
		fmt.Fprintf(&b, "\nNot Before: %s", m.NotBefore.UTC().Format(time.RFC3339))
	}
	if m.RequestID != "" {
		fmt.Fprintf(&b, "\nRequest ID: %s", m.RequestID)
	}
	if len(m.Resources) > 0 {
		b.WriteString("\nResources:")
		for _, r := range m.Resources {
			b.WriteString("\n- " + r)
		}
	}
	return b.String()
}

// SignedMessage is a message whose checks and signature passed VerifyMessage.
type SignedMessage struct {
	Message
	// Signature is the decoded signature (65 bytes for an EOA; any length for contract wallets).
	Signature []byte
}

// SIWEOptions is what VerifyMessage checks a message against. A server builds one at start
// (NewSIWEOptions) and sets Nonce per request when it wants the nonce compared here.
type SIWEOptions struct {
	// Domain is the RFC 3986 authority messages must name, e.g. "localhost:8080". Required.
	Domain string
	// Scheme is the scheme of the public URL; "" means "https". A message without a
	// "scheme://" prefix means https (EIP-4361), so over plain http the message must carry
	// "http://".
	Scheme string
	// URIOrigin is the origin ("scheme://host[:port]") the message's URI must be on; ""
	// means Scheme://Domain.
	URIOrigin string
	// ChainIDs are the chain ids a message may name. Required.
	ChainIDs []uint64
	// Verifier checks signatures; nil checks EOA signatures only.
	Verifier *wallet.Verifier
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// ClockSkew is how far in the future Issued At may be; 0 means DefaultClockSkew.
	ClockSkew time.Duration
	// Nonce, when not empty, must equal the message's nonce. The caller still has to
	// consume the nonce from its store.
	Nonce string
}

// NewSIWEOptions derives Domain, Scheme and URIOrigin from the gateway's public URL
// ("http://localhost:8080" gives domain "localhost:8080", scheme "http").
func NewSIWEOptions(publicURL string, chainIDs []uint64, verifier *wallet.Verifier) (SIWEOptions, error) {
	u, err := url.Parse(publicURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return SIWEOptions{}, fmt.Errorf("auth: public URL %q: want http(s)://host[:port]", publicURL)
	}
	host := strings.ToLower(u.Host)
	if p := u.Port(); p == defaultPort(u.Scheme) {
		host = strings.TrimSuffix(host, ":"+p) // browsers omit the default port
	}
	cfg := SIWEOptions{Domain: host, Scheme: u.Scheme, URIOrigin: u.Scheme + "://" + host, ChainIDs: slices.Clone(chainIDs), Verifier: verifier}
	_, err = cfg.withDefaults()
	return cfg, err
}

type origin struct{ scheme, host, port string }

type checkedOptions struct {
	SIWEOptions
	origin origin // of URIOrigin
	site   origin // of Scheme and Domain
}

func (c SIWEOptions) withDefaults() (checkedOptions, error) {
	if c.Domain == "" {
		return checkedOptions{}, errors.New("auth: SIWE options: no domain")
	}
	if len(c.ChainIDs) == 0 {
		return checkedOptions{}, errors.New("auth: SIWE options: no allowed chain ids")
	}
	if c.Scheme == "" {
		c.Scheme = "https"
	}
	if c.URIOrigin == "" {
		c.URIOrigin = c.Scheme + "://" + c.Domain
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.ClockSkew == 0 {
		c.ClockSkew = DefaultClockSkew
	}
	o, ok := originOf(c.URIOrigin)
	if !ok {
		return checkedOptions{}, fmt.Errorf("auth: SIWE options: URI origin %q is not scheme://host[:port]", c.URIOrigin)
	}
	a, err := parseAuthority(c.Domain)
	site, ok := originFrom(c.Scheme, a)
	if err != nil || !ok {
		return checkedOptions{}, fmt.Errorf("auth: SIWE options: domain %q is not host[:port]", c.Domain)
	}
	return checkedOptions{SIWEOptions: c, origin: o, site: site}, nil
}

// VerifyMessage checks an EIP-4361 message and its signature (hex, "0x" optional) against
// opts, in this order: grammar (invalid_message), domain and scheme (domain_mismatch), URI
// origin (uri_mismatch), chain id (chain_not_allowed), Issued At beyond the skew and Not
// Before (not_yet_valid), Expiration Time reached (expired), the expected nonce
// (nonce_invalid), then the signature of the message's EIP-191 hash on the message's chain
// (invalid_signature, contract_wallet_unsupported). A refusal is a *SIWEError; any other
// error is a bad config or a chain that could not be asked, and says nothing of the message.
func VerifyMessage(ctx context.Context, message, signatureHex string, opts SIWEOptions) (*SignedMessage, error) {
	c, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	msg, err := ParseMessage(message)
	if err != nil {
		return nil, err
	}

	if err := checkUserInfo(msg); err != nil {
		return nil, err
	}

	scheme := msg.Scheme
	if scheme == "" {
		scheme = "https"
	}
	domain, _ := parseAuthority(msg.Domain) // ParseMessage checked it
	if site, _ := originFrom(scheme, domain); site.host != c.site.host || site.port != c.site.port {
		return nil, siweErr(CodeDomainMismatch, "the message is for %s, not %s", msg.Domain, c.Domain)
	}
	if !strings.EqualFold(scheme, c.Scheme) {
		return nil, siweErr(CodeDomainMismatch, "the message is for %s://%s, not %s://%s", scheme, msg.Domain, c.Scheme, c.Domain)
	}
	if o, ok := originOf(msg.URI); !ok || o != c.origin {
		return nil, siweErr(CodeURIMismatch, "the message's URI %s is not on %s", msg.URI, c.URIOrigin)
	}
	if !slices.Contains(c.ChainIDs, msg.ChainID) {
		return nil, siweErr(CodeChainNotAllowed, "chain id %d is not accepted here", msg.ChainID)
	}

	now := c.Now()
	if msg.IssuedAt.After(now.Add(c.ClockSkew)) {
		return nil, siweErr(CodeNotYetValid, "the message is issued in the future (%s); check your clock", msg.IssuedAt.Format(time.RFC3339))
	}
	if msg.NotBefore != nil && now.Before(*msg.NotBefore) {
		return nil, siweErr(CodeNotYetValid, "the message is not valid before %s", msg.NotBefore.Format(time.RFC3339))
	}
	if msg.ExpirationTime != nil && !now.Before(*msg.ExpirationTime) {
		return nil, siweErr(CodeExpired, "the message expired at %s", msg.ExpirationTime.Format(time.RFC3339))
	}
	if c.Nonce != "" && subtle.ConstantTimeCompare([]byte(c.Nonce), []byte(msg.Nonce)) != 1 {
		return nil, siweErr(CodeNonceInvalid, "the message's nonce is not the one issued")
	}

	sig, err := decodeSignature(signatureHex)
	if err != nil {
		return nil, err
	}
	digest := common.BytesToHash(accounts.TextHash([]byte(msg.Raw)))
	if err := c.Verifier.VerifySignature(ctx, msg.ChainID, msg.Address, digest, sig); err != nil {
		switch {
		case errors.Is(err, wallet.ErrInvalidSignature):
			return nil, &SIWEError{Code: CodeInvalidSignature, Message: "the signature is not " + msg.Address.Hex() + "'s signature of this message", Err: err}
		case errors.Is(err, wallet.ErrContractWalletUnsupported):
			return nil, &SIWEError{Code: CodeContractWalletUnsupported, Err: err, Message: fmt.Sprintf(
				"the signature is not %[1]s's own (EOA) signature of this message: either it was made with another key or over "+
					"another text, or %[1]s is a contract wallet, which cannot be checked on chain %[2]d because this gateway has no RPC for that chain",
				msg.Address.Hex(), msg.ChainID)}
		default:
			return nil, fmt.Errorf("auth: check the signature on chain %d: %w", msg.ChainID, err)
		}
	}
	return &SignedMessage{Message: *msg, Signature: sig}, nil
}

func decodeSignature(s string) ([]byte, error) {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	switch {
	case s == "":
		return nil, siweErr(CodeInvalidSignature, "the signature is empty")
	case len(s) > 2*wallet.MaxSignatureSize:
		return nil, siweErr(CodeInvalidSignature, "the signature is longer than %d bytes", wallet.MaxSignatureSize)
	}
	sig, err := hex.DecodeString(s)
	if err != nil {
		return nil, siweErr(CodeInvalidSignature, "the signature is not hex")
	}
	return sig, nil
}

// originOf returns the origin of an absolute URI with an authority (see originFrom).
func originOf(raw string) (origin, bool) {
	u, err := parseURI(raw)
	if err != nil || u.authority == nil {
		return origin{}, false
	}
	return originFrom(u.scheme, *u.authority)
}

// originFrom is the origin of a scheme and an RFC 3986 authority, compared as written
// (nothing is percent-decoded): scheme and host in lower case, an IPv6 literal in its
// canonical form, the port as a number, absent or empty meaning the scheme's default.
// User-info or an empty host has no origin.
func originFrom(scheme string, a authority) (origin, bool) {
	if a.userinfo != nil || a.host == "" {
		return origin{}, false
	}
	scheme = strings.ToLower(scheme)
	host := strings.ToLower(a.host)
	if len(host) > 2 && host[0] == '[' {
		if ip, err := netip.ParseAddr(host[1 : len(host)-1]); err == nil {
			host = "[" + ip.String() + "]"
		}
	}
	port := defaultPort(scheme)
	if a.port != nil && *a.port != "" {
		if port = strings.TrimLeft(*a.port, "0"); port == "" {
			port = "0"
		}
	}
	return origin{scheme: scheme, host: host, port: port}, true
}

// checkUserInfo refuses user-info ("name@" before a host) in the domain, the URI and the
// resources: RFC 9110 forbids it in http(s) URIs, and a wallet showing
// "https://bank.example@evil.example" leads its user to read the wrong site.
func checkUserInfo(msg *Message) error {
	const why = "; user-info (\"…@\" before the host) can make a wallet show another site's name, and is refused"
	if a, err := parseAuthority(msg.Domain); err == nil && a.userinfo != nil {
		return siweErr(CodeInvalidMessage, "the domain %s carries user-info%s", msg.Domain, why)
	}
	if u, err := parseURI(msg.URI); err == nil && u.authority != nil && u.authority.userinfo != nil {
		return siweErr(CodeInvalidMessage, "the URI %s carries user-info%s", msg.URI, why)
	}
	for i, r := range msg.Resources {
		if u, err := parseURI(r); err == nil && u.authority != nil && u.authority.userinfo != nil {
			return siweErr(CodeInvalidMessage, "resource %d carries user-info%s", i+1, why)
		}
	}
	return nil
}

func defaultPort(scheme string) string {
	switch strings.ToLower(scheme) {
	case "http", "ws":
		return "80"
	case "https", "wss":
		return "443"
	}
	return ""
}
