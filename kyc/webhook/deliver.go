package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/storage"
)

// Timeout bounds one delivery attempt (connect, TLS, request and response).
const Timeout = 10 * time.Second

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

// NewClient returns the HTTP client deliveries use: Timeout per attempt, no proxy, no
// redirects followed, and unless allowPrivate a dialer that refuses forbidden addresses
// at connect time, whatever the name resolved to.
func NewClient(allowPrivate bool) *http.Client {
	dialer := &net.Dialer{Timeout: Timeout}
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
		Timeout: Timeout,
		Transport: &http.Transport{
			DialContext: dialer.DialContext, TLSHandshakeTimeout: Timeout, ResponseHeaderTimeout: Timeout,
			MaxIdleConnsPerHost: 2, IdleConnTimeout: 90 * time.Second, ForceAttemptHTTP2: true,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// permanentError is a delivery that must not be retried (the worker fails the job).
type permanentError struct{ error }

// Permanent marks the error for server.Worker.
func (permanentError) Permanent() bool { return true }

// Deliverer sends delivery jobs: a server.Worker handler for JobKind.
type Deliverer struct {
	Store  storage.Store
	Sealer *pii.Sealer
	// Client sends the requests; NewClient(false) when nil.
	Client *http.Client
	// Now is the clock (the webhook-timestamp).
	Now func() time.Time
}

// Handle delivers one job: it loads the tenant (a tenant whose webhook was removed gets
// nothing and the job completes), opens its secret, signs and POSTs
// {"type","timestamp","data"}. 2xx is done, 410 Gone fails the job for good, anything else
// is retried with the worker's backoff.
func (d *Deliverer) Handle(ctx context.Context, job storage.Job) error {
	var m message
	if err := json.Unmarshal(job.Payload, &m); err != nil {
		return permanentError{fmt.Errorf("webhook: payload: %w", err)}
	}
	t, err := d.Store.GetTenant(ctx, m.TenantID)
	if errors.Is(err, storage.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if t.WebhookURL == "" || len(t.WebhookSecret) == 0 {
		return nil
	}
	secret, err := d.Sealer.Open(t.WebhookSecret, secretLabel(t.ID))
	if err != nil {
		return fmt.Errorf("webhook: open secret of %s: %w", t.ID, err)
	}
	wh, err := standardwebhooks.NewWebhook(string(secret))
	if err != nil {
		return permanentError{fmt.Errorf("webhook: secret of %s: %w", t.ID, err)}
	}
	body, err := json.Marshal(struct {
		Type      string         `json:"type"`
		Timestamp string         `json:"timestamp"`
		Data      map[string]any `json:"data"`
	}{m.Type, m.Timestamp.UTC().Format(time.RFC3339), m.Data})
	if err != nil {
		return permanentError{err}
	}
	now := time.Now
	if d.Now != nil {
		now = d.Now
	}
	ts := now()
	sig, err := wh.Sign(m.ID, ts, body)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.WebhookURL, bytes.NewReader(body))
	if err != nil {
		return permanentError{fmt.Errorf("webhook: request: %w", err)}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "kycgate-webhooks")
	req.Header.Set(standardwebhooks.HeaderWebhookID, m.ID)
	req.Header.Set(standardwebhooks.HeaderWebhookTimestamp, fmt.Sprint(ts.Unix()))
	req.Header.Set(standardwebhooks.HeaderWebhookSignature, sig)
	client := d.Client
	if client == nil {
		client = NewClient(false)
	}
	resp, err := client.Do(req)
	if err != nil {
		// The URL may hold a token: name the host only, in logs and in the job's last error.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("webhook: deliver %s to tenant %s at %s: %w", m.ID, t.ID, req.URL.Host, err)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return nil
	case resp.StatusCode == http.StatusGone:
		return permanentError{fmt.Errorf("webhook: tenant %s endpoint answered 410 Gone", t.ID)}
	default:
		return fmt.Errorf("webhook: tenant %s endpoint answered %d", t.ID, resp.StatusCode)
	}
}
