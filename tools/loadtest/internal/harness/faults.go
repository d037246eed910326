package harness

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kycgate/kycgate/kyc/didit"
)

// RescueWindow is how long River leaves a job running before its rescuer runs it again
// (queue.RescueStuckJobsAfter): a job whose replica was killed waits that long.
const RescueWindow = 15 * time.Minute

// FaultsOptions configure the faults run.
type FaultsOptions struct {
	// Binary is the kycgate binary; PostgresURL the server a fresh database is made on.
	Binary, PostgresURL string
	// Workers is the concurrency; Duration the load's length: replica 1 is SIGKILLed and
	// restarted at a third of it, every PostgreSQL connection terminated at two thirds.
	Workers  int
	Duration time.Duration
	// Settle bounds the wait for the gateway to finish its work after the load (default
	// 90 s: a job failed by the terminated connections is retried after 30 s).
	Settle time.Duration
	// SkipRescue leaves the killed replica's jobs running (River reruns them after
	// RescueWindow) instead of backdating them past the window and waiting for River's
	// rescuer to run them again, which proves them not lost in about a minute.
	SkipRescue bool
	// Screening, when set, configures the gateways to screen wallets against its fake
	// sources, and a share of the wallets is planted sanctioned or high-risk before it
	// signs in (Screening.Plant); the screening invariants are checked.
	Screening *Screening
	// Progress receives one line per step (nil: none).
	Progress io.Writer
}

// Check is one invariant: its name, whether it held, and the figures behind it.
type Check struct {
	Name   string
	OK     bool
	Detail string
}

// FaultsReport is what the faults run did and found.
type FaultsReport struct {
	// Load is the journeys' result (each: sign-in, Didit verification, webhook, and an
	// attestation, its verification and a gating lookup for the previous wallet).
	Load Result
	// Webhooks is how many distinct webhooks were answered 200; Terminated how many
	// connections pg_terminate_backend ended; Orphans the jobs left running by the killed
	// replica (River reruns them after RescueWindow), Rescued those of them backdated past
	// the window that River's rescuer ran again, Orphans then counting what is left.
	Webhooks, Terminated, Orphans, Rescued int
	// LookedUp counts the wallets without a screening job that the tenant looked up
	// after the load, which screens them on the spot; the job goes in with the wallet's
	// sign-in or link, so it is 0 unless that breaks (the screening check fails then).
	LookedUp int
	// Settled says whether the gateway finished its work within the bound.
	Settled bool
	// Checks are the invariants.
	Checks []Check
	// Started is when the run started; LoadStart and LoadEnd the machine's load
	// average (LoadAverage) then and at the end.
	Started            time.Time
	LoadStart, LoadEnd string
}

// OK reports whether every invariant held.
func (r *FaultsReport) OK() bool {
	for _, c := range r.Checks {
		if !c.OK {
			return false
		}
	}
	return len(r.Checks) > 0
}

// Markdown writes the run and each invariant as a table.
func (r *FaultsReport) Markdown(w io.Writer) {
	fmt.Fprintf(w, "Faults run of %s, load average (1, 5, 15 min) %s at the start, %s at the end.\n\n",
		r.Started.UTC().Format("2006-01-02 15:04 MST"), r.LoadStart, r.LoadEnd)
	fmt.Fprintf(w, "Faults run: %d journeys ok, %d failed (%.0f/s), %d webhooks answered 200, %d connections terminated, "+
		"%d jobs left running by the killed replica (%d of them run again by River's rescuer once backdated past its window), settled: %v.\n\n",
		r.Load.OK, r.Load.Failed, r.Load.Rate(), r.Webhooks, r.Terminated, r.Orphans+r.Rescued, r.Rescued, r.Settled)
	if r.Load.FirstError != nil {
		fmt.Fprintf(w, "First failed journey: %v\n\n", r.Load.FirstError)
	}
	fmt.Fprintln(w, "| invariant | holds | figures |")
	fmt.Fprintln(w, "| --- | --- | --- |")
	for _, c := range r.Checks {
		fmt.Fprintf(w, "| %s | %v | %s |\n", c.Name, c.OK, c.Detail)
	}
}

// faultsRun is the state of one faults run.
type faultsRun struct {
	o      FaultsOptions
	g      *Gateway
	mu     sync.Mutex
	replay map[string]int // nonce → sign-ins answered 200
	// declined wallets (lower-case addresses).
	declined map[string]bool
	// planted counts the wallets planted at the fake screening sources.
	planted  atomic.Int64
	killedAt time.Time
	// prev holds each worker's previous journey (worker → Journey).
	prev sync.Map
}

// RunFaults runs three replicas over a fresh PostgreSQL database under load, kills one
// with SIGKILL and restarts it, terminates every connection, lets the gateway settle and
// checks the invariants. The error is a failure to run (or an invariant broken); the
// report says which.
func RunFaults(ctx context.Context, o FaultsOptions) (*FaultsReport, error) {
	if o.Settle <= 0 {
		o.Settle = 90 * time.Second
	}
	var env map[string]string
	if o.Screening != nil {
		env = o.Screening.Env
	}
	g, err := StartGateway(ctx, GatewayOptions{Binary: o.Binary, PostgresURL: o.PostgresURL, Replicas: 3, Conns: o.Workers * 2, Env: env})
	if err != nil {
		return nil, err
	}
	defer g.Close()
	f := &faultsRun{o: o, g: g, replay: map[string]int{}, declined: map[string]bool{}}
	rep := &FaultsReport{Started: time.Now(), LoadStart: LoadAverage()}
	defer func() { rep.LoadEnd = LoadAverage() }()
	logf := Options{Progress: o.Progress}.logf

	faultsDone := make(chan error, 1)
	loadCtx, stopFaults := context.WithCancel(ctx)
	defer stopFaults()
	go func() { faultsDone <- f.inject(loadCtx, rep, logf) }()
	logf("faults: %d workers × %s over 3 replicas", o.Workers, o.Duration)
	rep.Load = Drive(ctx, "faults", o.Workers, o.Duration, f.journey)
	if err := <-faultsDone; err != nil {
		return rep, fmt.Errorf("faults: %w\n%s", err, g.Logs())
	}
	// Didit sends again what was not answered 200.
	for range 5 {
		if g.Vendor.Redeliver(ctx, g.Base) == 0 {
			break
		}
	}
	if o.Screening != nil {
		if rep.LookedUp, err = f.lookupUnscreened(ctx); err != nil {
			return rep, err
		}
	}
	rep.Webhooks = len(g.Vendor.Answered())
	logf("faults: %d journeys, %d webhooks answered 200; settling (at most %s)", rep.Load.OK, rep.Webhooks, o.Settle)
	settling := time.Now()
	if rep.Settled, err = f.settle(ctx); err != nil {
		return rep, err
	}
	logf("faults: settled %v after %s", rep.Settled, time.Since(settling).Round(time.Millisecond))
	if rep.Settled && !o.SkipRescue {
		if err := f.rescue(ctx, rep, logf); err != nil {
			return rep, err
		}
	}
	if err := f.check(ctx, rep); err != nil {
		return rep, err
	}
	if !rep.OK() {
		return rep, fmt.Errorf("faults: an invariant does not hold\n%s", g.Logs())
	}
	return rep, nil
}

// inject kills replica 1 at a third of the run and restarts it, and terminates every
// connection at two thirds.
func (f *faultsRun) inject(ctx context.Context, rep *FaultsReport, logf func(string, ...any)) error {
	select {
	case <-ctx.Done():
		return nil
	case <-time.After(f.o.Duration / 3):
	}
	r := f.g.Replicas[1]
	// The kill's time is taken once the process is gone (Kill waits for its exit), so
	// every job it fetched was attempted before it: one taken before the signal missed
	// the jobs the replica fetched in between, which then looked due on a live replica
	// and never settled.
	r.Kill()
	f.mu.Lock()
	f.killedAt = time.Now()
	f.mu.Unlock()
	logf("faults: replica 1 (%s) killed with SIGKILL", r.Addr)
	if err := r.Restart(ctx); err != nil {
		return fmt.Errorf("restart replica 1: %w", err)
	}
	logf("faults: replica 1 restarted, listening again %s after the kill", time.Since(f.killedAt).Round(time.Millisecond))
	select {
	case <-ctx.Done():
		return nil
	case <-time.After(f.o.Duration / 3):
	}
	n, err := f.g.DB.TerminateBackends(ctx)
	if err != nil {
		return fmt.Errorf("pg_terminate_backend: %w", err)
	}
	rep.Terminated = n
	logf("faults: %d PostgreSQL connections terminated", n)
	return nil
}

// journey is one worker iteration: a wallet, planted sanctioned or high-risk at the fake
// screening sources (a tenth each, when screening is configured), signs in (every 8th
// sends its signed message twice at once, a replay across replicas), its Didit
// verification is decided (every 4th declined: rejected, never approved) and the webhook
// posted (every 5th twice at once, a concurrent redelivery reaching two replicas); then
// the worker's previous wallet, decided a while ago, asks for an attestation (every 6th
// blocked by a reviewer at the same moment), verifies what it got and is looked up by
// the tenant.
func (f *faultsRun) journey(ctx context.Context, worker, i int) error {
	prev, _ := f.previous(worker)
	s, err := f.g.Client.Prepare(ctx)
	if err != nil {
		return err
	}
	kind := WalletClear
	if f.o.Screening != nil {
		// Planted before the sign-in, whose job (or the first lookup) screens it.
		kind = f.o.Screening.Plant(int(f.planted.Add(1)-1), s.Address)
	}
	var w Wallet
	if i%8 == 0 {
		w, err = f.replayed(ctx, s)
	} else {
		w, err = f.g.Client.SignIn(ctx, s)
		if err == nil {
			f.signedIn(s.Nonce)
		}
	}
	if err != nil {
		return err
	}
	decision := didit.StatusApproved
	if i%4 == 3 {
		decision = didit.StatusDeclined
		f.mu.Lock()
		f.declined[strings.ToLower(w.Address)] = true
		f.mu.Unlock()
	}
	copies := 1
	if i%5 == 2 {
		copies = 2
	}
	j, err := f.g.VerifyWallet(ctx, w, decision, copies)
	if j.VerificationID != "" {
		f.setPrevious(worker, j)
	}
	if se := (*StatusError)(nil); kind == WalletSanctioned && errors.As(err, &se) && se.Status == http.StatusForbidden {
		// Its screening blocked the account before it could start a verification.
		return nil
	}
	if err != nil {
		return err
	}
	if prev.VerificationID != "" {
		var blocking sync.WaitGroup
		if i%6 == 5 {
			// A reviewer blocks the previous subject while it asks for an attestation.
			blocking.Go(func() {
				_, _ = f.g.Client.Do(ctx, "POST", "/v1/admin/subjects/"+prev.Wallet.SubjectID+"/block",
					map[string]string{"reason": "load test block"}, nil, []int{200}, "Authorization", "Bearer "+f.g.Setup.ReviewerKey)
			})
		}
		defer blocking.Wait()
		// Any answer is acceptable here (the approval may not be processed yet, the
		// subject may be blocked): the invariants judge what was stored.
		if pkg, _, err := f.g.Attest(ctx, prev.Wallet, Chains[i%len(Chains)]); err == nil {
			_ = f.g.CheckAttestation(ctx, pkg)
		}
		_, _ = f.g.Client.Do(ctx, "GET", "/v1/tenant/wallets/"+prev.Wallet.Address, nil, nil, []int{200, 404}, f.g.TenantAuth()...)
	}
	return nil
}

func (f *faultsRun) previous(worker int) (Journey, bool) {
	v, ok := f.prev.Load(worker)
	if !ok {
		return Journey{}, false
	}
	return v.(Journey), true
}

func (f *faultsRun) setPrevious(worker int, j Journey) { f.prev.Store(worker, j) }

func (f *faultsRun) signedIn(nonce string) {
	f.mu.Lock()
	f.replay[nonce]++
	f.mu.Unlock()
}

// replayed sends the signed message twice at once (the proxy sends them to two
// replicas) and returns the session of the one that succeeded.
func (f *faultsRun) replayed(ctx context.Context, s SignedIn) (Wallet, error) {
	var wg sync.WaitGroup
	ws := make([]Wallet, 2)
	errs := make([]error, 2)
	for k := range 2 {
		wg.Go(func() { ws[k], errs[k] = f.g.Client.SignIn(ctx, s) })
	}
	wg.Wait()
	for k := range 2 {
		if errs[k] == nil {
			f.signedIn(s.Nonce)
		}
	}
	for k := range 2 {
		if errs[k] == nil {
			return ws[k], nil
		}
	}
	return Wallet{}, errs[0]
}
