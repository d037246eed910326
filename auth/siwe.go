package auth

import (
	"context"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	siwe "github.com/spruceid/siwe-go"

	"github.com/kycgate/kycgate/wallet"
)

// Sign-In with Ethereum (EIP-4361): the checks of a signed sign-in message, pure (no
// storage, no HTTP). siwe-go v0.2.1 checks the grammar; this file wraps it where it falls
// short: the optional "scheme://" prefix, RFC 3339's four-digit years, absolute URIs, the
// statement's character set, the time window (a message is expired AT its Expiration
// Time, and Issued At may not be in the future), and the signature, which wallet.Verifier
// checks (siwe-go indexes signature byte 64 unchecked and knows no contract wallets).

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
	// URI and Resources are as net/url renders them.
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
	origin origin
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
	return checkedOptions{SIWEOptions: c, origin: o}, nil
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

	scheme := msg.Scheme
	if scheme == "" {
		scheme = "https"
	}
	if !strings.EqualFold(msg.Domain, c.Domain) {
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
				"the signature is not an ordinary account signature of %s, and contract wallets cannot be checked on chain %d", msg.Address.Hex(), msg.ChainID)}
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

// schemePrefix is EIP-4361's optional scheme (RFC 3986) and "://" before the domain.
var schemePrefix = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*)://`)

// ParseMessage parses an EIP-4361 message. It refuses, as *SIWEError invalid_message, what
// the EIP's grammar refuses, and also: any byte outside printable ASCII and "\n" (the
// grammar is ASCII: internationalised domains are punycode), relative URIs and resources,
// and a statement outside the grammar's characters (RFC 3986 reserved and unreserved
// characters and space). It never panics.
func ParseMessage(text string) (msg *Message, err error) {
	if len(text) > MaxMessageSize {
		return nil, siweErr(CodeInvalidMessage, "the message is longer than %d bytes", MaxMessageSize)
	}
	for i := 0; i < len(text); i++ {
		if c := text[i]; c != '\n' && (c < 0x20 || c > 0x7e) {
			return nil, siweErr(CodeInvalidMessage, "the message has a character outside printable ASCII at byte %d", i)
		}
	}
	rest, scheme := text, ""
	if m := schemePrefix.FindStringSubmatch(text); m != nil {
		scheme, rest = m[1], text[len(m[0]):]
	}

	parsed, err := parseGrammar(rest)
	if err != nil {
		return nil, err
	}
	msg = &Message{
		Raw:     text,
		Scheme:  scheme,
		Domain:  parsed.GetDomain(),
		Address: parsed.GetAddress(),
		Version: parsed.GetVersion(),
		Nonce:   parsed.GetNonce(),
	}
	if id := parsed.GetChainID(); id >= 0 {
		msg.ChainID = uint64(id)
	}
	if s := parsed.GetStatement(); s != nil {
		msg.Statement = *s
		if i := strings.IndexFunc(msg.Statement, func(r rune) bool { return !isStatementChar(r) }); i >= 0 {
			return nil, siweErr(CodeInvalidMessage, "the statement has %q, outside the characters EIP-4361 allows", msg.Statement[i])
		}
	}
	if s := parsed.GetRequestID(); s != nil {
		msg.RequestID = *s
	}
	uri := parsed.GetURI()
	if !uri.IsAbs() {
		return nil, siweErr(CodeInvalidMessage, "the URI is not an absolute URI")
	}
	msg.URI = uri.String()
	for i, r := range parsed.GetResources() {
		if !r.IsAbs() {
			return nil, siweErr(CodeInvalidMessage, "resource %d is not an absolute URI", i+1)
		}
		msg.Resources = append(msg.Resources, r.String())
	}
	if msg.IssuedAt, err = parseTime("Issued At", parsed.GetIssuedAt()); err != nil {
		return nil, err
	}
	if s := parsed.GetExpirationTime(); s != nil {
		t, err := parseTime("Expiration Time", *s)
		if err != nil {
			return nil, err
		}
		msg.ExpirationTime = &t
	}
	if s := parsed.GetNotBefore(); s != nil {
		t, err := parseTime("Not Before", *s)
		if err != nil {
			return nil, err
		}
		msg.NotBefore = &t
	}
	return msg, nil
}

// parseGrammar runs siwe-go's parser. Its parse path has no known panic (the fuzz target
// looks for one); recover stays only as a last resort, turning one into invalid_message.
func parseGrammar(text string) (parsed *siwe.Message, err error) {
	defer func() {
		if r := recover(); r != nil {
			parsed, err = nil, &SIWEError{Code: CodeInvalidMessage, Message: "the message could not be parsed", Err: fmt.Errorf("siwe-go panicked: %v", r)}
		}
	}()
	parsed, err = siwe.ParseMessage(text)
	if err != nil {
		return nil, &SIWEError{Code: CodeInvalidMessage, Message: "the message is not a valid EIP-4361 message", Err: err}
	}
	return parsed, nil
}

// parseTime reads a date-time that siwe-go's grammar and ISO 8601 parser accepted (they
// already refuse February 31) as RFC 3339, which also refuses years of more than 4 digits.
func parseTime(field, s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, &SIWEError{Code: CodeInvalidMessage, Message: field + " is not a valid RFC 3339 date-time", Err: err}
	}
	return t, nil
}

// isStatementChar is EIP-4361's statement alphabet: RFC 3986 reserved / unreserved / " ".
func isStatementChar(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	}
	return strings.ContainsRune("-._~:/?#[]@!$&'()*+,;= ", r)
}

// originOf returns the origin of an absolute http(s)-like URI with a host, with the
// scheme's default port made explicit.
func originOf(raw string) (origin, bool) {
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() || u.Host == "" {
		return origin{}, false
	}
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		port = defaultPort(scheme)
	}
	host := strings.ToLower(u.Hostname())
	if ip := net.ParseIP(host); ip != nil {
		host = ip.String()
	}
	return origin{scheme: scheme, host: host, port: port}, true
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
