package sumsub_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/sumsub"
)

func TestWebhookEachAlgorithm(t *testing.T) {
	t.Parallel()
	b := setup(t, sumsub.ModeWebSDK)
	v, _ := b.start(t, b.verification())
	at := time.Date(2026, 11, 29, 11, 59, 58, 123_000_000, time.UTC)
	for _, alg := range []string{sumsub.AlgSHA1, sumsub.AlgSHA256, sumsub.AlgSHA512} {
		h, body := b.fake.Webhook(v.ProviderRef, "applicantPending", alg, "req-"+alg, at)
		require.Contains(t, string(body), `"createdAtMs":"2026-11-29 11:59:58.123"`, "createdAtMs is a string")
		ev, err := b.p.VerifyWebhook(h, body)
		require.NoError(t, err, alg)
		require.Equal(t, v.ProviderRef, ev.Ref)
		require.Equal(t, "applicantPending", ev.Type)
		require.Equal(t, at, ev.At)
		require.Regexp(t, `^sha256:[0-9a-f]{64}$`, ev.ID)

		for _, other := range []string{sumsub.AlgSHA1, sumsub.AlgSHA256, sumsub.AlgSHA512} {
			if other != alg {
				wrong := h.Clone()
				wrong.Set(sumsub.HeaderDigestAlg, other)
				_, err := b.p.VerifyWebhook(wrong, body)
				require.Equal(t, "webhook_signature_invalid", fault.Code(err), "%s digest checked as %s", alg, other)
			}
		}
	}

	// The webhooks the fake's own state changes produce verify too, under each algorithm.
	for _, alg := range []string{sumsub.AlgSHA1, sumsub.AlgSHA256, sumsub.AlgSHA512} {
		b.fake.Webhooks()
		b.fake.Alg = alg
		b.fake.Reset(t, v.ProviderRef)
		sent := b.fake.Webhooks()
		require.Len(t, sent, 1)
		require.Equal(t, alg, sent[0].Header.Get(sumsub.HeaderDigestAlg))
		ev, err := b.p.VerifyWebhook(sent[0].Header, sent[0].Body)
		require.NoError(t, err, alg)
		require.Equal(t, "applicantReset", ev.Type)
		require.Equal(t, now, ev.At)
	}
}

func TestWebhookRefusals(t *testing.T) {
	t.Parallel()
	b := setup(t, sumsub.ModeWebSDK)
	h, body := b.fake.Webhook("5b0000000000000000000001", "applicantReviewed", sumsub.AlgSHA256, "req-1", now)

	noAlg := h.Clone()
	noAlg.Del(sumsub.HeaderDigestAlg)
	_, err := b.p.VerifyWebhook(noAlg, body)
	require.NoError(t, err, "without the algorithm header, Sumsub's default HMAC_SHA256_HEX")

	for name, c := range map[string]struct {
		alg, digest, code string
		body              []byte
	}{
		"unknown algorithm":       {"HMAC_MD5_HEX", h.Get(sumsub.HeaderDigest), "webhook_algorithm_refused", body},
		"lower-case algorithm":    {"hmac_sha256_hex", h.Get(sumsub.HeaderDigest), "webhook_algorithm_refused", body},
		"missing digest":          {sumsub.AlgSHA256, "", "webhook_signature_missing", body},
		"forged digest":           {sumsub.AlgSHA256, sumsub.Digest([]byte("guess"), sumsub.AlgSHA256, body), "webhook_signature_invalid", body},
		"digest not hex":          {sumsub.AlgSHA256, "zz" + h.Get(sumsub.HeaderDigest)[2:], "webhook_signature_invalid", body},
		"body changed":            {sumsub.AlgSHA256, h.Get(sumsub.HeaderDigest), "webhook_signature_invalid", append([]byte(" "), body...)},
		"unsigned garbage parsed": {sumsub.AlgSHA256, "00", "webhook_signature_invalid", []byte("{not json")},
	} {
		hh := http.Header{}
		hh.Set(sumsub.HeaderDigestAlg, c.alg)
		if c.digest != "" {
			hh.Set(sumsub.HeaderDigest, c.digest)
		}
		_, err := b.p.VerifyWebhook(hh, c.body)
		require.Equal(t, c.code, fault.Code(err), name)
		require.True(t, fault.IsKind(err, fault.Unauthorized), name)
	}

	// Parsed only once verified: a signed body that is not an applicant event is invalid.
	junk := []byte(`{"type":"applicantReviewed"}`)
	hh := http.Header{}
	hh.Set(sumsub.HeaderDigest, sumsub.Digest([]byte(b.fake.WebhookSecret), sumsub.AlgSHA512, junk))
	hh.Set(sumsub.HeaderDigestAlg, sumsub.AlgSHA512)
	_, err = b.p.VerifyWebhook(hh, junk)
	require.Equal(t, "webhook_body_invalid", fault.Code(err))
}

func TestWebhookEventIDIsTheBodyDigest(t *testing.T) {
	t.Parallel()
	b := setup(t, sumsub.ModeWebSDK)
	ref := "5b0000000000000000000001"
	h1, b1 := b.fake.Webhook(ref, "applicantReviewed", sumsub.AlgSHA256, "req-1", now)
	h2, b2 := b.fake.Webhook(ref, "applicantReviewed", sumsub.AlgSHA1, "req-1", now)
	e1, err := b.p.VerifyWebhook(h1, b1)
	require.NoError(t, err)
	e2, err := b.p.VerifyWebhook(h2, b2)
	require.NoError(t, err)
	require.Equal(t, e1.ID, e2.ID, "the same body, signed under another algorithm, is the same event")

	h3, b3 := b.fake.Webhook(ref, "applicantReviewed", sumsub.AlgSHA256, "req-1", now.Add(time.Millisecond))
	e3, err := b.p.VerifyWebhook(h3, b3)
	require.NoError(t, err)
	require.NotEqual(t, e1.ID, e3.ID, "another createdAtMs is another event")
}
