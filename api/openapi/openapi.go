// Package openapi holds the OpenAPI 3.1 document of the gateway's whole HTTP API: its
// source is the YAML files of this directory, embedded in the binary, each one part of
// the document by area (base.yaml: info, security schemes, the error envelope; one file
// per feature: its paths, schemas, tags and webhooks). Document merges them, once, into
// the JSON served at GET /openapi.json and rendered by the page at GET /docs.
//
// The document is kept true by tests: server's route test fails when a mounted route has
// no operation in it or it has one that is not mounted, and every HTTP test validates
// the responses it receives against it (package api/openapitest).
package openapi

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:embed *.yaml
var files embed.FS

// Document is the merged document as JSON (OpenAPI 3.1), built on the first call.
// An error means a source file is not valid YAML or two files define the same path,
// schema or webhook: a build defect the tests catch.
func Document() ([]byte, error) { return document() }

var document = sync.OnceValues(func() ([]byte, error) {
	doc, err := Merge(files)
	if err != nil {
		return nil, err
	}
	return json.Marshal(doc)
})

// mergedSections are the maps whose members the source files add to, each named once
// across all files; any other top-level member is taken from base.yaml alone.
var mergedSections = [][]string{
	{"paths"}, {"webhooks"}, {"components", "schemas"}, {"components", "parameters"},
	{"components", "responses"}, {"components", "headers"}, {"components", "securitySchemes"},
	{"components", "requestBodies"},
}

// Merge reads every *.yaml file of fsys, base.yaml first, into one document: base.yaml
// gives the top-level members, and every file's paths, webhooks, components and tags are
// added to them. A path, webhook or component defined twice is an error.
func Merge(fsys fs.FS) (map[string]any, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	slices.SortFunc(names, func(a, b string) int {
		switch {
		case a == b:
			return 0
		case a == "base.yaml":
			return -1
		case b == "base.yaml":
			return 1
		case a < b:
			return -1
		}
		return 1
	})
	if len(names) == 0 || names[0] != "base.yaml" {
		return nil, fmt.Errorf("openapi: no base.yaml")
	}
	var doc map[string]any
	for _, name := range names {
		part, err := readYAML(fsys, name)
		if err != nil {
			return nil, err
		}
		if doc == nil {
			doc = part
			continue
		}
		if err := mergeInto(doc, part, name); err != nil {
			return nil, err
		}
	}
	return doc, nil
}

func mergeInto(doc, part map[string]any, name string) error {
	for _, section := range mergedSections {
		src := lookup(part, section)
		if src == nil {
			continue
		}
		dst := ensure(doc, section)
		for k, v := range src {
			if _, dup := dst[k]; dup {
				return fmt.Errorf("openapi: %s: %v %q is defined twice", name, section, k)
			}
			dst[k] = v
		}
	}
	if tags, ok := part["tags"].([]any); ok {
		base, _ := doc["tags"].([]any)
		doc["tags"] = append(base, tags...)
	}
	for k := range part {
		if k != "paths" && k != "webhooks" && k != "components" && k != "tags" {
			return fmt.Errorf("openapi: %s: top-level member %q belongs in base.yaml", name, k)
		}
	}
	return nil
}

func lookup(m map[string]any, path []string) map[string]any {
	for _, k := range path {
		next, ok := m[k].(map[string]any)
		if !ok {
			return nil
		}
		m = next
	}
	return m
}

func ensure(m map[string]any, path []string) map[string]any {
	for _, k := range path {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	return m
}

func readYAML(fsys fs.FS, name string) (map[string]any, error) {
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	var n yaml.Node
	if err := yaml.Unmarshal(raw, &n); err != nil {
		return nil, fmt.Errorf("openapi: %s: %w", name, err)
	}
	if len(n.Content) == 0 {
		return nil, fmt.Errorf("openapi: %s is empty", name)
	}
	v, err := fromNode(n.Content[0])
	if err != nil {
		return nil, fmt.Errorf("openapi: %s: %w", name, err)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("openapi: %s is not a mapping", name)
	}
	return m, nil
}

// fromNode converts YAML to JSON values: every mapping key is a string (status codes
// such as 200 included), scalars keep their YAML type.
func fromNode(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.AliasNode:
		return fromNode(n.Alias)
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			if _, dup := out[k]; dup {
				return nil, fmt.Errorf("line %d: key %q twice", n.Content[i].Line, k)
			}
			v, err := fromNode(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			out[k] = v
		}
		return out, nil
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := fromNode(c)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!int":
			i, err := strconv.ParseInt(n.Value, 0, 64)
			return i, err
		case "!!float":
			return strconv.ParseFloat(n.Value, 64)
		case "!!bool":
			return n.Value == "true" || n.Value == "True" || n.Value == "TRUE", nil
		case "!!null":
			return nil, nil
		}
		return n.Value, nil
	}
	return nil, fmt.Errorf("line %d: unsupported YAML node", n.Line)
}
