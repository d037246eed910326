package manual_test

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/manual"
)

func encoded(t *testing.T, w, h int, enc func(*bytes.Buffer, image.Image) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, enc(&buf, image.NewGray(image.Rect(0, 0, w, h))))
	return buf.Bytes()
}

func pngOf(b *bytes.Buffer, img image.Image) error  { return png.Encode(b, img) }
func jpegOf(b *bytes.Buffer, img image.Image) error { return jpeg.Encode(b, img, nil) }

func TestSniffDecidesByContent(t *testing.T) {
	t.Parallel()
	pdf := []byte("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF")
	code := func(err error) string {
		var ae *fault.Error
		require.True(t, errors.As(err, &ae), "%v", err)
		return ae.Code
	}
	cases := []struct {
		name    string
		content []byte
		pdf     bool
		want    string // content type, or the error code
	}{
		{"png", encoded(t, 64, 64, pngOf), true, manual.ContentPNG},
		{"jpeg", encoded(t, 300, 200, jpegOf), false, manual.ContentJPEG},
		{"pdf as a document", pdf, true, manual.ContentPDF},
		{"pdf as a selfie", pdf, false, "unsupported_media_type"},
		{"truncated pdf", pdf[:20], true, "unsupported_media_type"},
		{"tiny png", encoded(t, 63, 500, pngOf), true, "image_too_small"},
		{"png header on garbage", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 64)...), true, "unsupported_media_type"},
		{"jpeg magic on garbage", append([]byte{0xff, 0xd8, 0xff, 0xe0}, bytes.Repeat([]byte{1}, 64)...), true, "unsupported_media_type"},
		{"gif", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), true, "unsupported_media_type"},
		{"html", []byte("<!DOCTYPE html><script>alert(1)</script>"), true, "unsupported_media_type"},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), true, "unsupported_media_type"},
		{"empty", nil, true, "empty_file"},
	}
	for _, c := range cases {
		got, err := manual.Sniff(c.content, c.pdf)
		if err != nil {
			require.Equal(t, c.want, code(err), c.name)
			continue
		}
		require.Equal(t, c.want, got, c.name)
	}
}

func TestIsCountry(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"DE", "US", "GB", "AD", "ZW", "SS"} {
		require.True(t, manual.IsCountry(ok), ok)
	}
	for _, bad := range []string{"", "D", "de", "XX", "UK", "EU", "DEU", "D E", "E ", "AD AE"} {
		require.False(t, manual.IsCountry(bad), bad)
	}
}

func TestConfigOpenValidates(t *testing.T) {
	t.Parallel()
	deps := kyc.Deps{}
	_, err := (&manual.Config{}).Open("manual", deps)
	require.ErrorContains(t, err, "store, sealer and lifecycle are required")
	reg := kyc.Registry{manual.Type: manual.NewConfig}
	env := func(k, v string) func(string) string {
		return func(name string) string {
			if name == k {
				return v
			}
			return ""
		}
	}
	_, err = reg.Open(manual.Type, env("KYCGATE_MANUAL_MAX_UPLOAD_BYTES", "10"), deps)
	require.ErrorContains(t, err, "invalid KYCGATE_MANUAL_MAX_UPLOAD_BYTES: 10 is outside")
	_, err = reg.Open(manual.Type, env("KYCGATE_MANUAL_FLOW_TTL", "soon"), deps)
	require.ErrorContains(t, err, "invalid KYCGATE_MANUAL_FLOW_TTL")
	_, err = reg.Open(manual.Type, env("KYCGATE_MANUAL_FLOW_TTL", "5m"), deps)
	require.ErrorContains(t, err, "at least 1h")
	_, err = reg.Open(manual.Type, env("KYCGATE_MANUAL_MAX_UPLOADS_PER_VERIFICATION", "2"), deps)
	require.ErrorContains(t, err, "invalid KYCGATE_MANUAL_MAX_UPLOADS_PER_VERIFICATION: want at least 3")
	_, err = reg.Open(manual.Type, env("KYCGATE_MANUAL_UPLOAD_MEMORY_BYTES", "1048576"), deps)
	require.ErrorContains(t, err, "three copies of the largest upload")
	_, err = reg.Open(manual.Type, env("KYCGATE_MANUAL_MAX_IMAGE_PIXELS", "100"), deps)
	require.ErrorContains(t, err, "invalid KYCGATE_MANUAL_MAX_IMAGE_PIXELS")
	_, err = reg.Open(manual.Type, env("KYCGATE_MANUAL_UPLOADS_PER_MINUTE_PER_FLOW", "-1"), deps)
	require.ErrorContains(t, err, "must not be negative")
}
