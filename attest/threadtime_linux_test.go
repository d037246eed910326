package attest_test

import (
	"time"

	"golang.org/x/sys/unix"
)

// threadTime returns the CPU time the calling thread has used
// (CLOCK_THREAD_CPUTIME_ID); benchmarks lock their goroutine to the thread.
func threadTime() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		panic(err)
	}
	return time.Duration(ts.Nano())
}
