package harness

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// jobCounts are River's jobs by what they wait for, after the load.
type jobCounts struct {
	// Due are jobs that will run without anyone's help: available, scheduled, retryable,
	// and running on a live replica (started after the kill).
	Due int
	// Orphans are running since before the kill: the killed replica's, which River's
	// rescuer runs again after RescueWindow.
	Orphans int
	// Pending wait for a predecessor (an outbound webhook behind an unfinished one).
	Pending int
	// Onchain are onchain revocations: with no chain configured nobody works their queue
	// and they wait in the database by design (README, Onchain verification).
	Onchain int
}

func (f *faultsRun) jobs(ctx context.Context) (jobCounts, error) {
	f.mu.Lock()
	killed := f.killedAt
	f.mu.Unlock()
	var c jobCounts
	err := f.g.DB.Pool.QueryRow(ctx, `SELECT
		count(*) FILTER (WHERE queue <> 'onchain' AND (state IN ('available', 'scheduled', 'retryable') OR (state = 'running' AND attempted_at >= $1))),
		count(*) FILTER (WHERE queue <> 'onchain' AND state = 'running' AND attempted_at < $1),
		count(*) FILTER (WHERE queue <> 'onchain' AND state = 'pending'),
		count(*) FILTER (WHERE queue = 'onchain' AND state = 'available')
		FROM river_job`, killed).Scan(&c.Due, &c.Orphans, &c.Pending, &c.Onchain)
	return c, err
}

// settle polls River's table until no job is due any more (what is left waits for the
// rescue of the killed replica's jobs), within the bound; it reports whether it got there.
func (f *faultsRun) settle(ctx context.Context) (bool, error) {
	deadline := time.Now().Add(f.o.Settle)
	last := time.Now()
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		c, err := f.jobs(ctx)
		if err != nil {
			return false, fmt.Errorf("settle: %w", err)
		}
		if c.Due == 0 {
			return true, nil
		}
		if f.o.Progress != nil && time.Since(last) > 10*time.Second {
			last = time.Now()
			fmt.Fprintf(f.o.Progress, "faults: waiting for %d jobs%s\n", c.Due, f.dueJobs(ctx))
		}
		if time.Now().After(deadline) {
			return false, nil
		}
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case <-tick.C:
		}
	}
}

// rescue moves the attempt of the killed replica's running jobs back past River's rescue
// window (what waiting 15 minutes would do) and waits, polling, until River's rescuer
// (on the leader, every 30 s) has run them again and nothing is due.
func (f *faultsRun) rescue(ctx context.Context, rep *FaultsReport, logf func(string, ...any)) error {
	tag, err := f.g.DB.Pool.Exec(ctx, `UPDATE river_job SET attempted_at = attempted_at - $2::interval
		WHERE state = 'running' AND attempted_at < $1 AND queue <> 'onchain'`, f.killedAt, (RescueWindow + time.Minute).String())
	if err != nil {
		return fmt.Errorf("backdate the killed replica's jobs: %w", err)
	}
	n := int(tag.RowsAffected())
	if n == 0 {
		return nil
	}
	logf("faults: %d jobs of the killed replica backdated past the rescue window; waiting for River's rescuer", n)
	start := time.Now()
	deadline := start.Add(f.o.Settle + time.Minute)
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		c, err := f.jobs(ctx)
		if err != nil {
			return err
		}
		if c.Orphans == 0 && c.Due == 0 {
			rep.Rescued = n
			logf("faults: rescued and run again after %s", time.Since(start).Round(time.Millisecond))
			return nil
		}
		if time.Now().After(deadline) {
			rep.Rescued = n - c.Orphans
			rep.Settled = false
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// count runs a query returning one integer.
func (f *faultsRun) count(ctx context.Context, query string, args ...any) (int, error) {
	var n int
	err := f.g.DB.Pool.QueryRow(ctx, query, args...).Scan(&n)
	return n, err
}

// check evaluates every invariant into rep.Checks.
func (f *faultsRun) check(ctx context.Context, rep *FaultsReport) error {
	jc, err := f.jobs(ctx)
	if err != nil {
		return err
	}
	rep.Orphans = jc.Orphans
	q := func(query string, args ...any) int {
		if err != nil {
			return 0
		}
		var n int
		n, err = f.count(ctx, query, args...)
		return n
	}
	add := func(name string, ok bool, format string, args ...any) {
		rep.Checks = append(rep.Checks, Check{Name: name, OK: ok, Detail: fmt.Sprintf(format, args...)})
	}

	// 1. Every webhook answered 200 is stored once and processed once.
	answered := f.g.Vendor.Answered()
	stored := q(`SELECT count(*) FROM provider_events WHERE provider = 'didit' AND event_id = ANY($1)`, answered)
	unprocessed := q(`SELECT count(*) FROM provider_events WHERE provider = 'didit' AND event_id = ANY($1) AND processed_at IS NULL`, answered)
	orphanEvents := q(`SELECT count(*) FROM river_job WHERE kind = 'kyc.provider_event' AND state = 'running' AND attempted_at < $1`, f.killedAt)
	twice := q(`SELECT count(*) FROM (SELECT entity_id FROM audit_log WHERE entity_kind = 'verification'
		AND action IN ('verification.approved', 'verification.rejected') GROUP BY entity_id, action HAVING count(*) > 1) t`)
	add("every webhook answered 200 stored once and processed exactly once", stored == len(answered) && unprocessed <= orphanEvents && twice == 0,
		"%d answered 200, %d stored, %d not processed (%d jobs of such events left for River's rescuer), %d decisions applied twice",
		len(answered), stored, unprocessed, orphanEvents, twice)

	// 2. No nonce signs in twice.
	f.mu.Lock()
	replays, reused := 0, 0
	for _, n := range f.replay {
		replays++
		if n > 1 {
			reused++
		}
	}
	f.mu.Unlock()
	perWallet := q(`SELECT count(*) FROM (SELECT address FROM sessions GROUP BY address HAVING count(*) > 1) t`)
	add("no nonce used twice", reused == 0 && perWallet == 0,
		"%d signed messages (every 8th sent twice at once), %d signed in twice; %d wallets (one message each) with more than one session",
		replays, reused, perWallet)

	// 3. No attestation for a blocked, unapproved or sanctioned subject.
	f.mu.Lock()
	declined := keys(f.declined)
	f.mu.Unlock()
	var sanctioned, risky []string
	if f.o.Screening != nil {
		sanctioned, risky = f.o.Screening.Planted(WalletSanctioned), f.o.Screening.Planted(WalletRisky)
	}
	blocked := q(`SELECT count(*) FROM attestations a JOIN subjects s ON s.id = a.subject_id
		WHERE a.revoked_at IS NULL AND (s.blocked OR s.approved_level = 0)`)
	ofDeclined := q(`SELECT count(*) FROM attestations WHERE lower(recipient) = ANY($1)`, declined)
	ofFlagged := q(`SELECT count(*) FROM attestations a WHERE a.revoked_at IS NULL AND a.subject_id IN (SELECT w.subject_id
		FROM wallets w JOIN wallet_screenings ws ON ws.address = w.address WHERE ws.outcome = 'sanctioned' OR ws.held)`)
	ofPlanted := q(`SELECT count(*) FROM attestations a JOIN wallets w ON w.subject_id = a.subject_id
		WHERE a.revoked_at IS NULL AND lower(w.address) = ANY($1)`, append(append([]string{}, sanctioned...), risky...))
	notBlocked := q(`SELECT count(*) FROM wallets w JOIN subjects s ON s.id = w.subject_id WHERE lower(w.address) = ANY($1) AND NOT s.blocked`, sanctioned)
	blockedSubjects := q(`SELECT count(*) FROM subjects WHERE blocked`)
	attestations := q(`SELECT count(*) FROM attestations`)
	add("no attestation for a blocked or sanctioned subject", blocked == 0 && ofDeclined == 0 && ofFlagged == 0 && ofPlanted == 0 && notBlocked == 0,
		"%d attestations; %d blocked subjects (Didit declined %d wallets); valid ones of blocked or unapproved subjects %d, of declined wallets %d, "+
			"of subjects with a sanctioned or held wallet %d, of the %d wallets planted sanctioned and %d high-risk %d; sanctioned wallets whose account is not blocked %d",
		attestations, blockedSubjects, len(declined), blocked, ofDeclined, ofFlagged, len(sanctioned), len(risky), ofPlanted, notBlocked)

	// 4. No job lost.
	discarded := q(`SELECT count(*) FROM river_job WHERE state = 'discarded'`)
	stuck := q(`SELECT count(*) FROM river_job WHERE state = 'running' AND attempted_at < $1`, time.Now().Add(-RescueWindow))
	add("no job lost", rep.Settled && jc.Due == 0 && discarded == 0 && stuck == 0,
		"settled within %s: %v; due %d%s, discarded %d, running past the %s rescue window %d; of the killed replica's running jobs %d run again by River's rescuer, %d left for it, %d waiting for them; %d onchain revocations waiting for a chain to be configured",
		f.o.Settle, rep.Settled, jc.Due, f.dueJobs(ctx), discarded, RescueWindow, stuck, rep.Rescued, jc.Orphans, jc.Pending, jc.Onchain)

	// 5. No duplicate outbound event for one change.
	dupOutbox := q(`SELECT count(*) FROM (SELECT 1 FROM (SELECT key, convert_from(payload, 'UTF8')::jsonb AS m FROM outbox) o
		GROUP BY key, m->>'type', m->'data'->>'verificationId', m->'data'->>'status', m->'data'->>'uid',
		m->'data'->>'outcome', m->'data'->>'wallet', (m->'data'->'verificationIds')::text HAVING count(*) > 1) t`)
	outbox := q(`SELECT count(*) FROM outbox`)
	dupReceived, ids := receivedDuplicates(f.g.Receiver.Deliveries())
	var dupWhich string
	if dupOutbox > 0 && err == nil {
		// What the duplicates are, to say what broke.
		err = f.g.DB.Pool.QueryRow(ctx, `SELECT coalesce(string_agg(d, '; '), '') FROM (SELECT concat_ws(' ', m->>'type',
			m->'data'->>'verificationId', m->'data'->>'status', m->'data'->>'outcome', (m->'data'->'verificationIds')::text, count(*)) AS d
			FROM (SELECT key, convert_from(payload, 'UTF8')::jsonb AS m FROM outbox) o
			GROUP BY key, m->>'type', m->'data'->>'verificationId', m->'data'->>'status', m->'data'->>'uid',
			m->'data'->>'outcome', m->'data'->>'wallet', (m->'data'->'verificationIds')::text HAVING count(*) > 1 LIMIT 3) t`).Scan(&dupWhich)
		dupWhich = " (" + dupWhich + ")"
	}
	add("no duplicate outbound event for one change", dupOutbox == 0 && dupReceived == 0,
		"%d outbox events, %d changes with two%s; the tenant received %d distinct events, %d changes under two ids",
		outbox, dupOutbox, dupWhich, ids, dupReceived)

	// 6. Sessions and verifications consistent.
	noAudit := q(`SELECT count(*) FROM verifications v WHERE status = 'approved' AND (SELECT count(*) FROM audit_log a
		WHERE a.entity_kind = 'verification' AND a.entity_id = v.id AND a.action = 'verification.approved') <> 1`)
	noOutbox := q(`SELECT count(*) FROM verifications v WHERE status = 'approved' AND (SELECT count(*) FROM outbox o
		WHERE convert_from(o.payload, 'UTF8')::jsonb->>'type' = 'verification.updated'
		AND convert_from(o.payload, 'UTF8')::jsonb->'data'->>'verificationId' = v.id
		AND convert_from(o.payload, 'UTF8')::jsonb->'data'->>'status' = 'approved') <> 1`)
	noSession := q(`SELECT count(*) FROM verifications v WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.subject_id = v.subject_id)`)
	approvedNotLevel := q(`SELECT count(*) FROM verifications v JOIN subjects s ON s.id = v.subject_id
		WHERE v.status = 'approved' AND (s.approved_level < v.level OR s.blocked)`)
	approved := q(`SELECT count(*) FROM verifications WHERE status = 'approved'`)
	add("sessions and verifications consistent", noAudit == 0 && noOutbox == 0 && noSession == 0 && approvedNotLevel == 0,
		"%d approved verifications: without exactly one audit entry %d, without exactly one outbound event %d, whose subject lacks the approval %d; verifications without a signed-in wallet %d",
		approved, noAudit, noOutbox, approvedNotLevel, noSession)
	if f.o.Screening != nil {
		f.checkScreening(q, add, sanctioned, risky, rep.LookedUp)
	}
	return err
}

// lookupUnscreened has the tenant look up every wallet that has no screening state and
// no first-screening job, which screens it on the spot, and returns how many it looked
// up. A sign-in inserts its job in its own unit of work (auth.Service.SignIn), so none
// should be found; checkScreening fails the run when one is.
func (f *faultsRun) lookupUnscreened(ctx context.Context) (int, error) {
	rows, err := f.g.DB.Pool.Query(ctx, `SELECT w.address FROM wallets w
		WHERE NOT EXISTS (SELECT 1 FROM wallet_screenings ws WHERE ws.address = w.address)
		AND NOT EXISTS (SELECT 1 FROM river_job j WHERE j.kind = 'screening.screen_wallet' AND lower(j.args->>'address') = lower(w.address))`)
	if err != nil {
		return 0, fmt.Errorf("wallets never screened: %w", err)
	}
	var addrs []string
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			rows.Close()
			return 0, err
		}
		addrs = append(addrs, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, a := range addrs {
		if _, err := f.g.Client.Do(ctx, "GET", "/v1/tenant/wallets/"+a, nil, nil, []int{200, 404}, f.g.TenantAuth()...); err != nil {
			return 0, err
		}
	}
	return len(addrs), nil
}

// checkScreening adds the screening invariant: every screened wallet has its state row
// (the history and the state are written together), none failed, each says what it was
// planted as, every wallet has its first-screening job (inserted with its sign-in or
// link, so no fault can separate them) and every such job completed, and no wallet left
// unscreened is shared with the tenant (whose lookup would have screened it) or attested
// (issuance screens first).
func (f *faultsRun) checkScreening(q func(string, ...any) int, add func(string, bool, string, ...any), sanctioned, risky []string, lookedUp int) {
	wallets := q(`SELECT count(*) FROM wallets`)
	states := q(`SELECT count(*) FROM wallet_screenings`)
	historyNoState := q(`SELECT count(DISTINCT s.address) FROM screenings s WHERE NOT EXISTS (SELECT 1 FROM wallet_screenings ws WHERE ws.address = s.address)`)
	failed := q(`SELECT count(*) FROM wallet_screenings WHERE failed`)
	notSanctioned := q(`SELECT count(*) FROM wallet_screenings WHERE lower(address) = ANY($1) AND outcome <> 'sanctioned'`, sanctioned)
	notHeld := q(`SELECT count(*) FROM wallet_screenings WHERE lower(address) = ANY($1) AND NOT held`, risky)
	flaggedClear := q(`SELECT count(*) FROM wallet_screenings WHERE (outcome <> 'clear' OR held) AND NOT (lower(address) = ANY($1))`,
		append(append([]string{}, sanctioned...), risky...))
	noJob := q(`SELECT count(*) FROM wallets w WHERE NOT EXISTS (SELECT 1 FROM river_job j
		WHERE j.kind = 'screening.screen_wallet' AND lower(j.args->>'address') = lower(w.address))`)
	unscreenedBad := q(`SELECT count(*) FROM wallets w WHERE NOT EXISTS (SELECT 1 FROM wallet_screenings ws WHERE ws.address = w.address)
		AND (EXISTS (SELECT 1 FROM river_job j WHERE j.kind = 'screening.screen_wallet' AND lower(j.args->>'address') = lower(w.address))
		OR EXISTS (SELECT 1 FROM subject_shares sh WHERE sh.subject_id = w.subject_id)
		OR EXISTS (SELECT 1 FROM attestations a WHERE a.subject_id = w.subject_id))`)
	open := q(`SELECT count(*) FROM river_job WHERE kind = 'screening.screen_wallet' AND state <> 'completed'`)
	jobs := q(`SELECT count(*) FROM river_job WHERE kind = 'screening.screen_wallet'`)
	// The journeys link no wallet to another account, so a wallet's one job is its first
	// sign-in's: two for one wallet, or one for no wallet, is a job without its sign-in.
	extraJobs := q(`SELECT count(*) FROM river_job j WHERE j.kind = 'screening.screen_wallet' AND (
		NOT EXISTS (SELECT 1 FROM wallets w WHERE lower(w.address) = lower(j.args->>'address'))
		OR EXISTS (SELECT 1 FROM river_job o WHERE o.kind = j.kind AND o.id < j.id AND lower(o.args->>'address') = lower(j.args->>'address')))`)
	add("every screened wallet has its state row, no screening job lost",
		historyNoState == 0 && failed == 0 && notSanctioned == 0 && notHeld == 0 && flaggedClear == 0 && unscreenedBad == 0 && open == 0 && noJob == 0 &&
			extraJobs == 0,
		"%d wallets signed in, %d with a screening state; screened without a state %d, failed %d; planted sanctioned %d (stored otherwise %d), high-risk %d (not held %d), "+
			"others flagged %d; %d first-screening jobs, not completed %d, without their sign-in (a second for one wallet, or none) %d; %d wallets without one (must be none), %d of them looked up by the tenant (screened on the spot); unscreened but shared or attested %d",
		wallets, states, historyNoState, failed, len(sanctioned), notSanctioned, len(risky), notHeld, flaggedClear, jobs, open, extraJobs, noJob, lookedUp, unscreenedBad)
}

// dueJobs describes the jobs still due, to say what broke: " (kind state attempt …)".
func (f *faultsRun) dueJobs(ctx context.Context) string {
	rows, err := f.g.DB.Pool.Query(ctx, `SELECT kind || ' ' || state || ' attempt ' || attempt ||
		' attempted ' || coalesce(to_char(attempted_at, 'HH24:MI:SS.MS'), '-') || ' scheduled ' || to_char(scheduled_at, 'HH24:MI:SS.MS') ||
		' errors ' || coalesce(errors[array_upper(errors, 1)]->>'error', '-')
		FROM river_job WHERE queue <> 'onchain' AND (state IN ('available', 'scheduled', 'retryable') OR (state = 'running' AND attempted_at >= $1))
		ORDER BY id LIMIT 5`, f.killedAt)
	if err != nil {
		return " (" + err.Error() + ")"
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if rows.Scan(&s) == nil {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return ""
	}
	return " (" + strings.Join(out, "; ") + ")"
}

// receivedDuplicates counts changes the tenant was told about under more than one
// webhook-id (a redelivery of one id is at-least-once delivery, not a duplicate), and
// the distinct ids.
func receivedDuplicates(ds []Delivery) (int, int) {
	ids := map[string]map[string]bool{}
	seen := map[string]bool{}
	for _, d := range ds {
		k := strings.Join([]string{d.Type, d.VerificationID, d.Status, d.UID, d.Outcome, d.Wallet, d.VerificationIDs}, "|")
		if ids[k] == nil {
			ids[k] = map[string]bool{}
		}
		ids[k][d.ID] = true
		seen[d.ID] = true
	}
	dup := 0
	for _, set := range ids {
		if len(set) > 1 {
			dup++
		}
	}
	return dup, len(seen)
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
