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

// Error is the domain error (package fault) a client may see.
type Error = fault.Error

// kindStatus maps each kind of domain error to its HTTP status.
var kindStatus = map[fault.Kind]int{
	fault.Internal:         http.StatusInternalServerError,
	fault.Invalid:          http.StatusBadRequest,
	fault.Unauthorized:     http.StatusUnauthorized,
	fault.Forbidden:        http.StatusForbidden,
	fault.NotFound:         http.StatusNotFound,
	fault.MethodNotAllowed: http.StatusMethodNotAllowed,
	fault.Conflict:         http.StatusConflict,
	fault.TooLarge:         http.StatusRequestEntityTooLarge,
	fault.UnsupportedMedia: http.StatusUnsupportedMediaType,
	fault.Unprocessable:    http.StatusUnprocessableEntity,
	fault.RateLimited:      http.StatusTooManyRequests,
	fault.Unavailable:      http.StatusServiceUnavailable,
}

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
		return &Error{Kind: fault.TooLarge, Code: "body_too_large",
			Message: "request body exceeds " + strconv.FormatInt(tooBig.Limit, 10) + " bytes", Cause: err}
	case errors.Is(err, storage.ErrNotFound):
		return &Error{Kind: fault.NotFound, Code: "not_found", Message: "not found", Cause: err}
	case errors.Is(err, storage.ErrConflict):
		return &Error{Kind: fault.Conflict, Code: "conflict", Message: "conflicts with the current state", Cause: err}
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{Kind: fault.Unavailable, Code: "timeout", Message: "the request timed out", Cause: err}
	default:
		return &Error{Kind: fault.Internal, Code: "internal_error", Message: "internal error", Cause: err}
	}
}

// Abort renders err as the error envelope with its status and stops the handler chain.
// Internal errors are logged with their cause; clients see only the generic message.
func Abort(c *gin.Context, err error) {
	ae := FromError(err)
	if ae.Kind == fault.Internal {
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
