package notify

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

	"github.com/riverqueue/river"
	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/queue"
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

// permanentError is a delivery that must not be retried (the worker cancels the job).
type permanentError struct{ error }

func (e permanentError) Unwrap() error { return e.error }

// Blocked is how long a delivery job waits before looking again when an earlier event of
// its customer is unfinished. It rarely does: such a job is inserted pending and woken by
// its predecessor; this covers a job an operator retried out of turn.
const Blocked = 5 * time.Second

// Deliverer is the River worker of the delivery jobs (JobKind).
type Deliverer struct {
	river.WorkerDefaults[DeliverArgs]

	Store  storage.Store
	Sealer *pii.Sealer
	// Client sends the requests; NewClient(false) when nil.
	Client *http.Client
	// Now is the clock (the webhook-timestamp).
	Now func() time.Time
}

// Work delivers one outbox event once every earlier event of its customer is finished
// (otherwise it snoozes). 2xx finishes it; 410 Gone or an undeliverable event finishes it
// as failed and cancels the job; anything else is retried with the queue's backoff,
// and the last attempt's failure finishes it as failed. A finished event wakes the next
// one of its customer.
func (d *Deliverer) Work(ctx context.Context, job *river.Job[DeliverArgs]) error {
	e, err := d.Store.GetOutboxEvent(ctx, job.Args.EventID)
	if errors.Is(err, storage.ErrNotFound) {
		return river.JobCancel(fmt.Errorf("webhook: no outbox event %s", job.Args.EventID))
	}
	if err != nil {
		return err
	}
	if e.FinishedAt != nil {
		return nil
	}
	if _, err := d.Store.OutboxBlocker(ctx, e.Key, e.Seq); err == nil {
		return river.JobSnooze(Blocked)
	} else if !errors.Is(err, storage.ErrNotFound) {
		return err
	}
	err = d.deliver(ctx, e.Payload)
	var perm permanentError
	switch {
	case err == nil:
		return d.finish(ctx, e, storage.OutboxDelivered, nil)
	case errors.As(err, &perm):
		return d.finish(ctx, e, storage.OutboxFailed, river.JobCancel(err))
	case job.Attempt >= job.MaxAttempts:
		return d.finish(ctx, e, storage.OutboxFailed, err)
	default:
		return err
	}
}

// RepairArgs is the periodic job that finishes, as failed, the outbox events whose
// delivery job ended without finishing them (an operator cancelled or deleted it in the
// jobs UI), so that a customer's later events are not held back for ever.
type RepairArgs struct{}

// Kind implements river.JobArgs.
func (RepairArgs) Kind() string { return "webhook.repair" }

// RepairEvery is how often RepairArgs runs.
const RepairEvery = time.Minute

// Repairer is the River worker of RepairArgs.
type Repairer struct {
	river.WorkerDefaults[RepairArgs]
	D *Deliverer
}

// Work implements river.Worker.
func (r Repairer) Work(ctx context.Context, _ *river.Job[RepairArgs]) error {
	_, err := r.D.Repair(ctx)
	return err
}

// Repair finishes as failed every unfinished outbox event whose delivery job was given up
// (cancelled or discarded) and wakes the next event of its customer; it reports how many.
func (d *Deliverer) Repair(ctx context.Context) (int, error) {
	given, err := queue.GivenUp[DeliverArgs](ctx, d.Store)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, args := range given {
		e, err := d.Store.GetOutboxEvent(ctx, args.EventID)
		if errors.Is(err, storage.ErrNotFound) {
			continue
		} else if err != nil {
			return n, err
		}
		if e.FinishedAt != nil {
			continue
		}
		if err := d.finish(ctx, e, storage.OutboxFailed, nil); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// Jobs registers the delivery worker and the periodic repair with q.
func (d *Deliverer) Jobs(q *queue.Queue) {
	river.AddWorker(q.Workers(), d)
	river.AddWorker(q.Workers(), Repairer{D: d})
	q.AddPeriodic(RepairEvery, func() river.JobArgs { return RepairArgs{} })
}

// finish records the event's outcome and wakes the next event of its customer, in one
// transaction, and returns result.
func (d *Deliverer) finish(ctx context.Context, e storage.OutboxEvent, outcome storage.OutboxOutcome, result error) error {
	err := d.Store.InTx(ctx, func(tx storage.Store) error {
		next, err := tx.FinishOutboxEvent(ctx, e.ID, d.now(), outcome)
		if errors.Is(err, storage.ErrConflict) {
			return nil
		}
		if err != nil || next == nil || next.JobID == 0 {
			return err
		}
		return queue.WakeTx(ctx, tx, next.JobID)
	})
	if err != nil {
		return fmt.Errorf("webhook: finish %s: %w", e.ID, err)
	}
	return result
}

func (d *Deliverer) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

// deliver loads the tenant (a tenant whose webhook was removed gets nothing and the
// event is delivered), opens its secret, signs and POSTs {"type","timestamp","data"}.
func (d *Deliverer) deliver(ctx context.Context, payload []byte) error {
	var m message
	if err := json.Unmarshal(payload, &m); err != nil {
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
	ts := d.now()
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
