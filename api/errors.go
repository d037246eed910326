// Package api holds the HTTP plumbing every feature's handlers share: the JSON error
// envelope and the one function that maps errors to statuses, request ids, structured
// request logs, body limits, panic recovery and Prometheus metrics for gin.
package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/storage"
)

// Kind is the domain's error kind (package fault); api maps each to a status.
type Kind = fault.Kind

// The kinds of errors, named as before for the handlers in this package and the ones
// not yet moved to package fault; the status each maps to is in kindStatus.
const (
	KindInternal         = fault.Internal         // 500
	KindInvalid          = fault.Invalid          // 400
	KindUnauthorized     = fault.Unauthorized     // 401
	KindForbidden        = fault.Forbidden        // 403
	KindNotFound         = fault.NotFound         // 404
	KindMethodNotAllowed = fault.MethodNotAllowed // 405
	KindConflict         = fault.Conflict         // 409
	KindTooLarge         = fault.TooLarge         // 413
	KindUnsupportedMedia = fault.UnsupportedMedia // 415
	KindUnprocessable    = fault.Unprocessable    // 422
	KindRateLimited      = fault.RateLimited      // 429
	KindUnavailable      = fault.Unavailable      // 503
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

// Error is the domain error (package fault) a client may see.
type Error = fault.Error

// NewError returns an Error of the given kind.
func NewError(kind Kind, code, message string) *Error { return fault.New(kind, code, message) }

// Invalid is a 400 with the given code.
func Invalid(code, message string) *Error { return fault.InvalidError(code, message) }

// NotFound is a 404 with the given code.
func NotFound(code, message string) *Error { return fault.NotFoundError(code, message) }

// Unauthorized is a 401 with the given code.
func Unauthorized(code, message string) *Error { return fault.UnauthorizedError(code, message) }

// Conflict is a 409 with the given code.
func Conflict(code, message string) *Error { return fault.ConflictError(code, message) }

// Status is the HTTP status for an error's kind.
func Status(e *Error) int {
	if s, ok := kindStatus[e.Kind]; ok {
		return s
	}
	return http.StatusInternalServerError
}

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
	c.AbortWithStatusJSON(Status(ae), Envelope{Error: EnvelopeError{
		Code: ae.Code, Message: ae.Message, RequestID: RequestID(c.Request.Context()),
	}})
}
