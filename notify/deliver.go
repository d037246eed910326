package notify

import (
	"bytes"
	"cmp"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"syscall"
	"time"

	"github.com/riverqueue/river"
	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/storage"
)

// permanentError is a delivery that must not be retried (the worker cancels the job).
type permanentError struct{ error }

func (e permanentError) Unwrap() error { return e.error }

// Blocked is how long a delivery job waits before looking again when an earlier event of
// its customer is unfinished. It rarely does: such a job is inserted pending and woken by
// its predecessor; this covers a job an operator retried out of turn.
const Blocked = 5 * time.Second

// The defaults of the Deliverer's settings (KYCGATE_WEBHOOK_*).
const (
	// DefaultRetryFor is how long a failing delivery is retried after its first attempt.
	DefaultRetryFor = 72 * time.Hour
	// DeliverMaxAttempts is the River attempt ceiling of a delivery job: high enough that
	// the time window (RetryFor), not a count, ends every delivery (one attempt an hour
	// at most once the backoff reaches an hour, for at most 30 days, is about 730).
	DeliverMaxAttempts = 2000
)

// retryBackoff is the wait after a failed attempt: 30 s, doubling, at most an hour.
var retryBackoff = queue.Backoff{Base: 30 * time.Second, Max: time.Hour}

// InsertOpts implements river.JobArgsWithInsertOpts: the attempt ceiling.
func (DeliverArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: DeliverMaxAttempts}
}

// Deliverer is the River worker of the delivery jobs (JobKind).
type Deliverer struct {
	river.WorkerDefaults[DeliverArgs]

	Store  storage.Store
	Sealer *pii.Sealer
	// Client sends the requests; NewClient(false) when nil.
	Client *http.Client
	// Now is the clock (the webhook-timestamp, the retry window).
	Now func() time.Time
	// RetryFor is how long after an event's first attempt it is retried before it
	// fails (DefaultRetryFor when 0); a replay starts a new window.
	RetryFor time.Duration

	// Concurrency is how many deliveries to one tenant's endpoint this replica makes at
	// once (DefaultConcurrency when 0); BreakerFailures consecutive failures open the
	// endpoint's breaker for BreakerOpen (DefaultBreakerFailures, DefaultBreakerOpen).
	Concurrency     int
	BreakerFailures int
	BreakerOpen     time.Duration
	// Metrics counts attempts and finished events (nil: not counted).
	Metrics *Metrics

	// nextAt hands the time Work planned for a job's next attempt to NextRetry.
	nextAt   sync.Map
	initOnce sync.Once
	fair     *endpoints
}

// endpoints is the per-endpoint state, made on first use from the settings.
func (d *Deliverer) endpoints() *endpoints {
	d.initOnce.Do(func() {
		d.fair = newEndpoints(cmp.Or(d.Concurrency, DefaultConcurrency), cmp.Or(d.BreakerFailures, DefaultBreakerFailures),
			cmp.Or(d.BreakerOpen, DefaultBreakerOpen))
	})
	return d.fair
}

// Work delivers one outbox event once every earlier event of its customer is finished
// (otherwise it snoozes), and once its tenant's endpoint has a free slot on this replica
// and a closed (or half-open) breaker (otherwise it snoozes without an attempt, giving
// its worker to other tenants' events). 2xx finishes it; 410 Gone or an undeliverable
// event finishes it as failed and cancels the job; anything else is retried with a
// backoff (30 s doubling to an hour) until RetryFor after the event's first attempt: the
// last attempt is made at that time and its failure finishes the event as failed. Each
// attempt is recorded on the event. A finished event wakes the next one of its customer.
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
	t, err := d.target(ctx, e.Payload)
	var perm permanentError
	switch {
	case errors.As(err, &perm):
		return d.finish(ctx, e, storage.OutboxFailed, river.JobCancel(err))
	case err != nil:
		return err // the database or the sealer: retried
	}
	if t == nil {
		return d.finish(ctx, e, storage.OutboxDelivered, nil)
	}
	release, wait := d.endpoints().acquire(t.tenantID+" "+t.url, d.now())
	if release == nil {
		if e.FirstAttemptAt != nil && !d.now().Before(e.FirstAttemptAt.Add(cmp.Or(d.RetryFor, DefaultRetryFor))) {
			return d.finish(ctx, e, storage.OutboxFailed, river.JobCancel(errors.New("webhook: endpoint unavailable for the whole retry window")))
		}
		return river.JobSnooze(wait)
	}
	began := time.Now() // the attempt's duration, on the real clock
	status, err := d.send(ctx, t)
	release(err == nil || errors.As(err, &perm), d.now())
	d.Metrics.attempt(t.tenantID, err == nil, time.Since(began))
	if err == nil || errors.As(err, &perm) {
		if rerr := d.record(ctx, e, status, err, nil); rerr != nil {
			return rerr
		}
		if err != nil {
			return d.finish(ctx, e, storage.OutboxFailed, river.JobCancel(err))
		}
		return d.finish(ctx, e, storage.OutboxDelivered, nil)
	}
	return d.retryOrFail(ctx, job, e, status, err)
}

// retryOrFail records a failed attempt with the next one's time, or with none and the
// event failed when the retry window is over.
func (d *Deliverer) retryOrFail(ctx context.Context, job *river.Job[DeliverArgs], e storage.OutboxEvent, status int, err error) error {
	now := d.now()
	first := now
	if e.FirstAttemptAt != nil {
		first = *e.FirstAttemptAt
	}
	deadline := first.Add(cmp.Or(d.RetryFor, DefaultRetryFor))
	var next *time.Time
	if now.Before(deadline) && job.Attempt < job.MaxAttempts {
		n := now.Add(retryBackoff.Delay(e.Attempts + 1))
		if n.After(deadline) {
			n = deadline
		}
		next = &n
	}
	if rerr := d.record(ctx, e, status, err, next); rerr != nil {
		return rerr
	}
	if next == nil {
		return d.finish(ctx, e, storage.OutboxFailed, river.JobCancel(err))
	}
	d.nextAt.Store(job.ID, *next)
	return err
}

// NextRetry implements river.Worker: the time Work planned (the backoff, capped at the
// end of the retry window).
func (d *Deliverer) NextRetry(job *river.Job[DeliverArgs]) time.Time {
	if at, ok := d.nextAt.LoadAndDelete(job.ID); ok {
		return at.(time.Time)
	}
	return d.now().Add(retryBackoff.Delay(max(job.Attempt, 1)))
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

// Repair finishes as failed every unfinished outbox event whose current delivery job was
// given up (cancelled or discarded) and wakes the next event of its customer; it reports how many.
func (d *Deliverer) Repair(ctx context.Context) (int, error) {
	given, err := queue.GivenUpJobs[DeliverArgs](ctx, d.Store)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, job := range given {
		e, err := d.Store.GetOutboxEvent(ctx, job.Args.EventID)
		if errors.Is(err, storage.ErrNotFound) {
			continue
		} else if err != nil {
			return n, err
		}
		// A replayed event has a new job: its earlier, given-up one says nothing.
		if e.FinishedAt != nil || (e.JobID != 0 && e.JobID != job.ID) {
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
	finished := false
	err := d.Store.InTx(ctx, func(tx storage.Store) error {
		next, err := tx.FinishOutboxEvent(ctx, e.ID, d.now(), outcome)
		if errors.Is(err, storage.ErrConflict) {
			return nil
		}
		finished = err == nil
		if err != nil || next == nil || next.JobID == 0 {
			return err
		}
		return queue.WakeTx(ctx, tx, next.JobID)
	})
	if err != nil {
		return fmt.Errorf("webhook: finish %s: %w", e.ID, err)
	}
	if finished {
		d.Metrics.finish(e.TenantID, string(outcome))
	}
	return result
}

// record keeps one attempt's result on the event: its HTTP status, or when it got none
// a short reason (no URL, no body), and when the next attempt is due (nil: none).
func (d *Deliverer) record(ctx context.Context, e storage.OutboxEvent, status int, err error, next *time.Time) error {
	a := storage.OutboxAttempt{At: d.now(), StatusCode: status, NextAt: next}
	if status == 0 && err != nil {
		a.Error = reason(err)
	}
	if _, err := d.Store.RecordOutboxAttempt(ctx, e.ID, a); err != nil {
		return fmt.Errorf("webhook: record attempt of %s: %w", e.ID, err)
	}
	return nil
}

// reason is the short, fixed name of a failure without an HTTP answer that tenants see:
// never the error's text, which may carry addresses.
func reason(err error) string {
	var dns *net.DNSError
	var tlsErr *tls.CertificateVerificationError
	var netErr net.Error
	switch {
	case errors.Is(err, ErrForbiddenAddress):
		return "forbidden_address"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "timeout"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection_refused"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection_reset"
	case errors.As(err, &dns):
		return "dns_error"
	case errors.As(err, &tlsErr):
		return "tls_error"
	default:
		return "network_error"
	}
}

func (d *Deliverer) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

// target is what one attempt sends: the tenant's endpoint, its signer, the message.
type target struct {
	tenantID, url string
	wh            *standardwebhooks.Webhook
	m             message
}

// target loads the tenant of an event and opens its secret: nil (nothing to send, the
// event is delivered) when the tenant or its webhook is gone; a permanentError when the
// event can never be sent, another error for what may pass (the database, the sealer).
func (d *Deliverer) target(ctx context.Context, payload []byte) (*target, error) {
	var m message
	if err := json.Unmarshal(payload, &m); err != nil {
		return nil, permanentError{fmt.Errorf("webhook: payload: %w", err)}
	}
	t, err := d.Store.GetTenant(ctx, m.TenantID)
	if errors.Is(err, storage.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if t.WebhookURL == "" || len(t.WebhookSecret) == 0 {
		return nil, nil
	}
	secret, err := d.Sealer.Open(t.WebhookSecret, secretLabel(t.ID))
	if err != nil {
		return nil, fmt.Errorf("webhook: open secret of %s: %w", t.ID, err)
	}
	wh, err := standardwebhooks.NewWebhook(string(secret))
	if err != nil {
		return nil, permanentError{fmt.Errorf("webhook: secret of %s: %w", t.ID, err)}
	}
	return &target{tenantID: t.ID, url: t.WebhookURL, wh: wh, m: m}, nil
}

// send signs and POSTs {"type","timestamp","data"} once and returns the HTTP status (0
// without an answer): nil for 2xx, a permanentError for 410 Gone or a request that cannot
// be built, another error for what is retried.
func (d *Deliverer) send(ctx context.Context, t *target) (int, error) {
	m := t.m
	body, err := json.Marshal(struct {
		Type      string         `json:"type"`
		Timestamp string         `json:"timestamp"`
		Data      map[string]any `json:"data"`
	}{m.Type, m.Timestamp.UTC().Format(time.RFC3339), m.Data})
	if err != nil {
		return 0, permanentError{err}
	}
	ts := d.now()
	sig, err := t.wh.Sign(m.ID, ts, body)
	if err != nil {
		return 0, permanentError{err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.url, bytes.NewReader(body))
	if err != nil {
		return 0, permanentError{fmt.Errorf("webhook: request: %w", err)}
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
		return 0, fmt.Errorf("webhook: deliver %s to tenant %s at %s: %w", m.ID, t.tenantID, req.URL.Host, err)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return resp.StatusCode, nil
	case resp.StatusCode == http.StatusGone:
		return resp.StatusCode, permanentError{fmt.Errorf("webhook: tenant %s endpoint answered 410 Gone", t.tenantID)}
	default:
		return resp.StatusCode, fmt.Errorf("webhook: tenant %s endpoint answered %d", t.tenantID, resp.StatusCode)
	}
}
