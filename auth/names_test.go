package auth_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/storage/storagetest"
)

func TestValidateName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Acme":                     "Acme",
		"  Acme Corp.  ":           "Acme Corp.",
		"Société Générale (FR) №1": "Société Générale (FR) №1",
		"東京デジタル":                   "東京デジタル",
		"Ünïcödé & Co — 100% ✓":    "Ünïcödé & Co — 100% ✓",
		"e\u0301cole":              "e\u0301cole", // a combining mark
		strings.Repeat("é", 200):   strings.Repeat("é", 200),
	} {
		got, err := auth.ValidateName("tenant", in)
		require.NoError(t, err, "%q", in)
		require.Equal(t, want, got)
	}
	for name, in := range map[string]string{
		"empty":                       "",
		"spaces only":                 "   ",
		"too long":                    strings.Repeat("a", 201),
		"line feed":                   "Acme\nApproved",
		"carriage return":             "Acme\rX",
		"tab":                         "Acme\tX",
		"escape":                      "Acme\x1b[31m",
		"NUL":                         "Acme\x00",
		"DEL":                         "Acme\x7f",
		"C1 control":                  "Acme\u0085",
		"trailing line feed":          "Acme\n",
		"right-to-left override":      "Acme\u202Egnp.exe",
		"left-to-right isolate":       "Acme\u2066x\u2069",
		"zero-width space":            "Ac\u200Bme",
		"zero-width joiner":           "Ac\u200Dme",
		"zero-width no-break (BOM)":   "\uFEFFAcme",
		"soft hyphen":                 "Ac\u00ADme",
		"arabic letter mark":          "Acme\u061C",
		"line separator":              "Acme\u2028X",
		"paragraph separator":         "Acme\u2029X",
		"private use":                 "Acme\uE000",
		"unassigned":                  "Acme\U000E0080",
		"tag character (Cf)":          "Acme\U000E0041",
		"invalid UTF-8":               "Acme\xff",
		"interlinear annotation (Cf)": "Acme\uFFF9",
	} {
		_, err := auth.ValidateName("reviewer", in)
		var apiErr *fault.Error
		require.ErrorAs(t, err, &apiErr, name)
		require.Equal(t, "invalid_name", apiErr.Code, name)
		require.Equal(t, fault.Invalid, apiErr.Kind, name)
	}
}

func TestCreateTenantAndReviewerRefuseBadNames(t *testing.T) {
	t.Parallel()
	st := storagetest.OpenSQLite(t)
	ctx, now := context.Background(), time.Now()
	_, _, err := auth.CreateTenant(ctx, st, "Acme\u202E", now)
	require.ErrorContains(t, err, "invalid_name")
	_, _, err = auth.CreateReviewer(ctx, st, "Rev\x1b[2J", now)
	require.ErrorContains(t, err, "invalid_name")
	tn, _, err := auth.CreateTenant(ctx, st, " Acme ", now)
	require.NoError(t, err)
	require.Equal(t, "Acme", tn.Name)
}
