package attest_test

import (
	"crypto/ecdsa"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/attest"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/onchain/eas"
	"github.com/kycgate/kycgate/onchain/verifier"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

const (
	publicURL = servertest.PublicURL
	// signerHex is a fixed test key; oldSigner is a retired key still trusted.
	signerHex = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
	oldSigner = "0x1111111111111111111111111111111111111111"
)

type testBundle struct {
	h http.Handler
	// raw is the server's own handler, without the OpenAPI validation h adds (benchmarks).
	raw   http.Handler
	store storage.Store
	clock *servertest.Clock
}

func setup(t testing.TB, store storage.Store, edit ...func(*server.Config)) testBundle {
	t.Helper()
	cfg := server.Config{SignerKey: signerHex, TrustedSigners: oldSigner,
		EASDomains: "1337=0x5FbDB2315678afecb367f032d93F642f64180aa3@1.3.0"}
	for _, e := range edit {
		e(&cfg)
	}
	g := servertest.Start(t, cfg, store)
	return testBundle{h: g.Handler, raw: g.Server.Handler(), store: g.Store, clock: g.Clock}
}

// signedIn signs a new wallet in and returns its bearer header and subject id.
func signedIn(t testing.TB, b testBundle) ([]string, string, common.Address) {
	t.Helper()
	key := authtest.NewKey(t)
	token := authtest.SignIn(t, b.h, publicURL, key, 1, b.clock.Now())
	w, err := b.store.GetWallet(t.Context(), authtest.Address(key).Hex())
	require.NoError(t, err)
	return []string{"Authorization", "Bearer " + token}, w.SubjectID, authtest.Address(key)
}

func approve(t testing.TB, b testBundle, subjectID string, level int, country string) {
	t.Helper()
	_, err := b.store.UpdateSubject(t.Context(), subjectID, func(s storage.Subject) (storage.Subject, error) {
		now := b.clock.Now()
		s.ApprovedLevel, s.ApprovedAt, s.Country, s.Over18 = level, &now, country, true
		return s, nil
	})
	require.NoError(t, err)
}

func errorCode(t testing.TB, rec *httptest.ResponseRecorder) string {
	t.Helper()
	var env api.Envelope
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &env), rec.Body.String())
	return env.Error.Code
}

type issuedView struct {
	UID     string          `json:"uid"`
	ChainID uint64          `json:"chainId"`
	Status  string          `json:"status"`
	URL     string          `json:"url"`
	Package json.RawMessage `json:"package"`
}

func issue(t testing.TB, b testBundle, bearer []string, chainID uint64) issuedView {
	t.Helper()
	rec := authtest.Do(t, b.h, "POST", "/v1/attestations", map[string]any{"chainId": chainID}, bearer...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var out issuedView
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	return out
}

func verify(t testing.TB, b testBundle, pkg any) attest.Verification {
	t.Helper()
	rec := authtest.Do(t, b.h, "POST", "/v1/attestations/verify", map[string]any{"package": pkg})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var v attest.Verification
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &v))
	return v
}

func TestIssueVerifyRevoke(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	bearer, subjectID, addr := signedIn(t, b)

	rec := authtest.Do(t, b.h, "POST", "/v1/attestations", map[string]any{"chainId": 1}, bearer...)
	require.Equal(t, http.StatusForbidden, rec.Code)
	require.Equal(t, "not_approved", errorCode(t, rec))

	approve(t, b, subjectID, 2, "DE")
	rec = authtest.Do(t, b.h, "POST", "/v1/attestations", map[string]any{"chainId": 56}, bearer...)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Equal(t, "chain_not_supported", errorCode(t, rec))
	rec = authtest.Do(t, b.h, "POST", "/v1/attestations", map[string]any{"chainId": 1})
	require.Equal(t, http.StatusUnauthorized, rec.Code)

	got := issue(t, b, bearer, 8453)
	require.Equal(t, "valid", got.Status)
	pkg, err := eas.ParsePackage(got.Package)
	require.NoError(t, err)
	require.Equal(t, addr, pkg.Message.Recipient)
	require.Equal(t, crypto.PubkeyToAddress(mustKey(t).PublicKey), pkg.Signer)
	require.EqualValues(t, 8453, pkg.Domain.ChainID)
	require.Equal(t, common.HexToAddress("0x4200000000000000000000000000000000000021"), pkg.Domain.VerifyingContract)
	require.Equal(t, uint64(b.clock.Now().Add(180*24*time.Hour).Unix()), pkg.Message.ExpirationTime)
	require.True(t, pkg.Message.Revocable)

	v := verify(t, b, json.RawMessage(got.Package))
	require.True(t, v.Valid, v.Reason)
	require.Equal(t, got.UID, v.UID)
	require.Equal(t, addr.Hex(), v.Recipient)
	require.EqualValues(t, 2, *v.KYCLevel)
	require.Equal(t, "DE", *v.Country)
	require.True(t, *v.Over18)

	// The URL form verifies the same.
	v = verify(t, b, got.URL)
	require.True(t, v.Valid, v.Reason)

	rec = authtest.Do(t, b.h, "GET", "/v1/attestations/"+got.UID, nil)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Contains(t, rec.Body.String(), `"status":"valid"`)

	me := authtest.Do(t, b.h, "GET", "/v1/me", nil, bearer...)
	require.Contains(t, me.Body.String(), got.UID)

	// Revocation: at once offchain, audited, and queued for the onchain registry.
	uids, err := attest.RevokeSubject(t.Context(), b.store, subjectID, "sanctions hit", "system:screening", b.clock.Now())
	require.NoError(t, err)
	require.Equal(t, []string{got.UID}, uids)
	rec = authtest.Do(t, b.h, "GET", "/v1/attestations/"+got.UID, nil)
	require.Contains(t, rec.Body.String(), `"status":"revoked"`)
	require.Contains(t, rec.Body.String(), `"revocationReason":"sanctions hit"`)
	v = verify(t, b, json.RawMessage(got.Package))
	require.False(t, v.Valid)
	require.Equal(t, "revoked", v.Reason)
	jobs, err := queue.Waiting[verifier.RevokeArgs](t.Context(), b.store)
	require.NoError(t, err)
	require.Equal(t, []verifier.RevokeArgs{{UID: got.UID}}, jobs)
	audit, err := b.store.ListAudit(t.Context(), "attestation", got.UID)
	require.NoError(t, err)
	require.Len(t, audit, 2, "issued, revoked")
}

func mustKey(t testing.TB) *ecdsa.PrivateKey {
	k, err := crypto.HexToECDSA(signerHex[2:])
	require.NoError(t, err)
	return k
}

func TestExpiryUnknownAndBlocked(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	bearer, subjectID, _ := signedIn(t, b)
	approve(t, b, subjectID, 1, "")
	got := issue(t, b, bearer, 1337)

	_, err := b.store.UpdateSubject(t.Context(), subjectID, func(s storage.Subject) (storage.Subject, error) {
		s.Blocked = true
		return s, nil
	})
	require.NoError(t, err)
	rec := authtest.Do(t, b.h, "POST", "/v1/attestations", map[string]any{"chainId": 1}, bearer...)
	require.Equal(t, http.StatusForbidden, rec.Code)
	require.Equal(t, "subject_blocked", errorCode(t, rec))

	b.clock.Add(180 * 24 * time.Hour)
	rec = authtest.Do(t, b.h, "GET", "/v1/attestations/"+got.UID, nil)
	require.Contains(t, rec.Body.String(), `"status":"expired"`)
	v := verify(t, b, json.RawMessage(got.Package))
	require.False(t, v.Valid)
	require.Equal(t, "expired", v.Reason)

	rec = authtest.Do(t, b.h, "GET", "/v1/attestations/0x"+common.Bytes2Hex(make([]byte, 32)), nil)
	require.Equal(t, http.StatusNotFound, rec.Code)
	require.Equal(t, "unknown_attestation", errorCode(t, rec))
	rec = authtest.Do(t, b.h, "GET", "/v1/attestations/xyz", nil)
	require.Equal(t, "invalid_uid", errorCode(t, rec))
	rec = authtest.Do(t, b.h, "POST", "/v1/attestations/verify", map[string]any{"package": map[string]any{"sig": 1}})
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Equal(t, "invalid_package", errorCode(t, rec))

}

func TestAnotherGatewaysAttestationIsNotTrusted(t *testing.T) {
	t.Parallel()
	ours := setup(t, nil)
	theirs := setup(t, nil, func(c *server.Config) {
		c.SignerKey = "0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f"
	})
	bearer, subjectID, _ := signedIn(t, theirs)
	approve(t, theirs, subjectID, 3, "FR")
	got := issue(t, theirs, bearer, 1)
	v := verify(t, ours, json.RawMessage(got.Package))
	require.False(t, v.Valid)
	require.Equal(t, string(eas.ReasonUntrustedSigner), v.Reason)
}

func TestNoSignerKeyVerifiesButDoesNotIssue(t *testing.T) {
	t.Parallel()
	b := setup(t, nil, func(c *server.Config) { c.SignerKey = "" })
	bearer, subjectID, _ := signedIn(t, b)
	approve(t, b, subjectID, 1, "")
	rec := authtest.Do(t, b.h, "POST", "/v1/attestations", map[string]any{"chainId": 1}, bearer...)
	require.Equal(t, http.StatusServiceUnavailable, rec.Code)
	require.Equal(t, "signer_unavailable", errorCode(t, rec))
}

func TestDiscoveryDocument(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	rec := authtest.Do(t, b.h, "GET", "/.well-known/kycgate-configuration", nil)
	require.Equal(t, http.StatusOK, rec.Code)
	var doc struct {
		Issuer  string
		Signers []struct{ Address, KeyID, Status string }
		Schema  struct{ Definition, UID string }
		Chains  []struct {
			ChainID uint64
			EAS     struct{ Name, Version, VerifyingContract string }
		}
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &doc))
	require.Equal(t, publicURL, doc.Issuer)
	require.Len(t, doc.Signers, 2)
	require.Equal(t, crypto.PubkeyToAddress(mustKey(t).PublicKey).Hex(), doc.Signers[0].Address)
	require.Equal(t, "active", doc.Signers[0].Status)
	require.Equal(t, "verify-only", doc.Signers[1].Status)
	require.NotEmpty(t, doc.Signers[0].KeyID)
	require.Equal(t, eas.KYCSchema, doc.Schema.Definition)
	require.Equal(t, eas.KYCSchemaUID.Hex(), common.HexToHash(doc.Schema.UID).Hex())
	require.Len(t, doc.Chains, 4)
	require.EqualValues(t, 1, doc.Chains[0].ChainID)
	require.Equal(t, "0.26", doc.Chains[0].EAS.Version)
	require.Equal(t, "EAS Attestation", doc.Chains[0].EAS.Name)
	require.Contains(t, rec.Body.String(), `"revoker":null`, "no revocations published onchain here")
}

func TestParseDomains(t *testing.T) {
	t.Parallel()
	d, err := attest.ParseDomains("")
	require.NoError(t, err)
	require.Len(t, d, 3)
	d, err = attest.ParseDomains("10=0x0000000000000000000000000000000000000042@2.0, 11155111=0xC2679fBD37d54388Ce493F1DB75320D236e1815e@0.26")
	require.NoError(t, err)
	require.Equal(t, "2.0", d[10].Version)
	require.Equal(t, "0.26", d[11155111].Version)
	for _, bad := range []string{"1=0x12@1", "x=0x0000000000000000000000000000000000000042@1", "1=0x0000000000000000000000000000000000000042"} {
		_, err := attest.ParseDomains(bad)
		require.Error(t, err, bad)
	}
	require.Equal(t, "10=0x0000000000000000000000000000000000000042@2.0", attest.FormatDomains(map[uint64]eas.Domain{
		1: attest.DefaultDomains()[1], 10: eas.NewDomain(10, common.HexToAddress("0x42"), "2.0")}))
}

func TestIssueReturnsTheFreshAttestationAgain(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	bearer, subjectID, _ := signedIn(t, b)
	approve(t, b, subjectID, 1, "DE")
	first := issue(t, b, bearer, 1)

	rec := authtest.Do(t, b.h, "POST", "/v1/attestations", map[string]any{"chainId": 1}, bearer...)
	require.Equal(t, http.StatusOK, rec.Code, "a fresh attestation is handed out again, not duplicated")
	require.Contains(t, rec.Body.String(), first.UID)
	require.Contains(t, rec.Body.String(), `"reused":true`)

	// Another chain, new claims, or half the validity gone: a new one.
	require.NotEqual(t, first.UID, issue(t, b, bearer, 8453).UID)
	approve(t, b, subjectID, 2, "DE")
	second := issue(t, b, bearer, 1)
	require.NotEqual(t, first.UID, second.UID)
}

func TestUnlinkedWalletLosesItsAttestations(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	bearer, subjectID, _ := signedIn(t, b)
	approve(t, b, subjectID, 1, "DE")
	other := authtest.NewKey(t)
	msg, sig := authtest.SignedMessage(t, b.h, publicURL, other, 1, b.clock.Now())
	rec := authtest.Do(t, b.h, "POST", "/v1/me/wallets", map[string]string{"message": msg, "signature": sig}, bearer...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	otherBearer := []string{"Authorization", "Bearer " + authtest.SignIn(t, b.h, publicURL, other, 1, b.clock.Now())}
	got := issue(t, b, otherBearer, 1)
	kept := issue(t, b, bearer, 1)

	rec = authtest.Do(t, b.h, "DELETE", "/v1/me/wallets/"+authtest.Address(other).Hex(), nil, bearer...)
	require.Equal(t, http.StatusNoContent, rec.Code, rec.Body.String())
	v := verify(t, b, json.RawMessage(got.Package))
	require.Equal(t, "revoked", v.Reason, "the unlinked wallet's attestation is revoked")
	require.True(t, verify(t, b, json.RawMessage(kept.Package)).Valid, "the remaining wallet's is not")
	jobs, err := queue.Waiting[verifier.RevokeArgs](t.Context(), b.store)
	require.NoError(t, err)
	require.Equal(t, []verifier.RevokeArgs{{UID: got.UID}}, jobs)
	rec = authtest.Do(t, b.h, "POST", "/v1/attestations", map[string]any{"chainId": 1}, otherBearer...)
	require.Equal(t, http.StatusUnauthorized, rec.Code, "its old session cannot take a new one")
}

// After the EAS deployment of a chain moves, or the signing key rotates, the old
// attestation is not handed out again: it would not verify where it is needed.
func TestReuseFollowsTheCurrentDomainAndKey(t *testing.T) {
	t.Parallel()
	st := storagetest.OpenSQLite(t)
	first := setup(t, st)
	key := authtest.NewKey(t)
	bearer := []string{"Authorization", "Bearer " + authtest.SignIn(t, first.h, publicURL, key, 1, first.clock.Now())}
	w, err := st.GetWallet(t.Context(), authtest.Address(key).Hex())
	require.NoError(t, err)
	approve(t, first, w.SubjectID, 1, "DE")
	old := issue(t, first, bearer, 1337)
	oldOnBase := issue(t, first, bearer, 8453)
	require.Contains(t, authtest.Do(t, first.h, "POST", "/v1/attestations", map[string]any{"chainId": 1337}, bearer...).Body.String(),
		old.UID, "same domain and key: reused")

	moved := setup(t, st, func(c *server.Config) { c.EASDomains = "1337=0x5FbDB2315678afecb367f032d93F642f64180aa3@2.0.0" })
	bearer = []string{"Authorization", "Bearer " + authtest.SignIn(t, moved.h, publicURL, key, 1, moved.clock.Now())}
	require.NotEqual(t, old.UID, issue(t, moved, bearer, 1337).UID, "a new EAS version: a new attestation")

	rotated := setup(t, st, func(c *server.Config) {
		c.SignerKey = "0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f"
		c.TrustedSigners = crypto.PubkeyToAddress(mustKey(t).PublicKey).Hex()
	})
	bearer = []string{"Authorization", "Bearer " + authtest.SignIn(t, rotated.h, publicURL, key, 1, rotated.clock.Now())}
	require.NotEqual(t, oldOnBase.UID, issue(t, rotated, bearer, 8453).UID, "a rotated key: a new attestation")
}

// Past half its validity an attestation is no longer handed out again: a fresh one is.
func TestReuseEndsAtHalfTheValidity(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	key := authtest.NewKey(t)
	bearer := []string{"Authorization", "Bearer " + authtest.SignIn(t, b.h, publicURL, key, 1, b.clock.Now())}
	w, err := b.store.GetWallet(t.Context(), authtest.Address(key).Hex())
	require.NoError(t, err)
	approve(t, b, w.SubjectID, 1, "DE")
	first := issue(t, b, bearer, 1)

	b.clock.Add(89 * 24 * time.Hour)
	bearer = []string{"Authorization", "Bearer " + authtest.SignIn(t, b.h, publicURL, key, 1, b.clock.Now())}
	rec := authtest.Do(t, b.h, "POST", "/v1/attestations", map[string]any{"chainId": 1}, bearer...)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Contains(t, rec.Body.String(), first.UID, "89 of 180 days gone: still handed out")

	b.clock.Add(2 * 24 * time.Hour)
	bearer = []string{"Authorization", "Bearer " + authtest.SignIn(t, b.h, publicURL, key, 1, b.clock.Now())}
	require.NotEqual(t, first.UID, issue(t, b, bearer, 1).UID, "91 of 180 days gone: a new one")
}
