package sumsub_test

import (
	"bytes"
	"log/slog"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/conf"
	"github.com/kycgate/kycgate/gate"
	"github.com/kycgate/kycgate/kyc/sumsub"
)

func TestConfigSchema(t *testing.T) {
	t.Parallel()
	vars, err := conf.Vars(sumsub.Type, sumsub.NewConfig())
	require.NoError(t, err)
	byName := map[string]conf.Var{}
	for _, v := range vars {
		byName[v.Name] = v
	}
	require.Equal(t, "https://api.sumsub.com", byName["KYCGATE_SUMSUB_BASE_URL"].Default)
	require.Equal(t, "websdk", byName["KYCGATE_SUMSUB_MODE"].Default)
	require.Equal(t, "1", byName["KYCGATE_SUMSUB_LEVEL"].Default)
	for _, name := range []string{"KYCGATE_SUMSUB_APP_TOKEN", "KYCGATE_SUMSUB_SECRET_KEY", "KYCGATE_SUMSUB_WEBHOOK_SECRET",
		"KYCGATE_SUMSUB_LEVEL_NAME"} {
		require.True(t, byName[name].Required, name)
	}
}

func TestConfigIsChecked(t *testing.T) {
	t.Parallel()
	base := map[string]string{"KYCGATE_SUMSUB_APP_TOKEN": "sbx:tok", "KYCGATE_SUMSUB_SECRET_KEY": "TopSecretValue1",
		"KYCGATE_SUMSUB_WEBHOOK_SECRET": "TopSecretValue2", "KYCGATE_SUMSUB_LEVEL_NAME": "basic"}
	_, err := open(base, clock)
	require.NoError(t, err, "the defaults are valid")

	for name, want := range map[string]string{
		"KYCGATE_SUMSUB_MODE=sdk":                         "invalid KYCGATE_SUMSUB_MODE: want websdk or api",
		"KYCGATE_SUMSUB_LEVEL=4":                          "invalid KYCGATE_SUMSUB_LEVEL: want 1 to 3",
		"KYCGATE_SUMSUB_BASE_URL=https://x.example/api":   "invalid KYCGATE_SUMSUB_BASE_URL: want an origin only",
		"KYCGATE_SUMSUB_BASE_URL=api.sumsub.com":          "invalid KYCGATE_SUMSUB_BASE_URL",
		"KYCGATE_SUMSUB_TIMEOUT=0s":                       "invalid KYCGATE_SUMSUB_TIMEOUT",
		"KYCGATE_SUMSUB_SECRET_KEY=":                      "KYCGATE_SUMSUB_SECRET_KEY is required",
		"KYCGATE_SUMSUB_LEVEL_NAME=":                      "KYCGATE_SUMSUB_LEVEL_NAME is required",
		"KYCGATE_SUMSUB_WEBHOOK_SECRET=":                  "KYCGATE_SUMSUB_WEBHOOK_SECRET is required",
		"KYCGATE_SUMSUB_APP_TOKEN=":                       "KYCGATE_SUMSUB_APP_TOKEN is required",
		"KYCGATE_SUMSUB_WEBHOOK_SECRET=   ":               "invalid KYCGATE_SUMSUB_WEBHOOK_SECRET: must not be empty",
		"KYCGATE_SUMSUB_BASE_URL=https://u:p@x.example":   "want an origin only",
		"KYCGATE_SUMSUB_BASE_URL=ftp://api.sumsub.com":    "want an http(s) origin",
		"KYCGATE_SUMSUB_BASE_URL=https://x.example/?q=1":  "want an origin only",
		"KYCGATE_SUMSUB_TIMEOUT=10m":                      "at most 5m",
		"KYCGATE_SUMSUB_LEVEL=0":                          "want 1 to 3",
		"KYCGATE_SUMSUB_MODE=API":                         "want websdk or api",
		"KYCGATE_SUMSUB_BASE_URL=https://api.sumsub.com/": "",
	} {
		env := map[string]string{}
		for k, v := range base {
			env[k] = v
		}
		k, v, _ := stringsCut(name)
		env[k] = v
		_, err := open(env, clock)
		if want == "" {
			require.NoError(t, err, name)
			continue
		}
		require.ErrorContains(t, err, want, name)
		require.NotContains(t, err.Error(), "TopSecretValue", "no secret is echoed")
	}

	env := map[string]string{"KYCGATE_SUMSUB_MODE": "api"}
	for k, v := range base {
		env[k] = v
	}
	_, err = kycOpenWithoutPublicURL(env)
	require.ErrorContains(t, err, "public URL")
}

func TestCountryTableCoversTheGatewaysCountries(t *testing.T) {
	t.Parallel()
	var seen []string
	for _, a2 := range gate.Countries() {
		a3, ok := sumsub.Alpha3(a2)
		require.True(t, ok, a2)
		back, ok := sumsub.Alpha2(a3)
		require.True(t, ok, a3)
		require.Equal(t, a2, back)
		seen = append(seen, a3)
	}
	slices.Sort(seen)
	require.Len(t, slices.Compact(seen), 249, "one alpha-3 code per country")
	a2, ok := sumsub.Alpha2("deu")
	require.True(t, ok)
	require.Equal(t, "DE", a2)
	_, ok = sumsub.Alpha2("XKX")
	require.False(t, ok, "Kosovo's user-assigned code is not ISO 3166-1")
}

func TestSecretsStayOutOfLogs(t *testing.T) {
	t.Parallel()
	b := setup(t, sumsub.ModeWebSDK)
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	cfg := sumsub.Config{BaseURL: b.fake.URL, AppToken: b.fake.AppToken, SecretKey: b.fake.SecretKey,
		WebhookSecret: b.fake.WebhookSecret, LevelName: "basic", Mode: "websdk", Level: 1}
	log.Info("opened", "provider", b.p, "config", cfg, "info", person)
	require.Contains(t, buf.String(), "levelName=basic")
	for _, secret := range []string{b.fake.AppToken, b.fake.SecretKey, b.fake.WebhookSecret, person.LastName, person.Dob} {
		require.NotContains(t, buf.String(), secret)
	}
}
