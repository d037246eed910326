package conf_test

import (
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/conf"
)

type sample struct {
	BaseURL   *url.URL      `default:"https://api.example.com"`
	APIKey    string        `env:"API_KEY,required"`
	Timeout   time.Duration `default:"10s"`
	Levels    []string      `default:"basic,full"`
	Retries   int
	unexposed string
}

func (s *sample) Validate() error {
	if s.Retries > 5 {
		return conf.Invalid("Retries", "at most 5")
	}
	return nil
}

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDecodeReadsPrefixedVariablesWithDefaults(t *testing.T) {
	t.Parallel()
	var c sample
	require.NoError(t, conf.Decode("acme", &c, env(map[string]string{
		"KYCGATE_ACME_API_KEY": "secret", "KYCGATE_ACME_RETRIES": "3", "KYCGATE_ACME_TIMEOUT": "2s",
	})))
	require.Equal(t, "https://api.example.com", c.BaseURL.String())
	require.Equal(t, "secret", c.APIKey)
	require.Equal(t, 2*time.Second, c.Timeout)
	require.Equal(t, []string{"basic", "full"}, c.Levels)
	require.Equal(t, 3, c.Retries)
	require.Empty(t, c.unexposed)
}

func TestDecodeErrorsNameTheVariable(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, "KYCGATE_ACME_API_KEY is required"},
		{map[string]string{"KYCGATE_ACME_API_KEY": "k", "KYCGATE_ACME_RETRIES": "many"}, "invalid KYCGATE_ACME_RETRIES: want a whole number"},
		{map[string]string{"KYCGATE_ACME_API_KEY": "k", "KYCGATE_ACME_TIMEOUT": "soon"}, "invalid KYCGATE_ACME_TIMEOUT: want a duration"},
		{map[string]string{"KYCGATE_ACME_API_KEY": "k", "KYCGATE_ACME_RETRIES": "9"}, "invalid KYCGATE_ACME_RETRIES: at most 5"},
	} {
		var c sample
		err := conf.Decode("acme", &c, env(tc.env))
		require.Error(t, err)
		require.Contains(t, err.Error(), tc.want)
		require.NotContains(t, err.Error(), "many", "the value is not echoed")
	}
}

func TestVarsListsTheSchema(t *testing.T) {
	t.Parallel()
	vars, err := conf.Vars("acme", &sample{})
	require.NoError(t, err)
	require.Equal(t, []conf.Var{
		{Name: "KYCGATE_ACME_BASE_URL", Field: "BaseURL", Default: "https://api.example.com"},
		{Name: "KYCGATE_ACME_API_KEY", Field: "APIKey", Required: true},
		{Name: "KYCGATE_ACME_TIMEOUT", Field: "Timeout", Default: "10s"},
		{Name: "KYCGATE_ACME_LEVELS", Field: "Levels", Default: "basic,full"},
		{Name: "KYCGATE_ACME_RETRIES", Field: "Retries"},
	}, vars)
	_, err = conf.Vars("Bad-Name", &sample{})
	require.Error(t, err)
}

func TestOrigin(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"https://api.example.com", "http://127.0.0.1:8080", "https://api.example.com/"} {
		require.Nil(t, conf.Origin("BaseURL", ok, "https://x"), ok)
	}
	for _, bad := range []string{"", "api.example.com", "ftp://x", "https://x/v1", "https://x?a=1", "https://u:p@x", "https://x#f"} {
		require.NotNil(t, conf.Origin("BaseURL", bad, "https://x"), bad)
	}
}
