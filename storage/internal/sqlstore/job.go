package sqlstore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/kycgate/kycgate/storage"
)

// jobArgs are a storage.Job as statement parameters; the zero value (no job) has an
// empty kind, which inserts nothing.
type jobArgs struct {
	args                  any
	at                    *time.Time
	kind, queue           string
	maxAttempts, priority int16
	topic, payload        string
}

func jobParams(j *storage.Job) jobArgs {
	if j == nil {
		return jobArgs{}
	}
	var at *time.Time
	if j.At != nil {
		t := micro(*j.At)
		at = &t
	}
	return jobArgs{args: string(j.Args), at: at, kind: j.Kind, queue: j.Queue, maxAttempts: int16(j.MaxAttempts),
		priority: int16(j.Priority), topic: j.NotifyTopic, payload: j.NotifyPayload}
}

// validJob refuses a job no store could insert as given, before anything is written:
// no kind or queue, arguments that are not a JSON object, max attempts outside
// River's smallint column (1 to 32767) or a priority outside it (River's own check, 1
// to 4, is the database's). nil (no job) is valid.
func validJob(j *storage.Job) error {
	switch {
	case j == nil:
		return nil
	case j.Kind == "" || j.Queue == "":
		return errors.New("job: a kind and a queue are required")
	case !json.Valid(j.Args) || bytes.TrimSpace(j.Args)[0] != '{': // valid JSON is not blank
		return errors.New("job: the arguments must be a JSON object")
	case j.MaxAttempts < 1 || j.MaxAttempts > math.MaxInt16:
		return errors.New("job: max attempts must be 1 to 32767")
	case j.Priority < math.MinInt16 || j.Priority > math.MaxInt16:
		return errors.New("job: priority out of range")
	}
	return nil
}

// insertJob inserts j into River's river_job table with the dialect's statements (the
// stores without writable CTEs: PostgreSQL's is part of its statement), and River's insert
// notification when j asks for one.
func (s *Store) insertJob(ctx context.Context, j *storage.Job) error {
	d := s.d.Dialect()
	if d.InsertJob == "" {
		return errors.New("insert job: not supported by this store")
	}
	p := jobParams(j)
	if p.kind == "" {
		return errors.New("insert job: no kind")
	}
	if err := s.exec(ctx, s.q, "insert job", d.InsertJob, p.args, p.at, p.kind, int64(p.maxAttempts),
		int64(p.priority), p.queue); err != nil {
		return err
	}
	if p.topic == "" {
		return nil
	}
	if _, err := s.q.Exec(ctx, d.NotifyJobs, p.topic, p.payload); err != nil {
		return fmt.Errorf("notify job: %w", s.d.MapError(err))
	}
	return nil
}
