// Package webtest drives the gateway's pages in headless Chromium for tests.
package webtest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var warnOnce sync.Once

// chromium finds the browser: KYCGATE_CHROMIUM, then the usual names on PATH.
func chromium() string {
	if p := os.Getenv("KYCGATE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Browser returns a chromedp context for a fresh headless Chromium with an empty
// profile, closed at the end of the test. Without Chromium the test fails under CI and
// is skipped, loudly, elsewhere. The timeout bounds a stuck browser; it is not a
// performance assertion.
func Browser(t testing.TB) context.Context {
	t.Helper()
	exe := chromium()
	if exe == "" {
		ci := os.Getenv("CI")
		if ci != "" && ci != "false" && ci != "0" {
			t.Fatal("Chromium is required in CI (apt-get install chromium) but was not found")
		}
		warnOnce.Do(func() {
			fmt.Fprintln(os.Stderr, "\n*** SKIPPING browser tests: Chromium not found (apt-get install chromium, or set KYCGATE_CHROMIUM).")
		})
		t.Skip("Chromium not found")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second) // see chromedp.Run: bounds the whole browser
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	return ctx
}
