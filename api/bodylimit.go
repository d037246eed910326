package api

import (
	"sync"

	"github.com/gin-gonic/gin"
)

// BodyLimits is the body-size policy of an engine: one default limit, and larger ones
// for the few routes that need them (uploads). Routes are named by their gin pattern
// (c.FullPath()), which gin resolves before any middleware runs, so one global
// middleware applies the right limit before anything reads the body.
type BodyLimits struct {
	def    int64
	mu     sync.RWMutex
	routes map[string]int64
}

// NewBodyLimits returns a policy with limit for every route.
func NewBodyLimits(limit int64) *BodyLimits {
	return &BodyLimits{def: limit, routes: map[string]int64{}}
}

// Route sets the limit of one route pattern, such as "/v1/flow/:token/documents".
func (b *BodyLimits) Route(pattern string, limit int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.routes[pattern] = limit
}

// Limit is the limit of a route pattern.
func (b *BodyLimits) Limit(pattern string) int64 {
	b.mu.RLock()
	defer b.mu.RUnlock()
	if l, ok := b.routes[pattern]; ok {
		return l
	}
	return b.def
}

// Middleware enforces the policy, as BodyLimit does for a single limit.
func (b *BodyLimits) Middleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		BodyLimit(b.Limit(c.FullPath()))(c)
	}
}
