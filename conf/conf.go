// Package conf reads an adapter's settings from the environment. Each adapter (a KYC
// provider, later a screening source) owns a Config struct that is its schema: every
// exported field is one variable named KYCGATE_<NAME>_<FIELD>, where NAME is the adapter's
// registry name and FIELD the field's `env` tag or, without one, its name in SNAKE_CASE
// (BaseURL → BASE_URL). A `default` tag gives the value when the variable is unset; a
// `required` option in the `env` tag (`env:"API_KEY,required"`) refuses an unset one.
// Supported field types are those of github.com/caarlos0/env (strings, numbers, bools,
// time.Duration, *url.URL, slices as comma-separated lists, encoding.TextUnmarshaler).
//
// After decoding, a Config with a `Validate() error` method is validated; a *FieldError
// from it is reported under the variable of the field it names. Every error names the
// variable and never echoes a value of a field whose name says it is secret.
package conf

import (
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"strings"

	"github.com/caarlos0/env/v11"
)

// Prefix starts every adapter variable.
const Prefix = "KYCGATE_"

// FieldError is a validation error about one field of a Config, returned by its Validate
// method; Decode reports it under the field's variable.
type FieldError struct {
	// Field is the Go field name (as in the struct).
	Field string
	// Why says what is wrong, without echoing a secret.
	Why string
}

// Error implements error.
func (e *FieldError) Error() string { return e.Field + ": " + e.Why }

// Invalid returns a *FieldError for field.
func Invalid(field, why string) *FieldError { return &FieldError{Field: field, Why: why} }

// Var is one variable a Config reads.
type Var struct {
	// Name is the variable, e.g. KYCGATE_SUMSUB_BASE_URL.
	Name string
	// Field is the Go field name.
	Field string
	// Default is the value used when the variable is unset ("" when none).
	Default string
	// Required reports that the variable must be set.
	Required bool
}

var namePattern = regexp.MustCompile(`^[a-z][a-z0-9]*$`)

// VarPrefix is the prefix of adapter name's variables: KYCGATE_<NAME>_.
func VarPrefix(name string) string { return Prefix + strings.ToUpper(name) + "_" }

func options(name string, environment map[string]string) env.Options {
	return env.Options{
		Prefix: VarPrefix(name), TagName: "env", DefaultValueTagName: "default",
		UseFieldNameByDefault: true, Environment: environment,
	}
}

// Vars lists the variables cfg (a pointer to a Config struct) reads under adapter name.
func Vars(name string, cfg any) ([]Var, error) {
	if !namePattern.MatchString(name) {
		return nil, fmt.Errorf("conf: adapter name %q is not lower-case letters and digits", name)
	}
	params, err := env.GetFieldParamsWithOptions(cfg, options(name, map[string]string{}))
	if err != nil {
		return nil, fmt.Errorf("conf: %s: %w", name, err)
	}
	fields := exportedFields(cfg)
	if len(fields) != len(params) {
		return nil, fmt.Errorf("conf: %s: a Config is a flat struct of settings", name)
	}
	out := make([]Var, 0, len(params))
	for i, p := range params {
		if !p.Ignored {
			out = append(out, Var{Name: p.Key, Field: fields[i], Default: p.DefaultValue, Required: p.Required})
		}
	}
	return out, nil
}

// exportedFields lists the exported fields of the struct cfg points to, in order (the
// order env.GetFieldParams walks them for a flat struct).
func exportedFields(cfg any) []string {
	t := reflect.TypeOf(cfg)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var out []string
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() {
			out = append(out, f.Name)
		}
	}
	return out
}

// Decode fills cfg (a pointer to a Config struct) from the variables of adapter name,
// looked up with getenv, then validates it. Errors name the variable:
// `invalid KYCGATE_SUMSUB_BASE_URL: …`.
func Decode(name string, cfg any, getenv func(string) string) error {
	vars, err := Vars(name, cfg)
	if err != nil {
		return err
	}
	environment := map[string]string{}
	byField := map[string]string{}
	for _, v := range vars {
		if val := getenv(v.Name); val != "" {
			environment[v.Name] = val
		}
		byField[v.Field] = v.Name
	}
	if err := env.ParseWithOptions(cfg, options(name, environment)); err != nil {
		return describe(err, byField)
	}
	if val, ok := cfg.(interface{ Validate() error }); ok {
		if err := val.Validate(); err != nil {
			return describe(err, byField)
		}
	}
	return nil
}

// describe rewrites the library's errors (and a Validate *FieldError) so that each names
// its variable instead of the Go field.
func describe(err error, byField map[string]string) error {
	var agg env.AggregateError
	if errors.As(err, &agg) && len(agg.Errors) > 0 {
		err = agg.Errors[0]
	}
	var pe env.ParseError
	var unset env.VarIsNotSetError
	var empty env.EmptyVarError
	var fe *FieldError
	switch {
	case errors.As(err, &pe):
		return fmt.Errorf("invalid %s: want a %s: %w", varOf(byField, pe.Name), typeName(pe.Type), unwrapValue(pe.Err))
	case errors.As(err, &unset):
		return fmt.Errorf("%s is required", unset.Key)
	case errors.As(err, &empty):
		return fmt.Errorf("%s must not be empty", empty.Key)
	case errors.As(err, &fe):
		return fmt.Errorf("invalid %s: %s", varOf(byField, fe.Field), fe.Why)
	}
	return err
}

func varOf(byField map[string]string, field string) string {
	if v, ok := byField[field]; ok {
		return v
	}
	return field
}

func typeName(t reflect.Type) string {
	switch t.String() {
	case "time.Duration":
		return "duration such as 30s or 5m"
	case "*url.URL", "url.URL":
		return "URL"
	case "bool":
		return "boolean (true or false)"
	case "[]string":
		return "comma-separated list"
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "whole number"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "non-negative whole number"
	case reflect.Float32, reflect.Float64:
		return "number"
	}
	return t.String()
}

// unwrapValue drops the strconv wrapping that echoes the value (it may be a secret).
func unwrapValue(err error) error {
	var ne interface{ Unwrap() error }
	if errors.As(err, &ne) && ne.Unwrap() != nil {
		return ne.Unwrap()
	}
	return err
}

// Origin checks that field's value is an http(s) origin (scheme and host, no path, query
// or credentials), as a vendor API's base URL must be; example is shown in the error.
func Origin(field, raw, example string) *FieldError {
	u, err := url.Parse(raw)
	switch {
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "":
		return Invalid(field, "want an http(s) origin such as "+example)
	case strings.TrimSuffix(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil:
		return Invalid(field, "want an origin only (no path, query or credentials)")
	}
	return nil
}
