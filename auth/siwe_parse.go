package auth

import (
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// EIP-4361's ABNF, line by line, as written there (no more, no less):
//
//	sign-in-with-ethereum =
//	    [ scheme "://" ] domain %s" wants you to sign in with your Ethereum account:" LF
//	    address LF
//	    LF
//	    [ statement LF ]
//	    LF
//	    %s"URI: " uri LF
//	    %s"Version: " version LF
//	    %s"Chain ID: " chain-id LF
//	    %s"Nonce: " nonce LF
//	    %s"Issued At: " issued-at
//	    [ LF %s"Expiration Time: " expiration-time ]
//	    [ LF %s"Not Before: " not-before ]
//	    [ LF %s"Request ID: " request-id ]
//	    [ LF %s"Resources:" resources ]
//
// with scheme and uri from RFC 3986, domain = authority, address = "0x" 40HEXDIG in
// EIP-55 form, statement = *( reserved / unreserved / " " ) (so it may be present and
// empty), version = "1", chain-id = 1*DIGIT, nonce = 8*( ALPHA / DIGIT ), the times RFC
// 3339 date-time, request-id = *pchar, resources = *( LF "- " URI ).

const titleSuffix = " wants you to sign in with your Ethereum account:"

// Where this parser is stricter than the ABNF, on purpose (each is a refusal the
// reference implementation makes too, or a value no wallet writes):
//   - the domain's host may not be empty (the EIP: domain is REQUIRED);
//   - the address must be in its EIP-55 form (all lower case is refused);
//   - the chain id must fit in 64 bits.

// ParseMessage parses an EIP-4361 message against the EIP's ABNF (and RFC 3986 and RFC
// 3339 where it refers to them). A refusal is a *SIWEError invalid_message that names the
// line. Fields keep the exact text of the message (URIs are not re-encoded), and Raw is
// the whole text, which is what was signed. It never panics and reads at most
// MaxMessageSize bytes.
func ParseMessage(text string) (*Message, error) {
	if len(text) > MaxMessageSize {
		return nil, siweErr(CodeInvalidMessage, "the message is longer than %d bytes", MaxMessageSize)
	}
	for i := 0; i < len(text); i++ {
		if c := text[i]; c != '\n' && (c < 0x20 || c > 0x7e) {
			return nil, siweErr(CodeInvalidMessage, "the message has a character outside printable ASCII at byte %d (EIP-4361 is ASCII; line ends are a single LF)", i)
		}
	}
	p := &lineParser{lines: strings.Split(text, "\n")}
	msg := &Message{Raw: text}

	// [ scheme "://" ] domain " wants you to sign in with your Ethereum account:"
	head, ok := strings.CutSuffix(p.next(), titleSuffix)
	if !ok {
		return nil, p.fail("the first line must be [scheme://]domain%s", titleSuffix)
	}
	if i := strings.Index(head, "://"); i >= 0 {
		if msg.Scheme, head = head[:i], head[i+3:]; !validScheme(msg.Scheme) {
			return nil, p.fail("the scheme %q is not an RFC 3986 scheme", msg.Scheme)
		}
	}
	a, err := parseAuthority(head)
	if err != nil {
		return nil, p.fail("the domain %q is not an RFC 3986 authority: %v", head, err)
	}
	if a.host == "" {
		return nil, p.fail("the domain is missing")
	}
	msg.Domain = head

	// address LF LF
	addr := p.next()
	if !validAddress(addr) {
		return nil, p.fail("the address must be 0x and 40 hex digits in its EIP-55 checksum form")
	}
	msg.Address = common.HexToAddress(addr)
	if p.next() != "" {
		return nil, p.fail("an empty line must follow the address")
	}

	// [ statement LF ] LF: an empty line then URI means no statement; otherwise this line is
	// the statement (possibly empty) and an empty line follows.
	if line := p.peek(); line == "" && strings.HasPrefix(p.peekAt(1), "URI: ") {
		p.next()
	} else {
		p.next()
		if i := strings.IndexFunc(line, func(r rune) bool { return r > 0x7f || !isStatementChar(byte(r)) }); i >= 0 {
			return nil, p.fail("the statement has %q, outside the characters EIP-4361 allows (RFC 3986 reserved and unreserved characters and space)", line[i])
		}
		msg.Statement = line
		if p.next() != "" {
			return nil, p.fail("an empty line must follow the statement (a statement is one line)")
		}
	}

	uri, ok := p.field("URI: ")
	if !ok {
		return nil, p.fail("want \"URI: \" and the URI")
	}
	if _, err := parseURI(uri); err != nil {
		return nil, p.fail("the URI is not an RFC 3986 URI: %v", err)
	}
	msg.URI = uri

	if msg.Version, ok = p.field("Version: "); !ok || msg.Version != "1" {
		return nil, p.fail("want \"Version: 1\"")
	}
	chain, ok := p.field("Chain ID: ")
	if !ok || chain == "" || strings.IndexFunc(chain, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return nil, p.fail("want \"Chain ID: \" and its digits")
	}
	if msg.ChainID, err = strconv.ParseUint(chain, 10, 64); err != nil {
		return nil, p.fail("the chain id does not fit in 64 bits")
	}
	if msg.Nonce, ok = p.field("Nonce: "); !ok || len(msg.Nonce) < 8 ||
		strings.IndexFunc(msg.Nonce, func(r rune) bool { return r > 0x7f || !isAlpha(byte(r)) && !isDigit(byte(r)) }) >= 0 {
		return nil, p.fail("want \"Nonce: \" and at least 8 letters or digits")
	}
	issued, ok := p.field("Issued At: ")
	if !ok {
		return nil, p.fail("want \"Issued At: \" and an RFC 3339 date-time")
	}
	if msg.IssuedAt, err = parseDateTime(issued); err != nil {
		return nil, p.fail("Issued At is not an RFC 3339 date-time: %v", err)
	}
	if s, ok := p.field("Expiration Time: "); ok {
		t, err := parseDateTime(s)
		if err != nil {
			return nil, p.fail("Expiration Time is not an RFC 3339 date-time: %v", err)
		}
		msg.ExpirationTime = &t
	}
	if s, ok := p.field("Not Before: "); ok {
		t, err := parseDateTime(s)
		if err != nil {
			return nil, p.fail("Not Before is not an RFC 3339 date-time: %v", err)
		}
		msg.NotBefore = &t
	}
	if s, ok := p.field("Request ID: "); ok {
		if !validChars(s, isPchar) {
			return nil, p.fail("the Request ID has a character outside RFC 3986's pchar")
		}
		msg.RequestID = s
	}
	if p.more() && p.peek() == "Resources:" {
		p.next()
		msg.Resources = []string{}
		for p.more() {
			r, ok := p.field("- ")
			if !ok {
				return nil, p.fail("want a resource as \"- \" and a URI")
			}
			if _, err := parseURI(r); err != nil {
				return nil, p.fail("resource %d is not an RFC 3986 URI: %v", len(msg.Resources)+1, err)
			}
			msg.Resources = append(msg.Resources, r)
		}
	}
	if p.more() {
		p.next()
		return nil, p.fail("unexpected line (the optional fields come in the order Expiration Time, Not Before, Request ID, Resources, and the message ends without a line feed)")
	}
	return msg, nil
}

// lineParser walks the message's lines and names the current one in errors.
type lineParser struct {
	lines []string
	n     int // lines consumed
	cur   int // the line (1-based) last looked at, for errors
}

func (p *lineParser) more() bool { return p.n < len(p.lines) }

func (p *lineParser) peekAt(k int) string {
	if p.n+k < len(p.lines) {
		return p.lines[p.n+k]
	}
	return "\x00" // past the end: matches no line
}

func (p *lineParser) peek() string { return p.peekAt(0) }

func (p *lineParser) next() string {
	s := p.peek()
	p.n++
	p.cur = p.n
	return s
}

// field consumes the next line when it starts with label and returns the rest.
func (p *lineParser) field(label string) (string, bool) {
	v, ok := strings.CutPrefix(p.peek(), label)
	p.cur = p.n + 1
	if ok {
		p.n++
	}
	return v, ok
}

func (p *lineParser) fail(format string, args ...any) *SIWEError {
	e := siweErr(CodeInvalidMessage, format, args...)
	e.Message = "line " + strconv.Itoa(max(p.cur, 1)) + ": " + e.Message
	return e
}

// validAddress is "0x" 40HEXDIG in its EIP-55 (mixed-case checksum) form.
func validAddress(s string) bool {
	return len(s) == 42 && strings.HasPrefix(s, "0x") && common.IsHexAddress(s) && common.HexToAddress(s).Hex() == s
}

// isStatementChar is EIP-4361's statement alphabet: RFC 3986 reserved / unreserved / " ".
func isStatementChar(c byte) bool {
	return isUnreserved(c) || isGenDelim(c) || isSubDelim(c) || c == ' '
}
