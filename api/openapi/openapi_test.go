package openapi_test

import (
	"encoding/json"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/api/openapi"
)

const base = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ntags: [{name: a}]\npaths: {}\n"

func TestMergeAddsEveryFilesPathsSchemasAndTags(t *testing.T) {
	doc, err := openapi.Merge(fstest.MapFS{
		"base.yaml": {Data: []byte(base)},
		"b.yaml": {Data: []byte("tags: [{name: b}]\npaths:\n  /b:\n    get: {responses: {'200': {description: ok}}}\n" +
			"components:\n  schemas:\n    B: {type: string}\n")},
		"c.yaml": {Data: []byte("paths:\n  /c: {}\nwebhooks:\n  c.happened: {}\n")},
	})
	require.NoError(t, err)
	raw, err := json.Marshal(doc)
	require.NoError(t, err)
	require.JSONEq(t, `{"openapi":"3.1.0","info":{"title":"t","version":"1"},"tags":[{"name":"a"},{"name":"b"}],
		"paths":{"/b":{"get":{"responses":{"200":{"description":"ok"}}}},"/c":{}},
		"components":{"schemas":{"B":{"type":"string"}}},"webhooks":{"c.happened":{}}}`, string(raw),
		"status codes are strings, every part is merged")
}

func TestMergeRefusesWhatIsDefinedTwice(t *testing.T) {
	_, err := openapi.Merge(fstest.MapFS{
		"base.yaml": {Data: []byte(base)},
		"b.yaml":    {Data: []byte("paths:\n  /x: {}\n")},
		"c.yaml":    {Data: []byte("paths:\n  /x: {}\n")},
	})
	require.ErrorContains(t, err, `"/x" is defined twice`)
	_, err = openapi.Merge(fstest.MapFS{
		"base.yaml": {Data: []byte(base)},
		"b.yaml":    {Data: []byte("info: {title: other}\n")},
	})
	require.ErrorContains(t, err, "belongs in base.yaml")
	_, err = openapi.Merge(fstest.MapFS{"base.yaml": {Data: []byte(base + "paths: {}\n")}})
	require.ErrorContains(t, err, "twice")
}

func TestDocumentIsTheMergedSource(t *testing.T) {
	raw, err := openapi.Document()
	require.NoError(t, err)
	var doc struct {
		OpenAPI  string                    `json:"openapi"`
		Paths    map[string]map[string]any `json:"paths"`
		Webhooks map[string]any            `json:"webhooks"`
	}
	require.NoError(t, json.Unmarshal(raw, &doc))
	require.Equal(t, "3.1.0", doc.OpenAPI)
	require.Contains(t, doc.Paths, "/v1/me")
	require.Contains(t, doc.Webhooks, "verification.updated")
}
