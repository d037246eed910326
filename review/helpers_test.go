package review_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/server/servertest"
)

// photo is a small real PNG (uploads are checked by content).
func photo(t *testing.T, shade uint8) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 160, 120))
	for x := range 160 {
		for y := range 120 {
			img.Set(x, y, color.RGBA{R: shade, G: uint8(x), B: uint8(y), A: 255})
		}
	}
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	return buf.Bytes()
}

// upload posts a file with form fields to a flow route.
func upload(t *testing.T, g servertest.Gateway, path string, file []byte, fields ...string) {
	t.Helper()
	rec := authtest.Upload(t, g.Handler, path, "upload.png", file, fields...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
}

// completeFlow fills a hosted flow (an ID card, both sides, and a selfie) and submits it.
func completeFlow(t *testing.T, g servertest.Gateway, token string) {
	t.Helper()
	flow := "/v1/flow/" + token
	rec := authtest.Do(t, g.Handler, "PUT", flow+"/personal_details",
		map[string]string{"firstName": "Ada", "lastName": "Lovelace", "dateOfBirth": "1990-04-17", "country": "GB"})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	upload(t, g, flow+"/documents", photo(t, 10), "type", "id_card", "side", "front")
	upload(t, g, flow+"/documents", photo(t, 90), "type", "id_card", "side", "back")
	upload(t, g, flow+"/selfie", photo(t, 200))
	rec = authtest.Do(t, g.Handler, "POST", flow+"/submit", nil)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
}
