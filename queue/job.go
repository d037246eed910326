package queue

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/kycgate/kycgate/storage"
)

// insertTopic is River's job insert notification topic (its notifier's
// NotificationTopicInsert); PostgreSQL's channel is "<schema>.river_insert".
const insertTopic = "river_insert"

// Job describes args as the river_job row River's InsertTx would write for them on this
// queue, for a store to insert inside its own statement (storage.SignIn.Job): the kind,
// the args' JSON, and the queue, priority and max attempts from opts, else the args'
// InsertOpts, else River's defaults (queue "default", priority 1) and this queue's
// MaxAttempts (Config; 10 by default, not the table's default of 25). At is the stubbed
// clock when Config.Now is set and otherwise nil (the database's clock), as River does.
// It carries River's insert notification when none was sent for the queue in the last
// fetch cooldown (River's pacing; call JobInserted after the store inserted it). Options
// such a plain row does not express (unique, scheduled, pending, tags, metadata) are an
// error: insert those jobs with InsertTx. Two things of River's insert this path does not
// do: the insert hooks and middleware of the River config (this queue configures none),
// and, on SQLite, River's unique-insert nonce in the metadata, which only its own
// insert's RETURNING reads (its bulk insert without RETURNING leaves it out as well).
func (q *Queue) Job(args river.JobArgs, opts *river.InsertOpts) (storage.Job, error) {
	if opts == nil {
		opts = &river.InsertOpts{}
	}
	var own river.InsertOpts
	if a, ok := args.(river.JobArgsWithInsertOpts); ok {
		own = a.InsertOpts()
	}
	for _, o := range []*river.InsertOpts{opts, &own} {
		u := o.UniqueOpts
		if u.ByArgs || u.ByPeriod != 0 || u.ByQueue || u.ByState != nil || u.ExcludeKind || !o.ScheduledAt.IsZero() || o.Pending || len(o.Tags) > 0 || len(o.Metadata) > 0 {
			return storage.Job{}, fmt.Errorf("queue: job %s: unique, scheduled, pending, tagged or with metadata: insert it with InsertTx", args.Kind())
		}
	}
	encoded, err := json.Marshal(args)
	if err != nil {
		return storage.Job{}, fmt.Errorf("queue: job %s: %w", args.Kind(), err)
	}
	j := storage.Job{
		Kind: args.Kind(), Args: encoded,
		Queue:       cmp.Or(opts.Queue, own.Queue, river.QueueDefault),
		Priority:    cmp.Or(opts.Priority, own.Priority, 1),
		MaxAttempts: cmp.Or(opts.MaxAttempts, own.MaxAttempts, q.cfg.MaxAttempts),
	}
	if j.Kind == "" || j.Priority < 1 || j.Priority > 4 {
		return storage.Job{}, errors.New("queue: a job needs a kind and a priority from 1 to 4")
	}
	if q.cfg.Now != nil {
		at := q.cfg.Now().UTC()
		j.At = &at
	}
	if q.notes.due(j.Queue) {
		// River's client formats its payload the same way (fmt's %q of the queue name).
		j.NotifyTopic, j.NotifyPayload = insertTopic, fmt.Sprintf("{\"queue\": %q}", j.Queue)
	}
	return j, nil
}

// JobInserted records that a store inserted j, a Job of this queue, so that the jobs of
// its queue described in the next fetch cooldown go without a notification.
func (q *Queue) JobInserted(j storage.Job) {
	if j.NotifyTopic != "" {
		q.notes.sent(j.Queue)
	}
}

// pacer paces insert notifications as River's client does (at most one per queue per
// fetch cooldown), except that a notification counts once its job is inserted rather
// than when it is described, since a described job may not be inserted (a returning
// sign-in) and must not hold back the next one.
type pacer struct {
	every time.Duration
	// now is the queue's clock (Config.Now, stubbed in tests as River's is); nil: time.Now.
	now  func() time.Time
	mu   sync.Mutex
	last map[string]time.Time
}

func (p *pacer) clock() time.Time {
	if p.now != nil {
		return p.now()
	}
	return time.Now()
}

func (p *pacer) due(queue string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	last, ok := p.last[queue]
	return !ok || p.clock().Sub(last) >= p.every
}

func (p *pacer) sent(queue string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.last == nil {
		p.last = map[string]time.Time{}
	}
	p.last[queue] = p.clock()
}
