package kyc

import (
	"context"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/storage"
)

// Ingestion groups the events arriving together into one transaction (a group commit):
// the first caller of a group waits up to ingestWindow for others (or until the group
// has ingestMaxGroup events), stores every event of the group and its job in one
// transaction, and each caller is answered after that commit. A group's transaction
// failing fails every caller in it (none is answered 200, so the provider sends again);
// a duplicate fails nobody (the insert does nothing and the caller is told). While a
// group commits, the next one gathers.
const (
	ingestWindow   = time.Millisecond
	ingestMaxGroup = 64
)

// ingestItem is one event waiting in a group; dup and err are its outcome.
type ingestItem struct {
	e        storage.ProviderEvent
	provider string
	dup      bool
}

// ingestGroup is the events gathered for one transaction.
type ingestGroup struct {
	items []*ingestItem
	full  chan struct{} // closed when the group reaches ingestMaxGroup
	done  chan struct{} // closed after the commit (or its failure)
	err   error
}

// committer forms the groups.
type committer struct {
	mu      sync.Mutex
	open    *ingestGroup
	store   storage.Store
	timeout time.Duration
}

// store stores it (and its processing job) with the group it joins, and returns once
// that group's transaction is committed: it.dup reports an event stored before.
func (c *committer) add(ctx context.Context, it *ingestItem) error {
	c.mu.Lock()
	g, leader := c.open, false
	if g == nil {
		g = &ingestGroup{full: make(chan struct{}), done: make(chan struct{})}
		c.open, leader = g, true
	}
	g.items = append(g.items, it)
	if len(g.items) == ingestMaxGroup {
		c.open = nil // closed to newcomers
		close(g.full)
	}
	c.mu.Unlock()
	if leader {
		timer := time.NewTimer(ingestWindow)
		select {
		case <-g.full:
		case <-timer.C:
		}
		timer.Stop()
		c.mu.Lock()
		if c.open == g {
			c.open = nil
		}
		c.mu.Unlock()
		// The group's commit is not the leader's alone: its caller going away must not
		// fail the others.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.timeout)
		g.err = c.commit(cctx, g.items)
		cancel()
		close(g.done)
	}
	select {
	case <-g.done:
		return g.err
	case <-ctx.Done():
		// Not answered: the provider sends it again (stored or not, it is stored once).
		return ctx.Err()
	}
}

// commit stores a group's events (one INSERT) and the jobs of those stored (one
// insert) in one transaction; a duplicate (an event stored before, or twice in the
// group) is marked and stores nothing.
func (c *committer) commit(ctx context.Context, items []*ingestItem) error {
	return c.store.InTx(ctx, func(tx storage.Store) error {
		es := make([]*storage.ProviderEvent, len(items))
		for i, it := range items {
			es[i] = &it.e
		}
		stored, err := tx.InsertProviderEvents(ctx, es)
		if err != nil {
			return err
		}
		var jobs []river.JobArgs
		for i, it := range items {
			it.dup = !stored[i]
			if stored[i] {
				jobs = append(jobs, ProcessEventArgs{EventID: it.e.ID, Provider: it.provider})
			}
		}
		return queue.InsertManyTx(ctx, tx, jobs)
	})
}
