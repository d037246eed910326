package storage

import (
	"context"
	"time"
)

// ScreeningStore caches wallet screening results per source.
type ScreeningStore interface {
	// PutScreening inserts or replaces the result for (Address, Source).
	PutScreening(ctx context.Context, s Screening) error
	GetScreening(ctx context.Context, address, source string) (Screening, error)
}

// Screening is a cached wallet screening result from one analytics source.
type Screening struct {
	Address   string
	Source    string
	Risk      int
	Flagged   bool
	Detail    string
	CheckedAt time.Time
	ExpiresAt time.Time
}
