package notify

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// DefaultTimeout bounds one delivery attempt (connect, TLS, request and response) unless
// NewClientWithTimeout says otherwise (KYCGATE_WEBHOOK_TIMEOUT).
const DefaultTimeout = 10 * time.Second

// ErrForbiddenAddress is returned when a webhook URL resolves to an address the gateway
// does not send to (loopback, private, link-local, unspecified, multicast).
var ErrForbiddenAddress = errors.New("webhook: address not allowed")

// Forbidden reports whether ip is an address an outbound webhook must not reach (SSRF):
// anything but global unicast, the special-purpose ranges (shared address space, benchmark,
// IETF protocol, reserved, documentation, site-local), and IPv6 forms that carry an IPv4
// address (IPv4-mapped and -compatible, NAT64, 6to4, Teredo) when that address is forbidden.
func Forbidden(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || !ip.IsGlobalUnicast() || ip.IsPrivate() {
		return true
	}
	for _, p := range specialPurpose {
		if p.Contains(ip) {
			return true
		}
	}
	if v4, ok := embeddedIPv4(ip); ok {
		return Forbidden(v4)
	}
	return false
}

// specialPurpose are ranges that are global unicast by prefix but not public Internet.
var specialPurpose = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"), // shared address space (carrier NAT, some cloud metadata)
	netip.MustParsePrefix("192.0.0.0/24"),  // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),  // documentation
	netip.MustParsePrefix("198.18.0.0/15"), // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"), // reserved
	netip.MustParsePrefix("2001:db8::/32"),
	netip.MustParsePrefix("fec0::/10"), // deprecated site-local
	netip.MustParsePrefix("::/96"),     // IPv4-compatible
}

// embeddedIPv4 returns the IPv4 address an IPv6 transition form carries: NAT64
// (64:ff9b::/96 and 64:ff9b:1::/48), 6to4 (2002::/16) and Teredo (2001::/32, the client
// address stored inverted).
func embeddedIPv4(ip netip.Addr) (netip.Addr, bool) {
	if !ip.Is6() {
		return netip.Addr{}, false
	}
	b := ip.As16()
	switch {
	case netip.MustParsePrefix("64:ff9b::/96").Contains(ip), netip.MustParsePrefix("64:ff9b:1::/48").Contains(ip):
		return netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}), true
	case netip.MustParsePrefix("2002::/16").Contains(ip):
		return netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}), true
	case netip.MustParsePrefix("2001::/32").Contains(ip):
		return netip.AddrFrom4([4]byte{^b[12], ^b[13], ^b[14], ^b[15]}), true
	}
	return netip.Addr{}, false
}

// NewClient is NewClientWithTimeout with DefaultTimeout.
func NewClient(allowPrivate bool) *http.Client {
	return NewClientWithTimeout(allowPrivate, DefaultTimeout)
}

// NewClientWithTimeout returns the HTTP client deliveries use: timeout per attempt, no
// proxy, no redirects followed, and unless allowPrivate a dialer that refuses forbidden
// addresses at connect time, whatever the name resolved to.
func NewClientWithTimeout(allowPrivate bool, timeout time.Duration) *http.Client {
	dialer := &net.Dialer{Timeout: timeout}
	if !allowPrivate {
		dialer.Control = func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("%w: %s", ErrForbiddenAddress, address)
			}
			if Forbidden(ap.Addr()) {
				return fmt.Errorf("%w: %s", ErrForbiddenAddress, ap.Addr())
			}
			return nil
		}
	}
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			DialContext: dialer.DialContext, TLSHandshakeTimeout: timeout, ResponseHeaderTimeout: timeout,
			MaxIdleConnsPerHost: 2, IdleConnTimeout: 90 * time.Second, ForceAttemptHTTP2: true,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
