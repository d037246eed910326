package review_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/kyc/manual"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/review"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// t0 is the tests' clock.
var t0 = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

// fakeCases answers the manual provider's Queue with fixed cases in one status.
type fakeCases struct {
	status storage.VerificationStatus
	items  []manual.QueueItem
}

func (f fakeCases) Queue(_ context.Context, status storage.VerificationStatus, limit int) ([]manual.QueueItem, error) {
	if status != f.status {
		return []manual.QueueItem{}, nil
	}
	return f.items[:min(limit, len(f.items))], nil
}

func stores() map[string]func(testing.TB) storage.Store {
	return map[string]func(testing.TB) storage.Store{"sqlite": storagetest.OpenSQLite, "postgres": storagetest.OpenPostgres}
}

func at(minutes int) time.Time { return t0.Add(time.Duration(minutes) * time.Minute) }

// seed stores a held wallet (linked to a subject), an unlinked held wallet, a held
// subject and a blocked held subject (not in the queue), and returns the linked subject.
func seed(t *testing.T, st storage.Store) (linked storage.Subject, held storage.Subject) {
	t.Helper()
	ctx := t.Context()
	linked = storage.Subject{CreatedAt: at(-600)}
	require.NoError(t, st.CreateSubject(ctx, &linked))
	require.NoError(t, st.LinkWallet(ctx, &storage.Wallet{Address: "0x00000000000000000000000000000000000000aa", SubjectID: linked.ID, LinkedAt: at(-600)}))
	for _, w := range []struct {
		addr    string
		heldAt  time.Time
		sources []string
	}{
		{"0x00000000000000000000000000000000000000aa", at(-300), []string{"ofac"}},
		{"0x00000000000000000000000000000000000000bb", at(-30), []string{"ofac", "trm"}},
	} {
		require.NoError(t, st.PutWalletScreening(ctx, storage.WalletScreening{Address: w.addr, Outcome: "sanctioned", Risk: 9,
			Sources: w.sources, CheckedAt: w.heldAt, Held: true, HeldAt: &w.heldAt, UpdatedAt: w.heldAt}))
	}
	for i, blocked := range []bool{false, true} {
		s := storage.Subject{CreatedAt: at(-900), ApprovedLevel: 1, Hold: "aml_review", Blocked: blocked, UpdatedAt: at(-200 + i)}
		require.NoError(t, st.CreateSubject(ctx, &s))
		if !blocked {
			held = s
		}
	}
	return linked, held
}

func TestQueueMergesEveryKindOldestFirst(t *testing.T) {
	t.Parallel()
	for name, open := range stores() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			st := open(t)
			linked, held := seed(t, st)
			cases := fakeCases{status: storage.StatusInReview, items: []manual.QueueItem{
				{VerificationID: "ver_m1", Provider: "manual", Status: storage.StatusInReview, SubjectID: "sub_1", UpdatedAt: at(-400).Format(time.RFC3339)},
				{VerificationID: "ver_d1", Provider: "didit", Status: storage.StatusInReview, SubjectID: "sub_2", UpdatedAt: at(-100).Format(time.RFC3339)},
				{VerificationID: "ver_m2", Provider: "manual", Status: storage.StatusInReview, SubjectID: "sub_3", UpdatedAt: at(-5).Format(time.RFC3339)},
			}}
			q := review.New(cases, "manual", st, func() time.Time { return t0 })

			page, err := q.List(t.Context(), review.Filter{})
			require.NoError(t, err)
			var ids []string
			for _, it := range page.Items {
				ids = append(ids, string(it.Kind)+":"+it.ID)
			}
			require.Equal(t, []string{
				"manual:ver_m1",
				"wallet_screening:0x00000000000000000000000000000000000000AA",
				"person_screening:" + held.ID,
				"provider_case:ver_d1",
				"wallet_screening:0x00000000000000000000000000000000000000bb",
				"manual:ver_m2",
			}, ids, "oldest first, every kind, the blocked subject left out")
			require.Equal(t, map[review.Kind]int{"manual": 2, "provider_case": 1, "wallet_screening": 2, "person_screening": 1}, page.Counts)
			require.Nil(t, page.NextCursor)
			w := page.Items[1]
			require.Equal(t, linked.ID, w.SubjectID, "a held wallet names the subject it is linked to")
			require.Equal(t, w.ID, w.Address)
			require.Equal(t, "ofac", w.Provider)
			require.Equal(t, "held", w.Status)
			require.Equal(t, "/v1/admin/wallets/"+w.Address+"/screenings", w.Href)
			require.Equal(t, at(-300).Format(time.RFC3339), w.WaitingSince)
			require.Empty(t, page.Items[4].SubjectID, "an unlinked wallet has no subject")
			require.Equal(t, "/v1/admin/reviews/ver_m1", page.Items[0].Href)
			require.Equal(t, "/v1/admin/subjects/"+held.ID+"/person-screenings", page.Items[2].Href)

			// Paging: two at a time, each page after the last one's cursor.
			var paged []string
			f := review.Filter{Limit: 2}
			for range 5 {
				p, err := q.List(t.Context(), f)
				require.NoError(t, err)
				for _, it := range p.Items {
					paged = append(paged, string(it.Kind)+":"+it.ID)
				}
				if p.NextCursor == nil {
					break
				}
				f, err = review.ParseFilter(query(url.Values{"limit": {"2"}, "cursor": {*p.NextCursor}}))
				require.NoError(t, err)
			}
			require.Equal(t, ids, paged)

			// Filters: kind (the counts stay per kind), provider, status, age.
			p, err := q.List(t.Context(), review.Filter{Kind: review.KindManual})
			require.NoError(t, err)
			require.Len(t, p.Items, 2)
			require.Equal(t, 2, p.Counts[review.KindWalletScreening], "counts cover every kind")
			p, err = q.List(t.Context(), review.Filter{Provider: "trm"})
			require.NoError(t, err)
			require.Len(t, p.Items, 1)
			require.Equal(t, "0x00000000000000000000000000000000000000bb", p.Items[0].ID)
			p, err = q.List(t.Context(), review.Filter{Status: review.StatusHeld})
			require.NoError(t, err)
			require.Len(t, p.Items, 3)
			require.Zero(t, p.Counts[review.KindManual])
			p, err = q.List(t.Context(), review.Filter{Status: string(storage.StatusResubmissionRequested)})
			require.NoError(t, err)
			require.Empty(t, p.Items, "a verification status leaves the holds out")
			p, err = q.List(t.Context(), review.Filter{OlderThan: 150 * time.Minute})
			require.NoError(t, err)
			require.Len(t, p.Items, 3, "waiting at least 2.5 hours")
		})
	}
}

func query(v url.Values) (func(string) (string, bool), []string) {
	var names []string
	for n := range v {
		names = append(names, n)
	}
	return func(n string) (string, bool) {
		if _, ok := v[n]; !ok {
			return "", false
		}
		return v.Get(n), true
	}, names
}

func TestParseFilterRefusesBadValues(t *testing.T) {
	t.Parallel()
	for q, code := range map[string]string{
		"kind=everything":        "invalid_kind",
		"status=pending":         "invalid_status",
		"olderThan=yesterday":    "invalid_older_than",
		"olderThan=-5m":          "invalid_older_than",
		"olderThan=0d":           "invalid_older_than",
		"limit=0":                "invalid_limit",
		"limit=201":              "invalid_limit",
		"cursor=bm90IGpzb24":     "invalid_cursor",
		"provider=Didit%20inc":   "invalid_provider",
		"sort=newest":            "invalid_query",
		"kind=manual&page=2":     "invalid_query",
		"cursor=" + cursorOf(""): "invalid_cursor",
	} {
		v, err := url.ParseQuery(q)
		require.NoError(t, err)
		_, err = review.ParseFilter(query(v))
		require.Error(t, err, q)
		require.Contains(t, err.Error(), code, q)
	}
	v, _ := url.ParseQuery("kind=wallet_screening&provider=ofac&status=held&olderThan=7d&limit=10")
	f, err := review.ParseFilter(query(v))
	require.NoError(t, err)
	require.Equal(t, review.Filter{Kind: review.KindWalletScreening, Provider: "ofac", Status: "held", OlderThan: 7 * 24 * time.Hour, Limit: 10}, f)
}

func cursorOf(id string) string {
	return review.EncodeCursor(review.Position{WaitingSince: t0.Format(time.RFC3339), Kind: review.KindManual, ID: id})
}

// TestQueueRouteIsForReviewers: over HTTP, on both stores, a real manual case in review
// is in the queue for a reviewer's key or console session; a tenant key reads nothing.
func TestQueueRouteIsForReviewers(t *testing.T) {
	t.Parallel()
	for name, open := range stores() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := servertest.Start(t, server.Config{DataKey: pii.GenerateKey()}, open(t))
			now := g.Clock.Now()
			_, revKey, err := auth.CreateReviewer(t.Context(), g.Store, "Reviewer", now)
			require.NoError(t, err)
			_, tenKey, err := auth.CreateTenant(t.Context(), g.Store, "Acme", now)
			require.NoError(t, err)

			var started struct{ ID, FlowToken string }
			rec := authtest.Do(t, g.Handler, "POST", "/v1/tenant/customers/cust-1/verifications", map[string]any{}, "Authorization", "Bearer "+tenKey)
			require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &started))
			completeFlow(t, g, started.FlowToken)

			rec = authtest.Do(t, g.Handler, "GET", review.QueuePath+"?kind=manual", nil, "Authorization", "Bearer "+revKey)
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			require.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
			var page review.Page
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &page))
			require.Len(t, page.Items, 1)
			require.Equal(t, started.ID, page.Items[0].ID)
			require.Equal(t, "in_review", page.Items[0].Status)
			require.Equal(t, "manual", page.Items[0].Provider)

			rec = authtest.Do(t, g.Handler, "GET", review.QueuePath+"?olderThan=soon", nil, "Authorization", "Bearer "+revKey)
			require.Equal(t, http.StatusBadRequest, rec.Code)
			require.Contains(t, rec.Body.String(), "invalid_older_than")
			rec = authtest.Do(t, g.Handler, "GET", review.QueuePath, nil, "Authorization", "Bearer "+tenKey)
			require.Equal(t, http.StatusUnauthorized, rec.Code)
		})
	}
}
