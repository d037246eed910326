package manual

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/sync/semaphore"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/fault"
)

// Defaults of the upload limits.
const (
	// DefaultMaxUploadsPerVerification caps the uploads one verification may receive in
	// all: a flow needs three (front, back, selfie), the rest covers retakes and redos.
	DefaultMaxUploadsPerVerification = 20
	// DefaultUploadMemoryBytes is the memory the bodies of uploads in flight may hold.
	DefaultUploadMemoryBytes = 128 << 20
	// uploadCopies is how many copies of an upload a request holds at once: the body
	// read, its sealed copy and the copy the database driver sends.
	uploadCopies = 3
	// uploadWait is how long an upload waits for memory before it is told to retry.
	uploadWait = 40 * time.Second
)

// uploadGate admits uploads: a rate per flow token and per client IP, then memory for
// the body from a budget shared by all uploads (a weighted semaphore, acquired before the
// body is read and held until the upload is stored).
type uploadGate struct {
	perFlow, perClient *api.RateLimiter
	memory             *semaphore.Weighted
	budget             int64
	maxBody            int64
}

func newUploadGate(perFlow, perClient int, budget, maxBody int64, now func() time.Time) *uploadGate {
	g := &uploadGate{memory: semaphore.NewWeighted(budget), budget: budget, maxBody: maxBody}
	if perFlow > 0 {
		g.perFlow = api.NewRateLimiter(perFlow, now)
	}
	if perClient > 0 {
		g.perClient = api.NewRateLimiter(perClient, now)
	}
	return g
}

// weight is the memory an upload whose body declares length bytes is charged (-1:
// unknown, charged the largest body).
func (g *uploadGate) weight(length int64) int64 {
	if length < 0 || length > g.maxBody {
		length = g.maxBody
	}
	return uploadCopies * length
}

// admit checks the rates of the client and the flow token, then waits for memory for a
// body of the declared length. The caller calls release when the upload is stored.
func (g *uploadGate) admit(ctx context.Context, clientIP, token string, length int64) (release func(), err error) {
	limited := func(who string, wait time.Duration) error {
		return &fault.Error{Kind: fault.RateLimited, Code: "rate_limited",
			Message: "too many uploads from this " + who + ": wait a moment", RetryAfter: wait}
	}
	if g.perClient != nil {
		if ok, wait := g.perClient.Allow("ip:" + api.ClientKey(clientIP)); !ok {
			return nil, limited("client", wait)
		}
	}
	if g.perFlow != nil {
		if ok, wait := g.perFlow.Allow(token); !ok {
			return nil, limited("verification", wait)
		}
	}
	w := g.weight(length)
	ctx, cancel := context.WithTimeout(ctx, uploadWait)
	defer cancel()
	if err := g.memory.Acquire(ctx, w); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, &fault.Error{Kind: fault.Unavailable, Code: "uploads_busy",
				Message: "the server is receiving many uploads: retry in a few seconds", RetryAfter: 5 * time.Second}
		}
		return nil, err
	}
	return func() { g.memory.Release(w) }, nil
}

// admitUpload runs the gate for an upload request.
func (p *Provider) admitUpload(c *gin.Context) (func(), error) {
	return p.gate.admit(c.Request.Context(), c.ClientIP(), c.Param("token"), c.Request.ContentLength)
}

// errTooManyUploads refuses an upload past the per-verification cap.
func errTooManyUploads(limit int) error {
	return fault.New(fault.Unprocessable, "too_many_uploads",
		fmt.Sprintf("this verification has received its %d uploads: start a new verification", limit))
}
