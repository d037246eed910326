package attest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"
)

// requireAnswerAsJSON: rendering v's appendJSON bytes answers exactly as c.JSON(200, v)
// (status, headers, body) whenever appendJSON takes v, and appendJSON takes every v
// whose times are UTC within [0,9999].
func requireAnswerAsJSON(t *testing.T, v Verification, plainTimes bool) {
	t.Helper()
	b, ok := v.appendJSON(nil)
	if plainTimes {
		require.True(t, ok)
	}
	if !ok {
		return
	}
	want, err := json.Marshal(v)
	require.NoError(t, err)
	require.Equal(t, string(want), string(b))
	render := func(r func(*gin.Context)) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		c, _ := gin.CreateTestContext(rec)
		c.Request = httptest.NewRequest("POST", "/v1/attestations/verify", nil)
		r(c)
		return rec
	}
	got := render(func(c *gin.Context) { c.Render(http.StatusOK, encodedJSON(b)) })
	exp := render(func(c *gin.Context) { c.JSON(http.StatusOK, v) })
	require.Equal(t, exp.Code, got.Code)
	require.Equal(t, exp.Header(), got.Header())
	require.Equal(t, exp.Body.String(), got.Body.String())
}

func TestVerificationAnswerBytes(t *testing.T) {
	t.Parallel()
	level, risk, over := uint8(2), uint8(15), true
	issued := time.Unix(1700000000, 0).UTC()
	expires := time.Unix(1715552000, 5).UTC()
	for _, country := range []string{"DE", "", `<&>"\`, "é", "\u2028", "\xff", "\x00"} {
		v := Verification{Valid: true, UID: "0xdd74", ChainID: 8453, Recipient: "0x71C7656EC7ab88b098defB751B7401B5f6d8976F",
			Signer: "0x71562b71999873DB5b286dF957af199Ec94617F7", KYCLevel: &level, Country: &country, Over18: &over,
			WalletRisk: &risk, IssuedAt: &issued, ExpiresAt: &expires, RevokedAt: &issued}
		requireAnswerAsJSON(t, v, true)
	}
	requireAnswerAsJSON(t, Verification{Valid: false, Reason: "signer_mismatch"}, true)
	requireAnswerAsJSON(t, Verification{}, true)
	far := time.Unix(1<<62, 0).UTC()
	_, ok := (&Verification{Valid: true, ExpiresAt: &far}).appendJSON(nil)
	require.False(t, ok, "json.Marshal refuses a year past 9999: c.JSON answers")
}

// FuzzVerificationAnswerBytes: appendJSON writes what json.Marshal writes.
func FuzzVerificationAnswerBytes(f *testing.F) {
	f.Add(true, "", "0xdd", uint64(1), "0x71", "0x72", uint16(2), "DE", true, uint16(5), int64(1700000000), int64(0), int64(0), uint8(7))
	f.Add(false, "expired", "", uint64(0), "", "", uint16(300), "<é>", false, uint16(300), int64(-62135596800), int64(999999999), int64(3600), uint8(0))
	f.Fuzz(func(t *testing.T, valid bool, reason, uid string, chain uint64, recipient, signer string, level uint16, country string,
		over bool, risk uint16, sec, nsec, offset int64, present uint8) {
		v := Verification{Valid: valid, Reason: reason, UID: uid, ChainID: chain, Recipient: recipient, Signer: signer}
		at := time.Unix(sec, nsec%1e9).In(time.FixedZone("z", int(offset%(48*3600))))
		if present&1 != 0 && level < 256 {
			l := uint8(level)
			v.KYCLevel = &l
		}
		if present&2 != 0 {
			v.Country = &country
		}
		if present&4 != 0 {
			v.Over18 = &over
		}
		if present&8 != 0 && risk < 256 {
			r := uint8(risk)
			v.WalletRisk = &r
		}
		if present&16 != 0 {
			v.IssuedAt = &at
		}
		if present&32 != 0 {
			v.ExpiresAt = &at
		}
		if present&64 != 0 {
			v.RevokedAt = &at
		}
		_, off := at.Zone()
		requireAnswerAsJSON(t, v, present&112 == 0 || (off == 0 && at.Year() >= 0 && at.Year() <= 9999))
	})
}
