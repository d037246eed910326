package source

import (
	"context"
	"time"
)

// Refresher is a list source (the OFAC list) that reloads its list on a schedule: the
// gateway runs Refresh every RefreshEvery (and once at start) in a periodic job.
type Refresher interface {
	Screener
	// Refresh loads the list anew. On any failure it keeps the last good list, counts the
	// failure (for metrics) and returns the error.
	Refresh(ctx context.Context) error
	// RefreshEvery is how often Refresh should run (KYCGATE_<NAME>_REFRESH).
	RefreshEvery() time.Duration
}
