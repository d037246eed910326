package manual_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/manual"
	"github.com/kycgate/kycgate/kyc/sumsub"
	"github.com/kycgate/kycgate/kyc/sumsub/sumsubtest"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// sumsubBundle is a gateway with KYCGATE_PROVIDERS=manual,sumsub in api mode against a
// fake Sumsub, and a second adapter on the fake for what Sumsub's sandbox lets a test
// harness do (status/testCompleted).
type sumsubBundle struct {
	bundle
	fake    *sumsubtest.Fake
	sandbox *sumsub.Provider
}

func setupSumsubAPI(t *testing.T) sumsubBundle {
	t.Helper()
	fake := sumsubtest.New(t)
	env := fake.Env(sumsub.ModeAPI)
	b := setup(t, func(c *server.Config) {
		c.Providers = []string{"manual", "sumsub"}
		c.Env = func(k string) string { return env[k] }
	})
	fake.Now = b.gw.Clock.Now
	sandbox, err := kyc.Registry{sumsub.Type: sumsub.NewConfig}.Open(sumsub.Type, func(k string) string { return env[k] },
		kyc.Deps{Now: b.gw.Clock.Now, PublicURL: servertest.PublicURL})
	require.NoError(t, err)
	return sumsubBundle{bundle: b, fake: fake, sandbox: sandbox.(*sumsub.Provider)}
}

// startSumsub starts a verification with provider sumsub for a new customer and returns
// its flow token, id and applicant id.
func (b sumsubBundle) startSumsub(t *testing.T) (token, id, ref string) {
	t.Helper()
	*b.customers++
	rec := authtest.Do(t, b.gw.Handler, "POST", fmt.Sprintf("/v1/tenant/customers/cust-%d/verifications", *b.customers),
		map[string]any{"provider": "sumsub"}, "Authorization", "Bearer "+b.tenantKey)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var out struct{ ID, FlowToken, URL, SDKToken string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	require.True(t, strings.HasPrefix(out.FlowToken, manual.FlowTokenPrefix))
	require.Equal(t, servertest.PublicURL+"/flow/"+out.FlowToken, out.URL, "the gateway's hosted flow")
	require.Empty(t, out.SDKToken)
	v, err := b.gw.Store.GetVerification(t.Context(), out.ID)
	require.NoError(t, err)
	require.Equal(t, b.fake.Ref(out.ID), v.ProviderRef)
	return out.FlowToken, out.ID, v.ProviderRef
}

// photo is a valid PNG (the flow decodes every upload), distinct per shade.
func photo(t *testing.T, shade uint8) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 80, 80))
	for i := range img.Pix {
		img.Pix[i] = shade + uint8(i%7)
	}
	img.Set(0, 0, color.Gray{Y: shade})
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	return buf.Bytes()
}

func (b sumsubBundle) flow(t *testing.T, token string) manual.FlowView {
	t.Helper()
	rec := authtest.Do(t, b.gw.Handler, "GET", "/v1/flow/"+token, nil)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.NotContains(t, rec.Body.String(), "internal:", "clientComment is never shown")
	var out manual.FlowView
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	return out
}

func stepOf(v manual.FlowView, name string) manual.Step {
	for _, s := range v.Steps {
		if s.Name == name {
			return s
		}
	}
	return manual.Step{}
}

func (b sumsubBundle) details(t *testing.T, token, country string) *httptest.ResponseRecorder {
	t.Helper()
	return authtest.Do(t, b.gw.Handler, "PUT", "/v1/flow/"+token+"/personal_details", map[string]string{
		"firstName": "Ada", "lastName": "Lovelace", "dateOfBirth": "1990-12-10", "country": country})
}

func (b sumsubBundle) submit(t *testing.T, token string) *httptest.ResponseRecorder {
	t.Helper()
	return authtest.Do(t, b.gw.Handler, "POST", "/v1/flow/"+token+"/submit", nil)
}

// fill completes the flow's steps with an ID card (both sides) and submits it.
func (b sumsubBundle) fill(t *testing.T, token string) {
	t.Helper()
	rec := b.details(t, token, "GB")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	documentID(t, b.document(t, token, photo(t, 10), "type", "id_card", "side", "front"))
	documentID(t, b.document(t, token, photo(t, 60), "type", "id_card", "side", "back"))
	documentID(t, b.selfie(t, token, photo(t, 120)))
	rec = b.submit(t, token)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.JSONEq(t, `{"status":"in_review"}`, rec.Body.String())
}

// pipeline delivers the fake's signed webhooks to /v1/webhooks/sumsub and runs the jobs
// they queued (fetch the applicant, apply through the one writer).
func (b sumsubBundle) pipeline(t *testing.T) {
	t.Helper()
	sent := b.fake.Webhooks()
	require.NotEmpty(t, sent)
	for _, d := range sent {
		req := httptest.NewRequest("POST", "/v1/webhooks/sumsub", bytes.NewReader(d.Body))
		req.Header = d.Header.Clone()
		rec := httptest.NewRecorder()
		b.gw.Handler.ServeHTTP(rec, req)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	}
	_, err := b.gw.Server.Queue().RunUntilIdle(t.Context())
	require.NoError(t, err)
}

func (b sumsubBundle) review(t *testing.T, ref string, rr sumsub.ReviewResult) {
	t.Helper()
	require.NoError(t, b.sandbox.TestCompleted(t.Context(), ref, rr))
	b.pipeline(t)
}

func (b sumsubBundle) verification(t *testing.T, id string) storage.Verification {
	t.Helper()
	v, err := b.gw.Store.GetVerification(t.Context(), id)
	require.NoError(t, err)
	return v
}

func (b sumsubBundle) country(t *testing.T, id string) string {
	t.Helper()
	sub, err := b.gw.Store.GetSubject(t.Context(), b.verification(t, id).SubjectID)
	require.NoError(t, err)
	return sub.Country
}

// fixedInfoCalls counts the PATCHes of the applicant's fixedInfo.
func (b sumsubBundle) fixedInfoCalls(ref string) int {
	n := 0
	for _, r := range b.fake.Requests() {
		if r.Method == "PATCH" && r.Path == "/resources/applicants/"+ref+"/fixedInfo" {
			n++
		}
	}
	return n
}

func red(rejectType, comment string, labels ...string) sumsub.ReviewResult {
	return sumsub.ReviewResult{ReviewAnswer: sumsub.AnswerRed, ReviewRejectType: rejectType, RejectLabels: labels,
		ModerationComment: comment, ClientComment: "internal: do not show"}
}

var green = sumsub.ReviewResult{ReviewAnswer: sumsub.AnswerGreen}

func TestSumsubAPIModeHappyPathThroughTheHostedFlow(t *testing.T) {
	t.Parallel()
	b := setupSumsubAPI(t)
	token, id, ref := b.startSumsub(t)

	view := b.flow(t, token)
	require.Equal(t, storage.StatusCreated, view.Status)
	require.Equal(t, sumsub.SelfieHintText, stepOf(view, "selfie").Hint, "the document must be visible in the selfie")

	// The flow's checks apply as for the built-in provider, before anything reaches Sumsub.
	requireError(t, b.document(t, token, []byte("not an image"), "type", "passport"), http.StatusUnsupportedMediaType,
		"unsupported_media_type")
	requireError(t, authtest.Do(t, b.gw.Handler, "PUT", "/v1/flow/"+token+"/personal_details", map[string]string{
		"firstName": "Ada", "lastName": "Lovelace", "dateOfBirth": "2999-01-01", "country": "GB"}),
		http.StatusBadRequest, "invalid_personal_details")
	rec := b.details(t, token, "GB")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	documentID(t, b.document(t, token, photo(t, 10), "type", "id_card", "side", "front"))
	requireError(t, b.submit(t, token), http.StatusUnprocessableEntity, "steps_incomplete")
	documentID(t, b.document(t, token, photo(t, 60), "type", "id_card", "side", "back"))
	documentID(t, b.selfie(t, token, photo(t, 120)))
	require.Empty(t, b.fake.Uploads(ref), "nothing is sent before the submit")
	require.Zero(t, b.fixedInfoCalls(ref))

	rec = b.submit(t, token)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.JSONEq(t, `{"status":"in_review"}`, rec.Body.String())
	require.Equal(t, 1, b.fixedInfoCalls(ref))
	uploads := b.fake.Uploads(ref)
	require.Len(t, uploads, 3)
	require.Equal(t, []string{"ID_CARD/FRONT_SIDE/GBR", "ID_CARD/BACK_SIDE/GBR", "SELFIE//GBR"},
		[]string{uploads[0].IDDocType + "/" + uploads[0].IDDocSubType + "/" + uploads[0].Country,
			uploads[1].IDDocType + "/" + uploads[1].IDDocSubType + "/" + uploads[1].Country,
			uploads[2].IDDocType + "/" + uploads[2].IDDocSubType + "/" + uploads[2].Country})
	require.Equal(t, len(photo(t, 60)), uploads[1].Size, "the checked file itself")
	last := b.fake.Requests()[len(b.fake.Requests())-1]
	require.Equal(t, "POST /resources/applicants/"+ref+"/status/pending", last.Method+" "+last.Path)
	require.Equal(t, storage.StatusInReview, b.verification(t, id).Status)

	// Sumsub's applicantPending webhook changes nothing; GREEN approves, with the claims
	// Sumsub took from the details the flow sent.
	b.pipeline(t)
	require.Equal(t, storage.StatusInReview, b.verification(t, id).Status)
	b.review(t, ref, green)
	require.Equal(t, storage.StatusApproved, b.verification(t, id).Status)
	require.Equal(t, "GB", b.country(t, id))
	require.Equal(t, storage.StatusApproved, b.flow(t, token).Status)
}

func TestSumsubAPIModeRetryThenGreenResendsOnlyTheRejectedImage(t *testing.T) {
	t.Parallel()
	b := setupSumsubAPI(t)
	token, id, ref := b.startSumsub(t)
	b.fill(t, token)
	uploads := b.fake.Uploads(ref)
	require.Len(t, uploads, 3)

	b.fake.RejectImage(t, ref, uploads[1].ImageID, "The back side is blurry.", "BAD_PROOF_OF_IDENTITY")
	b.review(t, ref, red(sumsub.RejectRetry, "Please upload a sharp photo of the back side.", "BAD_PROOF_OF_IDENTITY"))
	require.Equal(t, storage.StatusResubmissionRequested, b.verification(t, id).Status)

	view := b.flow(t, token)
	require.Equal(t, "Please upload a sharp photo of the back side.", view.Comment, "moderationComment")
	require.Equal(t, manual.Step{Name: "document", Status: manual.StepRedo, Comment: "The back side is blurry."},
		stepOf(view, "document"))
	require.Equal(t, manual.StepDone, stepOf(view, "personal_details").Status)
	require.Equal(t, manual.StepDone, stepOf(view, "selfie").Status)
	require.Equal(t, view, b.flow(t, token), "the round is opened once")

	// Only the rejected image can change.
	requireError(t, b.document(t, token, photo(t, 11), "type", "id_card", "side", "front"), http.StatusConflict, "step_locked")
	requireError(t, b.selfie(t, token, photo(t, 121)), http.StatusConflict, "step_locked")
	requireError(t, b.details(t, token, "GB"), http.StatusConflict, "step_locked")
	requireError(t, b.submit(t, token), http.StatusUnprocessableEntity, "steps_incomplete")
	documentID(t, b.document(t, token, photo(t, 61), "type", "id_card", "side", "back"))
	rec := b.submit(t, token)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())

	again := b.fake.Uploads(ref)
	require.Len(t, again, 4, "one image sent again")
	require.Equal(t, "BACK_SIDE", again[3].IDDocSubType)
	require.Equal(t, len(photo(t, 61)), again[3].Size)
	require.Equal(t, 1, b.fixedInfoCalls(ref), "the details are not sent again")
	view = b.flow(t, token)
	require.Equal(t, storage.StatusInReview, view.Status)
	require.Empty(t, view.Comment)

	b.pipeline(t) // applicantPending
	b.review(t, ref, green)
	require.Equal(t, storage.StatusApproved, b.verification(t, id).Status)
}

func TestSumsubAPIModeRetryForPersonalDataReopensTheDetails(t *testing.T) {
	t.Parallel()
	b := setupSumsubAPI(t)
	token, id, ref := b.startSumsub(t)
	b.fill(t, token)

	b.review(t, ref, red(sumsub.RejectRetry, "Your country does not match the document.", sumsub.LabelApplicantData))
	require.Equal(t, storage.StatusResubmissionRequested, b.verification(t, id).Status)
	view := b.flow(t, token)
	require.Equal(t, manual.Step{Name: "personal_details", Status: manual.StepRedo, Comment: "Your country does not match the document."},
		stepOf(view, "personal_details"))
	require.Equal(t, manual.StepDone, stepOf(view, "document").Status, "no image was rejected")
	require.Equal(t, manual.StepDone, stepOf(view, "selfie").Status)
	requireError(t, b.selfie(t, token, photo(t, 121)), http.StatusConflict, "step_locked")

	rec := b.details(t, token, "IE")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	rec = b.submit(t, token)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Equal(t, 2, b.fixedInfoCalls(ref), "the corrected details are sent")
	require.Len(t, b.fake.Uploads(ref), 3, "no image is sent again")

	b.review(t, ref, green)
	require.Equal(t, storage.StatusApproved, b.verification(t, id).Status)
	require.Equal(t, "IE", b.country(t, id), "Sumsub checked the corrected details")
}

func TestSumsubAPIModeFinalRejectionSendsTheUserToSupport(t *testing.T) {
	t.Parallel()
	b := setupSumsubAPI(t)
	token, id, ref := b.startSumsub(t)
	b.fill(t, token)

	b.review(t, ref, red(sumsub.RejectFinal, "We cannot verify you.", "FORGERY"))
	v := b.verification(t, id)
	require.Equal(t, storage.StatusRejected, v.Status)
	require.Equal(t, kyc.RejectFinal, v.RejectType)
	view := b.flow(t, token)
	require.Equal(t, manual.MessageContactSupport, view.Message)
	require.Empty(t, view.Comment)
	requireError(t, b.details(t, token, "GB"), http.StatusConflict, "flow_closed")
	requireError(t, b.submit(t, token), http.StatusConflict, "flow_closed")
}

func TestSumsubAPIModeNeedsTheManualProviderToServeTheFlow(t *testing.T) {
	t.Parallel()
	b := setup(t)
	// A manual verification's flow has no hint and no Sumsub in it.
	token, _ := b.start(t)
	rec := authtest.Do(t, b.gw.Handler, "GET", "/v1/flow/"+token, nil)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.NotContains(t, rec.Body.String(), "hint")

	// The hosted flow needs the manual provider, which serves it.
	fake := sumsubtest.New(t)
	env := fake.Env(sumsub.ModeAPI)
	_, err := server.New(server.Config{DataKey: testDataKey, Providers: []string{"sumsub"}, Env: func(k string) string { return env[k] }},
		storagetest.OpenSQLite(t), slog.New(slog.DiscardHandler))
	require.ErrorContains(t, err, "list manual in KYCGATE_PROVIDERS")
}
