// Package fault holds the domain's errors: a kind (what went wrong, in terms of the
// request: invalid, not found, conflict, …), a stable snake_case code, a message safe to
// show to the caller, and an optional cause that is logged but never shown. It imports
// neither HTTP nor metrics packages: domain code builds its errors here, and the `api`
// package alone maps each kind to an HTTP status and the JSON error envelope.
package fault

import (
	"errors"
	"fmt"
	"time"
)

// Kind classifies an error by what the caller did or met, independent of any transport.
type Kind int

// The kinds of errors. The comment names the HTTP status `api` maps each to.
const (
	Internal         Kind = iota // something broke on our side (500); the cause is never shown
	Invalid                      // the request is malformed or breaks a rule (400)
	Unauthorized                 // missing, unknown or expired credentials or proofs (401)
	Forbidden                    // authenticated but not allowed (403)
	NotFound                     // no such thing, or not visible to this caller (404)
	MethodNotAllowed             // the route exists for other methods (405)
	Conflict                     // the current state refuses the change (409)
	TooLarge                     // the body is over its limit (413)
	UnsupportedMedia             // the body's media type is not accepted (415)
	Unprocessable                // well-formed but cannot be acted on here (422)
	RateLimited                  // too many requests; RetryAfter says when to come back (429)
	Unavailable                  // a dependency is down or not configured (503)
)

// Error is an error a caller may see: its Kind, a stable snake_case Code and a Message safe
// to show. Cause, when set, is for logs only.
type Error struct {
	Kind    Kind
	Code    string
	Message string
	// RetryAfter, when positive, tells the caller when to try again (rate limits).
	RetryAfter time.Duration
	Cause      error
}

// New returns an Error of the given kind.
func New(kind Kind, code, message string) *Error {
	return &Error{Kind: kind, Code: code, Message: message}
}

// Wrap returns an Error of the given kind that keeps cause for logs and errors.Is.
func Wrap(kind Kind, code, message string, cause error) *Error {
	return &Error{Kind: kind, Code: code, Message: message, Cause: cause}
}

// InvalidError is an Invalid error with the given code.
func InvalidError(code, message string) *Error { return New(Invalid, code, message) }

// NotFoundError is a NotFound error with the given code.
func NotFoundError(code, message string) *Error { return New(NotFound, code, message) }

// UnauthorizedError is an Unauthorized error with the given code.
func UnauthorizedError(code, message string) *Error { return New(Unauthorized, code, message) }

// ForbiddenError is a Forbidden error with the given code.
func ForbiddenError(code, message string) *Error { return New(Forbidden, code, message) }

// ConflictError is a Conflict error with the given code.
func ConflictError(code, message string) *Error { return New(Conflict, code, message) }

// Error implements error.
func (e *Error) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Cause)
	}
	return e.Code + ": " + e.Message
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Cause }

// Code returns the code of the first *Error in err's chain, or "" when there is none.
func Code(err error) string {
	var fe *Error
	if errors.As(err, &fe) {
		return fe.Code
	}
	return ""
}

// IsKind reports whether err's chain holds an *Error of kind k.
func IsKind(err error, k Kind) bool {
	var fe *Error
	return errors.As(err, &fe) && fe.Kind == k
}
