package webtest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// ArtefactsDir is where browser tests save what a person should look at (screenshots):
// KYCGATE_TEST_ARTEFACTS, else artefacts/ at the root of the module (ignored by git,
// never committed).
func ArtefactsDir(t testing.TB) string {
	t.Helper()
	if dir := os.Getenv("KYCGATE_TEST_ARTEFACTS"); dir != "" {
		return dir
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("artefacts: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "artefacts")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("artefacts: no go.mod above the test's directory; set KYCGATE_TEST_ARTEFACTS")
		}
		dir = parent
	}
}

// Screenshot saves the whole page of the browser as name (".png" added) in ArtefactsDir,
// at the page's viewport width: the viewport grows to the page's height for the capture
// (Chromium may leave content below a viewport unpainted in a full-page capture) and
// shrinks back after.
func Screenshot(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	size, err := chromedp.Run(ctx, chromedp.Evaluate[[]int64](
		`[window.innerWidth, window.innerHeight, document.documentElement.scrollHeight]`))
	if err != nil || len(size) != 3 {
		t.Fatalf("screenshot %s: page size: %v", name, err)
	}
	width, height, full := size[0], size[1], size[2]
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, max(full, height))); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	// Two animation frames: the grown viewport is laid out and painted.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
		`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height)); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := ArtefactsDir(t)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), shot, 0o644); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
}
