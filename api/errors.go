// Package api holds the HTTP plumbing every feature's handlers share: the JSON error
// envelope and the one function that maps errors to statuses, request ids, structured
// request logs, body limits, panic recovery and Prometheus metrics for gin.
package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/storage"
)

// Kind classifies an error for the HTTP status it gets.
type Kind int

// The kinds of errors and the statuses they map to.
const (
	KindInternal         Kind = iota // 500
	KindInvalid                      // 400
	KindUnauthorized                 // 401
	KindForbidden                    // 403
	KindNotFound                     // 404
	KindMethodNotAllowed             // 405
	KindConflict                     // 409
	KindTooLarge                     // 413
	KindUnsupportedMedia             // 415
	KindUnprocessable                // 422
	KindRateLimited                  // 429
	KindUnavailable                  // 503
)

var kindStatus = map[Kind]int{
	KindInternal:         http.StatusInternalServerError,
	KindInvalid:          http.StatusBadRequest,
	KindUnauthorized:     http.StatusUnauthorized,
	KindForbidden:        http.StatusForbidden,
	KindNotFound:         http.StatusNotFound,
	KindMethodNotAllowed: http.StatusMethodNotAllowed,
	KindConflict:         http.StatusConflict,
	KindTooLarge:         http.StatusRequestEntityTooLarge,
	KindUnsupportedMedia: http.StatusUnsupportedMediaType,
	KindUnprocessable:    http.StatusUnprocessableEntity,
	KindRateLimited:      http.StatusTooManyRequests,
	KindUnavailable:      http.StatusServiceUnavailable,
}

// Error is an error a client may see: a stable snake_case code and a message safe to
// show. Cause, when set, is logged for internal errors and never sent.
type Error struct {
	Kind    Kind
	Code    string
	Message string
	// RetryAfter, when positive, is sent as the Retry-After header.
	RetryAfter time.Duration
	Cause      error
}

// NewError returns an Error of the given kind.
func NewError(kind Kind, code, message string) *Error {
	return &Error{Kind: kind, Code: code, Message: message}
}

// Invalid is a 400 with the given code.
func Invalid(code, message string) *Error { return NewError(KindInvalid, code, message) }

// NotFound is a 404 with the given code.
func NotFound(code, message string) *Error { return NewError(KindNotFound, code, message) }

// Unauthorized is a 401 with the given code.
func Unauthorized(code, message string) *Error { return NewError(KindUnauthorized, code, message) }

// Conflict is a 409 with the given code.
func Conflict(code, message string) *Error { return NewError(KindConflict, code, message) }

// Error implements error.
func (e *Error) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Cause)
	}
	return e.Code + ": " + e.Message
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Cause }

// Status is the HTTP status for the error's kind.
func (e *Error) Status() int { return kindStatus[e.Kind] }

// Envelope is the JSON body of every error response.
type Envelope struct {
	Error EnvelopeError `json:"error"`
}

// EnvelopeError is the inside of Envelope.
type EnvelopeError struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	RequestID string `json:"requestId"`
}

// FromError classifies any error: an *Error as it is, storage's sentinels as 404/409,
// an oversized body as 413, anything else as an internal error that hides its cause.
func FromError(err error) *Error {
	var ae *Error
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &tooBig):
		return &Error{Kind: KindTooLarge, Code: "body_too_large",
			Message: "request body exceeds " + strconv.FormatInt(tooBig.Limit, 10) + " bytes", Cause: err}
	case errors.Is(err, storage.ErrNotFound):
		return &Error{Kind: KindNotFound, Code: "not_found", Message: "not found", Cause: err}
	case errors.Is(err, storage.ErrConflict):
		return &Error{Kind: KindConflict, Code: "conflict", Message: "conflicts with the current state", Cause: err}
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{Kind: KindUnavailable, Code: "timeout", Message: "the request timed out", Cause: err}
	default:
		return &Error{Kind: KindInternal, Code: "internal_error", Message: "internal error", Cause: err}
	}
}

// Abort renders err as the error envelope with its status and stops the handler chain.
// Internal errors are logged with their cause; clients see only the generic message.
func Abort(c *gin.Context, err error) {
	ae := FromError(err)
	if ae.Kind == KindInternal {
		slog.ErrorContext(c.Request.Context(), "request failed", "error", err, "route", c.FullPath())
	}
	if ae.RetryAfter > 0 {
		secs := int64((ae.RetryAfter + time.Second - 1) / time.Second)
		c.Header("Retry-After", strconv.FormatInt(secs, 10))
	}
	c.AbortWithStatusJSON(ae.Status(), Envelope{Error: EnvelopeError{
		Code: ae.Code, Message: ae.Message, RequestID: RequestID(c.Request.Context()),
	}})
}
