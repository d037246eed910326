package sumsub_test

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/sumsub"
	"github.com/kycgate/kycgate/kyc/sumsub/sumsubtest"
	"github.com/kycgate/kycgate/storage"
)

// now is the tests' clock, shared by the adapter and the fake.
var now = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return now }

// testBundle is a fake Sumsub and the adapter pointed at it.
type testBundle struct {
	fake *sumsubtest.Fake
	p    *sumsub.Provider
	n    atomic.Int64
}

// setup starts a fake and opens the adapter on it through the registry, in mode, with
// extra variables (overriding the fake's).
func setup(t *testing.T, mode string, extra ...string) *testBundle {
	t.Helper()
	f := sumsubtest.New(t)
	f.Now = clock
	env := f.Env(mode)
	for i := 0; i+1 < len(extra); i += 2 {
		env[extra[i]] = extra[i+1]
	}
	p, err := open(env, clock)
	require.NoError(t, err)
	return &testBundle{fake: f, p: p}
}

func open(env map[string]string, now func() time.Time) (*sumsub.Provider, error) {
	p, err := kyc.Registry{sumsub.Type: sumsub.NewConfig}.Open(sumsub.Type, func(k string) string { return env[k] },
		kyc.Deps{Now: now, PublicURL: "https://kyc.example"})
	if err != nil {
		return nil, err
	}
	return p.(*sumsub.Provider), nil
}

// verification returns a new verification as the lifecycle hands it to Start.
func (b *testBundle) verification() storage.Verification {
	return storage.Verification{ID: fmt.Sprintf("ver_sumsub%03d", b.n.Add(1)), SubjectID: "sub_1", Mode: kyc.ModeWeb3,
		Provider: sumsub.Type, Level: 1, Status: storage.StatusCreated, CreatedAt: now}
}

// start starts v and returns it with its provider reference set, and the session.
func (b *testBundle) start(t *testing.T, v storage.Verification) (storage.Verification, kyc.Session) {
	t.Helper()
	s, err := b.p.Start(t.Context(), v)
	require.NoError(t, err)
	v.ProviderRef = s.Ref
	return v, s
}

// fetch fetches v's result.
func (b *testBundle) fetch(t *testing.T, v storage.Verification) kyc.Result {
	t.Helper()
	res, err := b.p.Fetch(t.Context(), v)
	require.NoError(t, err)
	return res
}

func red(rejectType, comment string, labels ...string) *sumsub.ReviewResult {
	return &sumsub.ReviewResult{ReviewAnswer: sumsub.AnswerRed, ReviewRejectType: rejectType, RejectLabels: labels,
		ModerationComment: comment, ClientComment: "internal: do not show"}
}

var green = &sumsub.ReviewResult{ReviewAnswer: sumsub.AnswerGreen}

// person is the info Sumsub extracts in the tests.
var person = sumsub.Info{FirstName: "Ada", LastName: "Lovelace", Dob: "1990-12-10", Country: "GBR"}

// storageVerification is a verification with id and no applicant yet.
func storageVerification(id string) storage.Verification {
	return storage.Verification{ID: id, Mode: kyc.ModeWeb3, Provider: sumsub.Type, Level: 1, Status: storage.StatusCreated}
}

// storageVerificationRef is a verification with id and applicant ref.
func storageVerificationRef(id, ref string) storage.Verification {
	v := storageVerification(id)
	v.ProviderRef = ref
	return v
}

func stringsCut(kv string) (string, string, bool) { return strings.Cut(kv, "=") }

func kycOpenWithoutPublicURL(env map[string]string) (kyc.Provider, error) {
	return kyc.Registry{sumsub.Type: sumsub.NewConfig}.Open(sumsub.Type, func(k string) string { return env[k] }, kyc.Deps{})
}
