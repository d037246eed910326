//go:build !linux

package harness

import "time"

// threadTime is not measured here: Paired falls back to wall time.
func threadTime() (time.Duration, bool) { return 0, false }
