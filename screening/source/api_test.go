package source_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/screening/source"
	"github.com/kycgate/kycgate/screening/source/sourcetest"
)

// answer is one canned answer of the test server.
type answer struct {
	status     int
	retryAfter string
	body       string
}

type apiBundle struct {
	api     *source.API
	pacer   *sourcetest.Clock
	mu      sync.Mutex
	answers []answer
	calls   int
	srv     *httptest.Server
	release chan struct{}
	// hanging receives when the server starts to hang.
	hanging chan struct{}
}

// setupAPI starts a server that answers the queued answers in order, then 200 {"ok":true}.
func setupAPI(t *testing.T, perSecond float64, answers ...answer) *apiBundle {
	t.Helper()
	b := &apiBundle{pacer: sourcetest.NewClock(time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)), answers: answers,
		release: make(chan struct{}), hanging: make(chan struct{}, 1)}
	b.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b.mu.Lock()
		b.calls++
		a := answer{status: 200, body: `{"ok":true}`}
		if len(b.answers) > 0 {
			a, b.answers = b.answers[0], b.answers[1:]
		}
		b.mu.Unlock()
		if a.status == 0 { // hang
			b.hanging <- struct{}{}
			select {
			case <-r.Context().Done():
			case <-b.release:
			}
			return
		}
		if a.retryAfter != "" {
			w.Header().Set("Retry-After", a.retryAfter)
		}
		w.WriteHeader(a.status)
		_, _ = w.Write([]byte(a.body))
	}))
	t.Cleanup(b.srv.Close)
	t.Cleanup(func() { close(b.release) })
	b.api = source.NewAPI("acme", source.Deps{Now: b.pacer.Now, Sleep: b.pacer.Sleep}, 10*time.Second, perSecond)
	return b
}

func (b *apiBundle) call(ctx context.Context) error {
	var out struct{ OK bool }
	err := b.api.Do(ctx, func(ctx context.Context) (*http.Request, error) {
		return http.NewRequestWithContext(ctx, http.MethodGet, b.srv.URL, http.NoBody)
	}, &out)
	if err == nil && !out.OK {
		return errors.New("decoded nothing")
	}
	return err
}

func (b *apiBundle) Calls() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.calls
}

func TestAPIRetriesAShort429InPlace(t *testing.T) {
	t.Parallel()
	b := setupAPI(t, 0, answer{status: 429, retryAfter: "1"}, answer{status: 429})

	require.NoError(t, b.call(context.Background()))
	require.Equal(t, 3, b.Calls())
	require.Equal(t, []time.Duration{time.Second, 2 * time.Second}, b.pacer.Slept(), "Retry-After, then a backoff")
}

func TestAPIAnswersALong429WithItsRetryAfter(t *testing.T) {
	t.Parallel()
	b := setupAPI(t, 0, answer{status: 429, retryAfter: "30"})

	err := b.call(context.Background())
	var ra source.RetryAfter
	require.ErrorAs(t, err, &ra)
	require.Equal(t, 30*time.Second, ra.RetryAfter())
	require.Equal(t, "acme: HTTP 429: retry after 30s", err.Error())
	require.Empty(t, b.pacer.Slept())

	date := b.pacer.Now().Add(90 * time.Second).Format(http.TimeFormat)
	b = setupAPI(t, 0, answer{status: 503, retryAfter: date})
	require.ErrorAs(t, b.call(context.Background()), &ra)
	require.Equal(t, 90*time.Second, ra.RetryAfter(), "an HTTP date")
}

func TestAPIGivesUpAfterTheRetries(t *testing.T) {
	t.Parallel()
	b := setupAPI(t, 0, answer{status: 429, retryAfter: "1"}, answer{status: 429, retryAfter: "1"}, answer{status: 429, retryAfter: "1"})
	var we *source.WaitError
	require.ErrorAs(t, b.call(context.Background()), &we)
	require.Equal(t, 429, we.Status)
	require.Equal(t, 3, b.Calls())
}

func TestAPIRefusesOtherStatusesAndBadBodies(t *testing.T) {
	t.Parallel()
	for _, status := range []int{500, 502, 503, 400, 401, 404} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			t.Parallel()
			b := setupAPI(t, 0, answer{status: status, body: `{"error":"boom"}`})
			var se *source.StatusError
			require.ErrorAs(t, b.call(context.Background()), &se)
			require.Equal(t, source.StatusError{Source: "acme", Status: status}, *se)
			require.Equal(t, 1, b.Calls(), "not retried")
		})
	}
	for name, body := range map[string]string{"not JSON": `<html>`, "cut short": `{"ok":tr`, "empty": ``} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := setupAPI(t, 0, answer{status: 200, body: body})
			require.ErrorIs(t, b.call(context.Background()), source.ErrMalformed)
		})
	}
}

func TestAPIRefusesAnOversizedBody(t *testing.T) {
	t.Parallel()
	b := setupAPI(t, 0, answer{status: 200, body: `{"ok":true,"pad":"` + string(make([]byte, 2<<20)) + `"}`})
	require.ErrorIs(t, b.call(context.Background()), source.ErrMalformed)
}

func TestAPITimesOut(t *testing.T) {
	t.Parallel()
	b := setupAPI(t, 0, answer{status: 0})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.call(ctx) }()
	// The server hangs until the client leaves; cancelling is the caller's timeout.
	<-b.hanging
	cancel()
	require.ErrorIs(t, <-done, context.Canceled)

	b = setupAPI(t, 0, answer{status: 0})
	b.api.Client.Timeout = time.Millisecond // the http client's timeout ends the hang
	require.ErrorContains(t, b.call(context.Background()), "Client.Timeout")
}

func TestAPIPacesCallsToTheRateLimit(t *testing.T) {
	t.Parallel()
	b := setupAPI(t, 2)
	for range 3 {
		require.NoError(t, b.call(context.Background()))
	}
	require.Equal(t, []time.Duration{500 * time.Millisecond, 500 * time.Millisecond}, b.pacer.Slept())

	slow := setupAPI(t, 0.25) // one call per 4s: more than RetryWait
	require.NoError(t, slow.call(context.Background()))
	var we *source.WaitError
	require.ErrorAs(t, slow.call(context.Background()), &we)
	require.Equal(t, source.WaitError{Source: "acme", Wait: 4 * time.Second}, *we)
	require.Equal(t, "acme: rate limit: next call in 4s", we.Error())
	require.Equal(t, 1, slow.Calls())

	ctx, cancel := context.WithDeadline(context.Background(), b.pacer.Now().Add(100*time.Millisecond))
	defer cancel()
	require.ErrorAs(t, b.call(ctx), &we, "the wait would end after the caller's deadline")
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"": 0, "7": 7 * time.Second, "-3": 0, "soon": 0,
		now.Add(time.Minute).Format(http.TimeFormat):  time.Minute,
		now.Add(-time.Minute).Format(http.TimeFormat): 0,
	} {
		require.Equal(t, want, source.ParseRetryAfter(v, now), strconv.Quote(v))
	}
}
