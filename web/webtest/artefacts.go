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

// Screenshot saves a full-page PNG of the browser's page as name (".png" added) in
// ArtefactsDir.
func Screenshot(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
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
