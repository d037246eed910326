package api

import (
	"net/netip"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"

	"github.com/kycgate/kycgate/fault"
)

// RateLimiter limits requests per client IP with a token bucket per IP. Counts are per
// replica (DESIGN.md allows it); idle buckets are dropped so memory stays bounded by the
// number of recently active clients.
type RateLimiter struct {
	perMinute int
	now       func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// NewRateLimiter allows perMinute requests per client IP per minute, in bursts of up to
// perMinute. now is the clock (nil: time.Now).
func NewRateLimiter(perMinute int, now func() time.Time) *RateLimiter {
	if now == nil {
		now = time.Now
	}
	return &RateLimiter{perMinute: perMinute, now: now, buckets: map[string]*bucket{}}
}

// Allow reports whether key may make a request now and, if not, when it may retry.
func (r *RateLimiter) Allow(key string) (bool, time.Duration) {
	now := r.now()
	r.mu.Lock()
	defer r.mu.Unlock()
	if now.Sub(r.swept) > time.Minute {
		for k, b := range r.buckets {
			if now.Sub(b.seen) > 2*time.Minute {
				delete(r.buckets, k)
			}
		}
		r.swept = now
	}
	b, ok := r.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(rate.Limit(float64(r.perMinute)/60), r.perMinute)}
		r.buckets[key] = b
	}
	b.seen = now
	res := b.lim.ReserveN(now, 1)
	if !res.OK() {
		return false, time.Minute
	}
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return false, d
	}
	return true, 0
}

// Middleware answers 429 rate_limited with Retry-After when the client's bucket is empty.
func (r *RateLimiter) Middleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		if ok, wait := r.Allow(ClientKey(c.ClientIP())); !ok {
			Abort(c, &Error{Kind: fault.RateLimited, Code: "rate_limited", Message: "too many requests: slow down", RetryAfter: wait})
			return
		}
		c.Next()
	}
}

// ClientKey is the rate-limit key of a client IP: the address itself for IPv4, its /64
// network for IPv6 (one subscriber usually holds a whole /64).
func ClientKey(ip string) string {
	addr, err := netip.ParseAddr(ip)
	if err != nil || addr.Unmap().Is4() {
		return ip
	}
	prefix, err := addr.Prefix(64)
	if err != nil {
		return ip
	}
	return prefix.String()
}
