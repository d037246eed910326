package sumsub_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/sumsub"
)

func flowItems(docType string, sides ...string) []kyc.FlowItem {
	var out []kyc.FlowItem
	for _, side := range sides {
		out = append(out, kyc.FlowItem{Slot: "document:" + side, Kind: "document", DocType: docType, Side: side,
			ContentType: "image/png", Content: []byte(docType + side)})
	}
	return append(out, kyc.FlowItem{Slot: "selfie", Kind: "selfie", ContentType: "image/jpeg", Content: []byte("selfie")})
}

func TestSubmitFlowFollowsSumsubsChecklist(t *testing.T) {
	t.Parallel()
	b := setup(t, sumsub.ModeAPI)
	require.True(t, b.p.UsesHostedFlow())
	require.Contains(t, b.p.SelfieHint(), "visible and readable")

	for _, tc := range []struct {
		docType string
		sides   []string
		want    []string
	}{
		{"passport", []string{"front"}, []string{"PASSPORT/", "SELFIE/"}},
		{"driving_licence", []string{"front", "back"}, []string{"DRIVERS/FRONT_SIDE", "DRIVERS/BACK_SIDE", "SELFIE/"}},
		{"residence_permit", []string{"front", "back"}, []string{"RESIDENCE_PERMIT/FRONT_SIDE", "RESIDENCE_PERMIT/BACK_SIDE", "SELFIE/"}},
	} {
		v, _ := b.start(t, b.verification())
		ids, err := b.p.SubmitFlow(t.Context(), v.ProviderRef, kyc.FlowSubmission{Country: "FR",
			Details: &kyc.FlowDetails{FirstName: "Ada", LastName: "Lovelace", DateOfBirth: "1990-12-10", Country: "FR"},
			Items:   flowItems(tc.docType, tc.sides...)})
		require.NoError(t, err, tc.docType)
		var got []string
		for i, u := range b.fake.Uploads(v.ProviderRef) {
			got = append(got, u.IDDocType+"/"+u.IDDocSubType)
			require.Equal(t, "FRA", u.Country)
			require.Equal(t, u.ImageID, ids[flowItems(tc.docType, tc.sides...)[i].Slot], "ids by slot")
		}
		require.Equal(t, tc.want, got, tc.docType)
		st, err := b.p.Status(t.Context(), v.ProviderRef)
		require.NoError(t, err)
		require.Equal(t, sumsub.StatusPending, st.ReviewStatus, "status/pending after the images")
	}
}

func TestSubmitFlowWithoutEveryImageIsRefusedBySumsub(t *testing.T) {
	t.Parallel()
	b := setup(t, sumsub.ModeAPI)
	v, _ := b.start(t, b.verification())
	items := flowItems("id_card", "front")
	_, err := b.p.SubmitFlow(t.Context(), v.ProviderRef, kyc.FlowSubmission{Country: "GB", Items: items})
	require.Equal(t, "sumsub_documents_missing", fault.Code(err))
}

func TestFlowRetryNamesTheRejectedSelfie(t *testing.T) {
	t.Parallel()
	b := setup(t, sumsub.ModeAPI)
	v, _ := b.start(t, b.verification())
	ids, err := b.p.SubmitFlow(t.Context(), v.ProviderRef, kyc.FlowSubmission{Country: "GB", Items: flowItems("passport", "front")})
	require.NoError(t, err)
	b.fake.RejectImage(t, v.ProviderRef, ids["selfie"], "Your face is not visible.", "SELFIE_MISMATCH")
	b.review(t, v.ProviderRef, red(sumsub.RejectRetry, "Please take the selfie again.", "SELFIE_MISMATCH"))
	r, err := b.p.FlowRetry(t.Context(), v.ProviderRef)
	require.NoError(t, err)
	require.Equal(t, kyc.FlowRetry{Comment: "Please take the selfie again.",
		Items: []kyc.FlowRetryItem{{ID: ids["selfie"], Kind: "selfie", Comment: "Your face is not visible."}}}, r)
}
