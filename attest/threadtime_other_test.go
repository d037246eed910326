//go:build !linux

package attest_test

import "time"

var start = time.Now()

// threadTime falls back to wall-clock time where the thread's CPU clock is
// not wired up: the side-by-side ratio is then as noisy as the machine.
func threadTime() time.Duration { return time.Since(start) }
