package manual_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"image"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/manual"
)

// codeOf is the API error code of err.
func codeOf(t *testing.T, err error) string {
	t.Helper()
	var ae *fault.Error
	require.True(t, errors.As(err, &ae), "%v", err)
	return ae.Code
}

// noisy is a w×h image of random pixels (it compresses badly, like a photo).
func noisy(w, h int, seed uint64) *image.NRGBA {
	r := rand.New(rand.NewPCG(seed, seed))
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(r.Uint32())
	}
	return img
}

func encode(t *testing.T, img image.Image, enc func(*bytes.Buffer, image.Image) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, enc(&buf, img))
	return buf.Bytes()
}

// pdfWithPages is a PDF whose page tree has n pages, plainly or inside a compressed
// object stream.
func pdfWithPages(n int, compressed bool) []byte {
	var objs strings.Builder
	for i := range n {
		fmt.Fprintf(&objs, "%d 0 obj << /Type /Page /Parent 2 0 R >> endobj\n", 10+i)
	}
	body := objs.String()
	if compressed {
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		_, _ = zw.Write([]byte(strings.ReplaceAll(body, "/Count", "")))
		_ = zw.Close()
		body = fmt.Sprintf("5 0 obj << /Type /ObjStm /N %d /First 0 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream\nendobj\n",
			n, z.Len(), z.Bytes())
	}
	return []byte("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" + body + "trailer << /Root 1 0 R >>\n%%EOF\n")
}

func TestImagesDecodeCompletelyWithinABudget(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	photo := encode(t, noisy(100, 90, 1), jpegOf)
	picture := encode(t, noisy(100, 90, 2), pngOf)
	deep := encode(t, image.NewNRGBA64(image.Rect(0, 0, 80, 80)), pngOf) // 8 bytes a pixel
	small := manual.NewChecker(100*100, 0, 0)                            // a 10,000-pixel budget
	cases := []struct {
		name    string
		checker *manual.Checker
		content []byte
		want    string
	}{
		{"jpeg", small, photo, manual.ContentJPEG},
		{"png", small, picture, manual.ContentPNG},
		{"png at the budget", small, encoded(t, 100, 100, pngOf), manual.ContentPNG},
		{"png over the budget", small, encoded(t, 101, 100, pngOf), "image_too_large"},
		{"jpeg over the budget", small, encoded(t, 64, 160, jpegOf), "image_too_large"},
		{"16-bit png within pixels but over the memory budget", small, deep, "image_too_large"},
		{"16-bit png, default budget", nil, deep, manual.ContentPNG},
		{"declared 50,000 × 50,000", nil, declaredPNG(t, 50_000, 50_000, 300<<10), "image_too_large"},
		{"header and no pixel data", nil, declaredPNG(t, 100, 100, 0)[:33], "unsupported_media_type"},
		{"header and an empty IDAT", nil, declaredPNG(t, 100, 100, 0), "unsupported_media_type"},
		{"header and garbage pixel data", nil, declaredPNG(t, 100, 100, 500), "unsupported_media_type"},
		{"png cut in its pixel data", nil, picture[:len(picture)/2], "unsupported_media_type"},
		{"png without IEND", nil, picture[:len(picture)-12], "unsupported_media_type"},
		{"png with data after IEND", nil, append(bytes.Clone(picture), "<script>alert(1)</script>"...), "unsupported_media_type"},
		{"png with a file after IEND", nil, append(bytes.Clone(picture), photo...), "unsupported_media_type"},
		{"jpeg cut in its scan", nil, photo[:len(photo)/2], "unsupported_media_type"},
		{"jpeg without EOI", nil, photo[:len(photo)-2], "unsupported_media_type"},
		{"jpeg with data after EOI", nil, append(bytes.Clone(photo), "PK\x03\x04 zip"...), "unsupported_media_type"},
		{"jpeg with a jpeg after it", nil, append(bytes.Clone(photo), photo...), "unsupported_media_type"},
		{"jpeg with a marker-like tail", nil, append(bytes.Clone(photo), 0, 0xff, 0xd9), "unsupported_media_type"},
	}
	for _, c := range cases {
		checker := c.checker
		if checker == nil {
			checker = manual.NewChecker(0, 0, 0)
		}
		got, err := checker.Check(ctx, c.content, true)
		if err != nil {
			require.Equal(t, c.want, codeOf(t, err), "%s: %v", c.name, err)
			continue
		}
		require.Equal(t, c.want, got, c.name)
	}
}

func TestJPEGWithAThumbnailIsWhole(t *testing.T) {
	t.Parallel()
	// An APP1 segment carrying a thumbnail holds its own FF D9; the walk skips it.
	photo := encode(t, noisy(96, 96, 3), jpegOf)
	thumb := encode(t, noisy(8, 8, 4), jpegOf)
	app1 := append([]byte{0xff, 0xe1, byte((len(thumb) + 2) >> 8), byte(len(thumb) + 2)}, thumb...)
	withThumb := append(append(bytes.Clone(photo[:2]), app1...), photo[2:]...)
	got, err := manual.Sniff(withThumb, false)
	require.NoError(t, err)
	require.Equal(t, manual.ContentJPEG, got)
}

func TestPDFPagesAndSizeAreBounded(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := manual.NewChecker(0, 3, 4096)
	for n := 0; n <= 3; n++ {
		got, err := c.Check(ctx, pdfWithPages(n, false), true)
		require.NoError(t, err, n)
		require.Equal(t, manual.ContentPDF, got)
	}
	for _, doc := range [][]byte{
		pdfWithPages(4, false), pdfWithPages(4, true), pdfWithPages(40, true),
		[]byte("%PDF-1.7\n2 0 obj << /Type /Pages /Count 500 /Kids [] >> endobj\n%%EOF\n"),
	} {
		_, err := c.Check(ctx, doc, true)
		require.Equal(t, "too_many_pages", codeOf(t, err))
	}
	big := append(pdfWithPages(1, false)[:20], bytes.Repeat([]byte("%comment\n"), 500)...)
	_, err := c.Check(ctx, append(big, "%%EOF\n"...), true)
	require.Equal(t, "file_too_large", codeOf(t, err))
	var ae *fault.Error
	require.ErrorAs(t, err, &ae)
	require.Equal(t, 413, api.Status(ae))
}
