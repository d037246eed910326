package sumsub_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/sumsub"
	"github.com/kycgate/kycgate/storage"
)

// review completes the fake applicant's review through the sandbox endpoint, as a test
// harness does against Sumsub's sandbox (testCompleted is a signed API call too).
func (b *testBundle) review(t *testing.T, ref string, rr *sumsub.ReviewResult) {
	t.Helper()
	require.NoError(t, b.p.TestCompleted(t.Context(), ref, *rr))
}

func TestWebSDKHappyPath(t *testing.T) {
	t.Parallel()
	b := setup(t, sumsub.ModeWebSDK, "KYCGATE_SUMSUB_LEVEL", "2")
	v, s := b.start(t, b.verification())
	require.Equal(t, b.fake.Ref(v.ID), s.Ref, "the applicant's externalUserId is the verification id")
	require.NotEmpty(t, s.SDKToken)
	require.Empty(t, s.URL)
	require.Equal(t, v.ID, b.fake.TokenUser(s.SDKToken))
	require.Contains(t, b.fake.Requests()[0].Path, "/resources/applicants?levelName="+b.fake.LevelName)

	require.Equal(t, storage.StatusInProgress, b.fetch(t, v).Status)
	// The user completes Sumsub's widget: Sumsub extracts the data and reviews.
	b.fake.SetInfo(t, v.ProviderRef, person)
	b.fake.SetReview(t, v.ProviderRef, sumsub.StatusPending, nil)
	require.Equal(t, storage.StatusInReview, b.fetch(t, v).Status)
	b.fake.SetReview(t, v.ProviderRef, sumsub.StatusAwaitingService, green)
	require.Equal(t, storage.StatusInReview, b.fetch(t, v).Status, "awaitingService + GREEN is not an approval")

	b.review(t, v.ProviderRef, green)
	res := b.fetch(t, v)
	require.Equal(t, storage.StatusApproved, res.Status)
	require.Equal(t, 2, res.Level, "the configured level")
	require.Equal(t, &kyc.Claims{Country: "GB", DateOfBirth: time.Date(1990, 12, 10, 0, 0, 0, 0, time.UTC),
		Name: "Ada Lovelace", Nationality: "GB"}, res.Claims, "the name too, for person screening")

	sent := b.fake.Webhooks()
	require.Equal(t, "applicantReviewed", webhookType(t, b, sent[len(sent)-1].Header, sent[len(sent)-1].Body))
}

func webhookType(t *testing.T, b *testBundle, h map[string][]string, body []byte) string {
	t.Helper()
	ev, err := b.p.VerifyWebhook(h, body)
	require.NoError(t, err)
	return ev.Type
}

// submitAll sends the personal details, both sides of an ID card and a selfie, and asks
// for the check; it returns the image ids by slot.
func submitAll(t *testing.T, b *testBundle, ref string) map[string]string {
	t.Helper()
	ctx := t.Context()
	require.NoError(t, b.p.SetPersonalDetails(ctx, ref, sumsub.PersonalDetails{FirstName: "Ada", LastName: "Lovelace",
		DateOfBirth: "1990-12-10", Country: "GB"}))
	err := b.p.Submit(ctx, ref)
	require.Equal(t, "sumsub_documents_missing", fault.Code(err), "no documents yet")
	ids := map[string]string{}
	for _, d := range []sumsub.Document{
		{Type: sumsub.DocIDCard, Side: sumsub.SideFront, Country: "GB", Content: []byte("front")},
		{Type: sumsub.DocIDCard, Side: sumsub.SideBack, Country: "GB", Content: []byte("back")},
		{Type: sumsub.DocSelfie, Country: "GB", Content: []byte("selfie with the card")},
	} {
		id, err := b.p.AddDocument(ctx, ref, d)
		require.NoError(t, err)
		ids[d.Type+d.Side] = id
	}
	require.NoError(t, b.p.Submit(ctx, ref))
	return ids
}

func TestAPIModeHappyPath(t *testing.T) {
	t.Parallel()
	b := setup(t, sumsub.ModeAPI)
	v, s := b.start(t, b.verification())
	require.True(t, strings.HasPrefix(s.FlowToken, sumsub.FlowTokenPrefix))
	require.Equal(t, "https://kyc.example/flow/"+s.FlowToken, s.URL, "the gateway's hosted flow")
	require.Empty(t, s.SDKToken)

	submitAll(t, b, v.ProviderRef)
	require.Equal(t, storage.StatusInReview, b.fetch(t, v).Status)
	uploads := b.fake.Uploads(v.ProviderRef)
	require.Len(t, uploads, 3)
	require.Equal(t, "ID_CARD", uploads[0].IDDocType)
	require.Equal(t, "FRONT_SIDE", uploads[0].IDDocSubType)
	require.Equal(t, "BACK_SIDE", uploads[1].IDDocSubType)
	require.Equal(t, "SELFIE", uploads[2].IDDocType)
	require.Empty(t, uploads[2].IDDocSubType)
	require.Equal(t, "GBR", uploads[2].Country, "alpha-3 countries")

	b.review(t, v.ProviderRef, green)
	res := b.fetch(t, v)
	require.Equal(t, storage.StatusApproved, res.Status)
	require.Equal(t, "GB", res.Claims.Country)
}

func TestAPIModeRetryThenGreenResendsOnlyTheRejectedImage(t *testing.T) {
	t.Parallel()
	b := setup(t, sumsub.ModeAPI)
	v, _ := b.start(t, b.verification())
	ids := submitAll(t, b, v.ProviderRef)
	v.Status = storage.StatusInReview

	b.fake.RejectImage(t, v.ProviderRef, ids["ID_CARDBACK_SIDE"], "The back side is blurry.", "BAD_PROOF_OF_IDENTITY")
	b.review(t, v.ProviderRef, red(sumsub.RejectRetry, "Please upload a sharp photo of the back side.", "BAD_PROOF_OF_IDENTITY"))
	res := b.fetch(t, v)
	require.Equal(t, kyc.Result{Status: storage.StatusResubmissionRequested, RejectType: kyc.RejectRetry,
		Reason: "Please upload a sharp photo of the back side."}, res, "moderationComment, never clientComment")
	v.Status = res.Status

	again, err := b.p.Resubmission(t.Context(), v.ProviderRef)
	require.NoError(t, err)
	require.Equal(t, "Please upload a sharp photo of the back side.", again.Comment)
	require.False(t, again.PersonalDetails)
	require.Equal(t, []sumsub.RejectedImage{{Step: "IDENTITY", IDDocType: "ID_CARD", ImageID: ids["ID_CARDBACK_SIDE"],
		Comment: "The back side is blurry.", Labels: []string{"BAD_PROOF_OF_IDENTITY"}}}, again.Images)

	// The flow asks for the back side only.
	before := len(b.fake.Uploads(v.ProviderRef))
	_, err = b.p.AddDocument(t.Context(), v.ProviderRef, sumsub.Document{Type: sumsub.DocIDCard, Side: sumsub.SideBack,
		Country: "GB", Content: []byte("sharp back")})
	require.NoError(t, err)
	require.NoError(t, b.p.Submit(t.Context(), v.ProviderRef), "the other images are still there")
	uploads := b.fake.Uploads(v.ProviderRef)
	require.Len(t, uploads, before+1, "one image sent again")
	require.Equal(t, "BACK_SIDE", uploads[len(uploads)-1].IDDocSubType)
	require.Equal(t, storage.StatusInReview, b.fetch(t, v).Status)

	b.review(t, v.ProviderRef, green)
	require.Equal(t, storage.StatusApproved, b.fetch(t, v).Status)
}

func TestRetryForPersonalDataReopensTheDetails(t *testing.T) {
	t.Parallel()
	b := setup(t, sumsub.ModeAPI)
	v, _ := b.start(t, b.verification())
	submitAll(t, b, v.ProviderRef)
	b.review(t, v.ProviderRef, red(sumsub.RejectRetry, "Your name does not match the document.", sumsub.LabelApplicantData))
	again, err := b.p.Resubmission(t.Context(), v.ProviderRef)
	require.NoError(t, err)
	require.True(t, again.PersonalDetails)
	require.Empty(t, again.Images, "no image was rejected")
}

func TestFinalRejection(t *testing.T) {
	t.Parallel()
	b := setup(t, sumsub.ModeAPI)
	v, _ := b.start(t, b.verification())
	submitAll(t, b, v.ProviderRef)
	b.review(t, v.ProviderRef, red(sumsub.RejectFinal, "We cannot verify you.", "FORGERY"))
	res := b.fetch(t, v)
	require.Equal(t, kyc.Result{Status: storage.StatusRejected, RejectType: kyc.RejectFinal, Reason: "We cannot verify you."}, res)
	require.NotContains(t, res.Reason, "internal", "clientComment is never returned")
}

func TestLaterFindingsRevokeAnApproval(t *testing.T) {
	t.Parallel()
	b := setup(t, sumsub.ModeWebSDK)
	approved := func() storage.Verification {
		v, _ := b.start(t, b.verification())
		b.fake.SetInfo(t, v.ProviderRef, person)
		b.review(t, v.ProviderRef, green)
		v.Status = storage.StatusApproved
		require.Equal(t, storage.StatusApproved, b.fetch(t, v).Status)
		return v
	}

	v := approved()
	b.fake.SetReview(t, v.ProviderRef, sumsub.StatusPending, nil)
	res := b.fetch(t, v)
	require.Equal(t, storage.StatusApproved, res.Status, "a re-check still running keeps the approval")
	require.NotNil(t, res.Claims)
	b.review(t, v.ProviderRef, red(sumsub.RejectFinal, "Sanctions match."))
	require.Equal(t, storage.StatusRevoked, b.fetch(t, v).Status, "RED later")

	v = approved()
	b.fake.Reset(t, v.ProviderRef)
	require.Equal(t, storage.StatusRevoked, b.fetch(t, v).Status, "applicantReset")

	v = approved()
	b.fake.Deactivate(t, v.ProviderRef)
	require.Equal(t, storage.StatusRevoked, b.fetch(t, v).Status, "applicantDeactivated")

	v = approved()
	b.fake.Remove(t, v.ProviderRef)
	require.Equal(t, storage.StatusRevoked, b.fetch(t, v).Status, "applicantDeleted: 404")

	open := b.verification()
	open, _ = b.start(t, open)
	b.fake.Remove(t, open.ProviderRef)
	_, err := b.p.Fetch(t.Context(), open)
	require.Equal(t, "sumsub_not_found", fault.Code(err), "an open verification is not revoked")
}

func TestApprovalWithoutClaimsIsNotGuessed(t *testing.T) {
	t.Parallel()
	b := setup(t, sumsub.ModeWebSDK)
	v, _ := b.start(t, b.verification())
	b.fake.SetReview(t, v.ProviderRef, sumsub.StatusCompleted, green)
	_, err := b.p.Fetch(t.Context(), v)
	require.Equal(t, "sumsub_unmapped", fault.Code(err), "no info")

	b.fake.SetInfo(t, v.ProviderRef, sumsub.Info{Dob: "1990-12-10", Country: "XKX"})
	_, err = b.p.Fetch(t.Context(), v)
	require.Equal(t, "sumsub_unmapped", fault.Code(err), "not an ISO 3166-1 country")

	b.fake.SetInfo(t, v.ProviderRef, sumsub.Info{IDDocs: []sumsub.InfoDoc{{IDDocType: "PASSPORT", Country: "FRA", Dob: "1980-01-02"}}})
	res := b.fetch(t, v)
	require.Equal(t, "FR", res.Claims.Country, "from the checked document when the top level lacks it")

	b.fake.SetReview(t, v.ProviderRef, sumsub.StatusCompleted, &sumsub.ReviewResult{ReviewAnswer: sumsub.AnswerRed})
	_, err = b.p.Fetch(t.Context(), v)
	require.Equal(t, "sumsub_unmapped", fault.Code(err), "RED without a reject type")
	b.fake.SetReview(t, v.ProviderRef, "someNewStatus", nil)
	_, err = b.p.Fetch(t.Context(), v)
	require.Equal(t, "sumsub_unmapped", fault.Code(err))
}

func TestDocumentRulesFollowSumsubsChecklist(t *testing.T) {
	t.Parallel()
	b := setup(t, sumsub.ModeAPI)
	v, _ := b.start(t, b.verification())
	for name, d := range map[string]sumsub.Document{
		"ID card without a side":   {Type: sumsub.DocIDCard, Country: "GB", Content: []byte("x")},
		"passport with a side":     {Type: sumsub.DocPassport, Side: sumsub.SideFront, Country: "GB", Content: []byte("x")},
		"selfie with a side":       {Type: sumsub.DocSelfie, Side: sumsub.SideBack, Country: "GB", Content: []byte("x")},
		"unknown type":             {Type: "UTILITY_BILL", Country: "GB", Content: []byte("x")},
		"alpha-3 country given in": {Type: sumsub.DocPassport, Country: "GBR", Content: []byte("x")},
		"empty image":              {Type: sumsub.DocPassport, Country: "GB"},
	} {
		_, err := b.p.AddDocument(t.Context(), v.ProviderRef, d)
		require.True(t, fault.IsKind(err, fault.Invalid), name)
	}
	require.Empty(t, b.fake.Uploads(v.ProviderRef), "nothing invalid was sent")
	err := b.p.SetPersonalDetails(t.Context(), v.ProviderRef, sumsub.PersonalDetails{FirstName: "A", LastName: "B",
		DateOfBirth: "10/12/1990", Country: "GB"})
	require.Equal(t, "invalid_date_of_birth", fault.Code(err))
}
