package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/api"
)

type bindItem struct {
	DocumentID string `json:"documentId"`
	Comment    string `json:"comment"`
}

type bindTarget struct {
	FirstName string            `json:"firstName"`
	Level     int               `json:"level"`
	Over18    bool              `json:"over18"`
	Items     []bindItem        `json:"items"`
	Nested    *bindItem         `json:"nested"`
	Labels    map[string]string `json:"labels"`
	Package   json.RawMessage   `json:"package"`
}

// bindEngine answers 200 with what it decoded, or the error envelope.
func bindEngine() *gin.Engine {
	e := gin.New()
	e.POST("/bind", func(c *gin.Context) {
		var v bindTarget
		if err := api.BindJSON(c, &v); err != nil {
			api.Abort(c, err)
			return
		}
		c.JSON(http.StatusOK, v)
	})
	return e
}

func sendBind(t *testing.T, e *gin.Engine, contentType, body string) (int, api.EnvelopeError, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/bind", strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	var env api.Envelope
	if rec.Code != http.StatusOK {
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &env), rec.Body.String())
	}
	return rec.Code, env.Error, rec.Body.String()
}

func TestBindJSONRefusesDuplicateAndCaseFoldedMembers(t *testing.T) {
	t.Parallel()
	e := bindEngine()
	for name, body := range map[string]string{
		"duplicate at the top":        `{"firstName":"a","firstName":"b"}`,
		"case only at the top":        `{"firstname":"a","firstName":"b"}`,
		"case only, other order":      `{"firstName":"a","FIRSTNAME":"b"}`,
		"kelvin sign folds to k":      `{"labels":{"\u212Aey":"a","key":"b"}}`,
		"escaped duplicate":           `{"first\u004eame":"a","firstName":"b"}`,
		"in an object in an array":    `{"items":[{"documentId":"d1","comment":"x","comment":"y"}]}`,
		"case only in an array item":  `{"items":[{"documentId":"d1"},{"documentId":"d2","documentid":"d3"}]}`,
		"in a nested object":          `{"nested":{"documentId":"a","DocumentId":"b"}}`,
		"in a map":                    `{"labels":{"a":"1","a":"2"}}`,
		"in a raw value":              `{"package":{"sig":{"uid":"1","UID":"2"}}}`,
		"deep in a raw value":         `{"package":[[{"x":{"y":[{"z":1,"z":2}]}}]]}`,
		"unknown members, duplicated": `{"nope":1,"nope":2}`,
	} {
		code, env, raw := sendBind(t, e, "application/json", body)
		require.Equal(t, http.StatusBadRequest, code, "%s: %s", name, raw)
		require.Equal(t, "invalid_json", env.Code, name)
		require.NotContains(t, env.Message, "Go ", name)
	}
	code, env, _ := sendBind(t, e, "application/json", `{"items":[{"comment":"a"},{"comment":"b","Comment":"c"}]}`)
	require.Equal(t, http.StatusBadRequest, code)
	require.Contains(t, env.Message, `"comment" and "Comment"`)
	require.Contains(t, env.Message, "items[]", "the message says where")

	// The same name in different objects is fine, at any depth.
	for _, body := range []string{
		`{"items":[{"documentId":"a","comment":"x"},{"documentId":"b","comment":"y"}]}`,
		`{"nested":{"documentId":"a"},"labels":{"documentId":"b","DocumentID2":"c"}}`,
		`{"package":{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}]}}`,
		`{"firstName":"Ann","level":2,"over18":true}`,
	} {
		code, _, raw := sendBind(t, e, "application/json", body)
		require.Equal(t, http.StatusOK, code, "%s: %s", body, raw)
	}
}

func TestBindJSONMessagesNameFieldsAndJSONTypes(t *testing.T) {
	t.Parallel()
	e := bindEngine()
	for _, tc := range []struct{ body, want string }{
		{`{"level":"2"}`, `field "level" must be a whole number, not a string`},
		{`{"level":2.5}`, `field "level" must be a whole number, not a number out of its range`},
		{`{"firstName":7}`, `field "firstName" must be a string, not a number`},
		{`{"level":1e400}`, `field "level" must be a whole number`},
		{`{"over18":"yes"}`, `field "over18" must be true or false, not a string`},
		{`{"items":{"a":1}}`, `field "items" must be an array, not an object`},
		{`{"items":[{"comment":false}]}`, `field "items.comment" must be a string, not true or false`},
		{`{"nested":[]}`, `field "nested" must be an object, not an array`},
		{`[1,2]`, `the body must be an object, not an array`},
		{`{"whoami":1}`, `unknown field "whoami"`},
		{`{"level":1} {"level":2}`, `trailing data`},
		{`{"level":`, `cut short`},
		{`{"level":1,}`, `malformed JSON`},
	} {
		code, env, raw := sendBind(t, e, "application/json", tc.body)
		require.Equal(t, http.StatusBadRequest, code, raw)
		require.Equal(t, "invalid_json", env.Code)
		require.Contains(t, env.Message, tc.want, tc.body)
		for _, goName := range []string{"Go struct", "Go value", "bindTarget", "bindItem", "int", "json:", "string into", "main."} {
			if goName == "int" {
				require.NotRegexp(t, `\bint\b|int64|uint`, env.Message, tc.body)
				continue
			}
			require.NotContains(t, env.Message, goName, tc.body)
		}
	}
	code, env, _ := sendBind(t, e, "application/json", "{\"firstName\":\"\xff\xfe\"}")
	require.Equal(t, http.StatusBadRequest, code)
	require.Equal(t, "invalid_json", env.Code)
	require.Contains(t, env.Message, "UTF-8")
}

func TestBindJSONMediaTypes(t *testing.T) {
	t.Parallel()
	e := bindEngine()
	for _, ct := range []string{
		"application/json",
		"application/JSON",
		"Application/Json; Charset=UTF-8",
		"APPLICATION/JSON;charset=utf-8",
		`application/json; charset="UTF-8"`,
		"application/vnd.api+json",
		"application/merge-patch+JSON",
	} {
		code, _, raw := sendBind(t, e, ct, `{"firstName":"Ann"}`)
		require.Equal(t, http.StatusOK, code, "%s: %s", ct, raw)
	}
	for _, ct := range []string{
		"",
		"text/plain",
		"text/json",
		"application/x-www-form-urlencoded",
		"multipart/form-data; boundary=x",
		"application/json; charset=ISO-8859-1",
		"application/json; charset=utf-16",
		"Application/Json; Charset=latin1",
		"application/json; charset=",
		"application/json;;",
		"application/jsonx",
		"json",
	} {
		code, env, raw := sendBind(t, e, ct, `{"firstName":"Ann"}`)
		require.Equal(t, http.StatusUnsupportedMediaType, code, "%q: %s", ct, raw)
		require.Equal(t, "unsupported_media_type", env.Code, ct)
	}
}

func TestDecodeStrictEmptyBody(t *testing.T) {
	t.Parallel()
	var v bindTarget
	require.ErrorIs(t, api.DecodeStrict(strings.NewReader("  \n"), &v), api.ErrEmptyBody)
	require.ErrorIs(t, api.DecodeStrict(nil, &v), api.ErrEmptyBody)
	require.NoError(t, api.DecodeStrict(strings.NewReader(`{"firstName":"Ann","items":[]}`), &v))
	require.Equal(t, "Ann", v.FirstName)
}
