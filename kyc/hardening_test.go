package kyc_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/gate"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// verificationOf reads a verification straight from the store.
func (b testBundle) verificationOf(t testing.TB, id string) storage.Verification {
	t.Helper()
	v, err := b.store.GetVerification(context.Background(), id)
	require.NoError(t, err)
	return v
}

// errorCode is the API error code of an answer decoded into a map.
func errorCode(t testing.TB, out map[string]any) string {
	t.Helper()
	e, ok := out["error"].(map[string]any)
	require.True(t, ok, "%v", out)
	return e["code"].(string)
}

func TestBlockClosesOpenVerifications(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	ctx := context.Background()
	w, first := b.approvedWallet(t, 1, b.tenantID)
	sub := b.subjectOf(t, w)

	// A second verification, for level 2, waits in review when the subject is blocked.
	var second started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"level": 2}, &second, w.auth...)
	require.NotEqual(t, first.ID, second.ID)
	b.completeFlow(t, second.FlowToken, "Grace", "Hopper")
	b.call(t, http.StatusOK, "POST", "/v1/admin/subjects/"+sub.ID+"/block", map[string]string{"reason": "sanctions list"}, nil, b.reviewer()...)

	v := b.verificationOf(t, second.ID)
	require.Equal(t, storage.StatusRejected, v.Status, "blocking closes the open verification")
	require.Equal(t, kyc.RejectFinal, v.RejectType)
	require.Equal(t, storage.StatusRevoked, b.verificationOf(t, first.ID).Status)
	out := b.decide(t, http.StatusConflict, second.ID, map[string]any{"decision": "approve", "reason": "looked fine"})
	require.Equal(t, "case_closed", errorCode(t, out))
	audit, err := b.store.ListAudit(ctx, "verification", second.ID)
	require.NoError(t, err)
	last := audit[len(audit)-1]
	require.Equal(t, "verification.rejected", last.Action)
	require.Equal(t, "reviewer:"+b.reviewerID, last.Actor)
	require.Contains(t, last.Detail, `"code":"subject_blocked"`)

	// Unblocking does not bring an approval back: the subject verifies again.
	b.call(t, http.StatusOK, "POST", "/v1/admin/subjects/"+sub.ID+"/unblock", map[string]string{"reason": "false positive"}, nil, b.reviewer()...)
	b.decide(t, http.StatusConflict, second.ID, map[string]any{"decision": "approve", "reason": "looked fine"})
	sub = b.subjectOf(t, w)
	require.False(t, sub.Blocked)
	require.Zero(t, sub.ApprovedLevel)
	var again started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"level": 2}, &again, w.auth...)
	require.NotEqual(t, second.ID, again.ID)
	require.Equal(t, "created", again.Status)
}

func TestFinalRejectionClosesTheOtherOpenVerifications(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	w := b.signIn(t)
	var low, high started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"level": 1}, &low, w.auth...)
	b.completeFlow(t, low.FlowToken, "Mallory", "Forger")
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"level": 2}, &high, w.auth...)
	require.NotEqual(t, low.ID, high.ID)
	b.completeFlow(t, high.FlowToken, "Mallory", "Forger")

	b.decide(t, http.StatusOK, low.ID, map[string]any{"decision": "reject", "reason": "forged document"})
	v := b.verificationOf(t, high.ID)
	require.Equal(t, storage.StatusRejected, v.Status)
	require.Equal(t, kyc.RejectFinal, v.RejectType)
	out := b.decide(t, http.StatusConflict, high.ID, map[string]any{"decision": "approve", "reason": "other reviewer"})
	require.Equal(t, "case_closed", errorCode(t, out))
	sub := b.subjectOf(t, w)
	require.True(t, sub.Blocked)
	require.Zero(t, sub.ApprovedLevel)
}

func TestApprovalOfABlockedSubjectIsRefused(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	ctx := context.Background()
	w := b.signIn(t)
	var st started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", nil, &st, w.auth...)
	b.completeFlow(t, st.FlowToken, "Ada", "Lovelace")
	// A subject blocked while a case stayed in review (as an older version left it).
	sub := b.subjectOf(t, w)
	_, err := b.store.UpdateSubject(ctx, sub.ID, func(s storage.Subject) (storage.Subject, error) {
		s.Blocked = true
		return s, nil
	})
	require.NoError(t, err)

	out := b.decide(t, http.StatusConflict, st.ID, map[string]any{"decision": "approve", "reason": "documents match"})
	require.Equal(t, "subject_blocked", errorCode(t, out))
	require.Equal(t, storage.StatusInReview, b.verificationOf(t, st.ID).Status, "nothing changed")
	sub = b.subjectOf(t, w)
	require.True(t, sub.Blocked)
	require.Zero(t, sub.ApprovedLevel)
	require.Nil(t, sub.BirthDate)
	audit, err := b.store.ListAudit(ctx, "verification", st.ID)
	require.NoError(t, err)
	require.Equal(t, "verification.transition_refused", audit[len(audit)-1].Action)
}

// approvedSubject creates a subject with one verification approved through the
// lifecycle, and a second one waiting in review.
func approvedSubject(t *testing.T, b testBundle, svc *kyc.Service) (sub storage.Subject, approved, inReview string) {
	t.Helper()
	ctx := context.Background()
	now := b.clock.Now()
	sub = storage.Subject{CreatedAt: now}
	require.NoError(t, b.store.CreateSubject(ctx, &sub))
	ids := make([]string, 2)
	for i := range ids {
		v := storage.Verification{SubjectID: sub.ID, Mode: kyc.ModeWeb3, Provider: "manual", Level: 1,
			Status: storage.StatusInReview, CreatedAt: now}
		require.NoError(t, b.store.CreateVerification(ctx, &v))
		ids[i] = v.ID
	}
	c := kycChange(ids[0], storage.StatusApproved)
	c.Claims = &kyc.Claims{Country: "DE", DateOfBirth: time.Date(1990, 4, 17, 0, 0, 0, 0, time.UTC)}
	_, err := svc.Apply(ctx, c)
	require.NoError(t, err)
	return sub, ids[0], ids[1]
}

// race runs fns at once and returns their errors.
func race(fns ...func() error) []error {
	errs := make([]error, len(fns))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Go(func() {
			<-start
			errs[i] = fn()
		})
	}
	close(start)
	wg.Wait()
	return errs
}

// requireCode requires err to be nil or an API error with one of codes.
func requireCode(t *testing.T, err error, codes ...string) {
	t.Helper()
	if err == nil {
		return
	}
	var ae *fault.Error
	require.True(t, errors.As(err, &ae), "unexpected error: %v", err)
	require.Contains(t, codes, ae.Code, "unexpected error: %v", err)
}

// TestRevokeAndApproveRacingABlock runs a reviewer's reversal and a reviewer's approval
// against a blocklisting of the same subject, many times: the locks are taken in one
// order, so nothing deadlocks, and whatever wins the subject ends blocked with nothing
// approved and nothing open.
func TestRevokeAndApproveRacingABlock(t *testing.T) {
	t.Parallel()
	stores := map[string]func(testing.TB) storage.Store{
		"sqlite": storagetest.OpenSQLite,
		"postgres": func(t testing.TB) storage.Store {
			st, err := server.OpenStore(context.Background(), storagetest.PostgresURL(t), true)
			require.NoError(t, err)
			t.Cleanup(func() { st.Close() })
			return st
		},
	}
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := setup(t, open(t))
			svc := kycService(t, b)
			ctx := context.Background()
			for range 40 {
				sub, approved, inReview := approvedSubject(t, b, svc)
				approve := kycChange(inReview, storage.StatusApproved)
				approve.From = []storage.VerificationStatus{storage.StatusInReview}
				approve.Claims = &kyc.Claims{Country: "DE", DateOfBirth: time.Date(1990, 4, 17, 0, 0, 0, 0, time.UTC)}
				errs := race(
					func() error {
						_, err := svc.Revoke(ctx, approved, "reviewer:a", "document reported stolen")
						return err
					},
					func() error { _, err := svc.Apply(ctx, approve); return err },
					func() error { _, err := svc.SetBlocked(ctx, sub.ID, true, "reviewer:b", "sanctions list"); return err },
				)
				requireCode(t, errs[0], "invalid_transition")
				requireCode(t, errs[1], "invalid_transition", "subject_blocked")
				require.NoError(t, errs[2])

				got, err := b.store.GetSubject(ctx, sub.ID)
				require.NoError(t, err)
				require.True(t, got.Blocked)
				require.Zero(t, got.ApprovedLevel)
				list, err := b.store.ListVerificationsBySubject(ctx, sub.ID)
				require.NoError(t, err)
				for _, v := range list {
					require.Contains(t, []storage.VerificationStatus{storage.StatusRevoked, storage.StatusRejected}, v.Status, v.ID)
				}
			}
		})
	}
}

func TestTenantStartShowsTheTenantViewAndLeavesTheHolderFlow(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	otherID, otherKey := b.newTenant(t, "Other dApp")
	other := bearer(otherKey)
	customer := "/v1/tenant/customers/bob"

	// The other dApp verifies its customer bob, who then links a wallet.
	var forTenant started
	b.call(t, http.StatusCreated, "POST", customer+"/verifications", nil, &forTenant, other...)
	require.Equal(t, otherID, forTenant.TenantID)
	var lt struct{ LinkToken string }
	b.call(t, http.StatusCreated, "POST", customer+"/link-token", nil, &lt, other...)
	w := b.signIn(t)
	b.call(t, http.StatusOK, "POST", "/v1/kyc/link", map[string]string{"linkToken": lt.LinkToken}, nil, w.auth...)

	// The holder verifies for the first dApp: the tenant's open verification is not
	// theirs to resume, and its link keeps working.
	var forHolder started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": b.tenantID}, &forHolder, w.auth...)
	require.NotEqual(t, forTenant.ID, forHolder.ID)
	require.Equal(t, "web3", forHolder.Mode)
	b.call(t, http.StatusOK, "GET", "/v1/flow/"+forTenant.FlowToken, nil, nil)

	// The tenant starting again resumes its own, not the holder's.
	var resumed started
	b.call(t, http.StatusCreated, "POST", customer+"/verifications", nil, &resumed, other...)
	require.Equal(t, forTenant.ID, resumed.ID)
	require.Equal(t, otherID, resumed.TenantID)
	b.call(t, http.StatusOK, "GET", "/v1/flow/"+forHolder.FlowToken, nil, nil)

	// Once the holder's verification is approved, the tenant gets it back without
	// learning which dApp it was for.
	b.completeFlow(t, forHolder.FlowToken, "Bob", "Builder")
	b.decide(t, http.StatusOK, forHolder.ID, map[string]any{"decision": "approve", "reason": "documents match"})
	var reused map[string]any
	b.call(t, http.StatusOK, "POST", customer+"/verifications", nil, &reused, other...)
	require.Equal(t, true, reused["reused"])
	require.Equal(t, forHolder.ID, reused["id"])
	require.NotContains(t, reused, "tenantId")
	// The holder still sees its own.
	b.call(t, http.StatusOK, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": b.tenantID}, &reused, w.auth...)
	require.Equal(t, b.tenantID, reused["tenantId"])
}

func TestRulesAcceptOnlyTheFixedAgeThresholds(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	for _, age := range []int{-1, 1, 15, 17, 19, 20, 22, 37, 150} {
		b.fail(t, http.StatusBadRequest, "invalid_rules", "PUT", "/v1/tenant/rules", map[string]any{"minAge": age}, b.tenant()...)
	}
	for _, age := range []int{16, 18, 21, 0} {
		var r gate.Rules
		b.call(t, http.StatusOK, "PUT", "/v1/tenant/rules", map[string]any{"minAge": age}, &r, b.tenant()...)
		require.Equal(t, age, r.MinAge)
	}

	// Every change is audited with the rules it replaced.
	audit, err := b.store.ListAudit(context.Background(), "tenant", b.tenantID)
	require.NoError(t, err)
	var changes []map[string]gate.Rules
	for _, e := range audit {
		if e.Action == "tenant.rules_updated" {
			var d map[string]gate.Rules
			require.NoError(t, json.Unmarshal([]byte(e.Detail), &d), e.Detail)
			changes = append(changes, d)
		}
	}
	require.Len(t, changes, 4)
	require.Equal(t, 1, changes[0]["previous"].MinLevel, "the defaults before the first change")
	for i, age := range []int{16, 18, 21, 0} {
		require.Equal(t, age, changes[i]["rules"].MinAge)
		if i > 0 {
			require.Equal(t, changes[i-1]["rules"], changes[i]["previous"])
		}
	}

	// Rules stored before the thresholds were fixed still apply as they are.
	r, err := gate.ParseRules(`{"minAge":37}`)
	require.NoError(t, err)
	require.Equal(t, 37, r.MinAge)
}

func TestApprovalWithOtherClaimsRevokesEarlierAttestations(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	w, _ := b.approvedWallet(t, 1, b.tenantID) // DE, born 1990
	var first, second struct{ UID string }
	b.call(t, http.StatusCreated, "POST", "/v1/attestations", map[string]any{"chainId": 1}, &first, w.auth...)
	status := func(uid string) (string, string) {
		var att struct{ Status, RevocationReason string }
		b.call(t, http.StatusOK, "GET", "/v1/attestations/"+uid, nil, &att)
		return att.Status, att.RevocationReason
	}

	// A higher level with the same claims leaves the attestation as it is.
	var st started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"level": 2}, &st, w.auth...)
	b.completeFlow(t, st.FlowToken, "Grace", "Hopper")
	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": "documents match"})
	s, _ := status(first.UID)
	require.Equal(t, "valid", s)
	b.call(t, http.StatusCreated, "POST", "/v1/attestations", map[string]any{"chainId": 1}, &second, w.auth...)

	// Another country: both attestations carry a claim that is no longer true.
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"level": 3}, &st, w.auth...)
	moved := details("Grace", "Hopper")
	moved["country"] = "FR"
	b.completeFlowWith(t, st.FlowToken, moved)
	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": "new residence permit"})
	for _, uid := range []string{first.UID, second.UID} {
		s, reason := status(uid)
		require.Equal(t, "revoked", s, uid)
		require.Equal(t, kyc.RevokedClaimsChanged, reason)
	}
	sub := b.subjectOf(t, w)
	require.Equal(t, "FR", sub.Country)
	require.Equal(t, 3, sub.ApprovedLevel)

	// A corrected date of birth turns over18 off (every level is approved already, so
	// the new verification goes straight through the lifecycle): the attestation issued
	// since goes too.
	var third struct{ UID string }
	b.call(t, http.StatusCreated, "POST", "/v1/attestations", map[string]any{"chainId": 1}, &third, w.auth...)
	ctx := context.Background()
	v := storage.Verification{SubjectID: sub.ID, Mode: kyc.ModeWeb3, Provider: "manual", Level: 1,
		Status: storage.StatusInReview, CreatedAt: b.clock.Now()}
	require.NoError(t, b.store.CreateVerification(ctx, &v))
	c := kycChange(v.ID, storage.StatusApproved)
	c.Claims = &kyc.Claims{Country: "FR", DateOfBirth: time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)}
	_, err := kycService(t, b).Apply(ctx, c)
	require.NoError(t, err)
	s, _ = status(third.UID)
	require.Equal(t, "revoked", s)
	sub = b.subjectOf(t, w)
	require.False(t, sub.Over18)
	require.Equal(t, 3, sub.ApprovedLevel)
}

func TestDecisionOnAChangedCaseIsRefused(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	w := b.signIn(t)
	var st started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", nil, &st, w.auth...)
	docs := b.completeFlow(t, st.FlowToken, "Ada", "Lovelace")
	type kase struct{ Status, UpdatedAt string }
	var seen kase
	b.call(t, http.StatusOK, "GET", "/v1/admin/reviews/"+st.ID, nil, &seen, b.reviewer()...)
	require.NotEmpty(t, seen.UpdatedAt)

	// Meanwhile another reviewer asks for the back again, and the user replaces it and
	// submits.
	b.clock.Add(time.Minute)
	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "resubmit", "reason": "blurry",
		"documents": []map[string]string{{"documentId": docs.back, "comment": "Upload a sharp photo."}}})
	flow := "/v1/flow/" + st.FlowToken
	b.clock.Add(time.Minute)
	b.uploadOK(t, flow+"/documents", pngImage(t, 120, 80, 9), "type", "id_card", "side", "back")
	b.clock.Add(time.Minute)
	b.call(t, http.StatusOK, "POST", flow+"/submit", nil, nil)

	out := b.decide(t, http.StatusConflict, st.ID, map[string]any{"decision": "approve", "reason": "documents match",
		"expectedUpdatedAt": seen.UpdatedAt})
	require.Equal(t, "case_changed", errorCode(t, out))
	require.Equal(t, storage.StatusInReview, b.verificationOf(t, st.ID).Status)
	out = b.decide(t, http.StatusBadRequest, st.ID, map[string]any{"decision": "approve", "reason": "x",
		"expectedUpdatedAt": "yesterday"})
	require.Equal(t, "invalid_expected_updated_at", errorCode(t, out))

	var fresh kase
	b.call(t, http.StatusOK, "GET", "/v1/admin/reviews/"+st.ID, nil, &fresh, b.reviewer()...)
	require.NotEqual(t, seen.UpdatedAt, fresh.UpdatedAt)
	out = b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": "documents match",
		"expectedUpdatedAt": fresh.UpdatedAt})
	require.Equal(t, "approved", out["status"])
	// Without it the decision is taken as before.
	out = b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": "double click"})
	require.Equal(t, false, out["changed"])
}
