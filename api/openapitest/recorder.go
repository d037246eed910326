package openapitest

import (
	"bytes"
	"io"
	"net/http"
)

// recorder passes a response through to the real writer and keeps its status, headers
// and (up to maxBody) body for validation.
type recorder struct {
	http.ResponseWriter
	header    http.Header
	code      int
	snapshot  http.Header
	body      bytes.Buffer
	truncated bool
}

func (r *recorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
		r.snapshot = r.header.Clone()
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.code == 0 {
		r.WriteHeader(http.StatusOK)
	}
	r.keep(p)
	return r.ResponseWriter.Write(p)
}

func (r *recorder) WriteString(s string) (int, error) {
	if r.code == 0 {
		r.WriteHeader(http.StatusOK)
	}
	r.keep([]byte(s))
	return io.WriteString(r.ResponseWriter, s)
}

func (r *recorder) keep(p []byte) {
	if r.body.Len()+len(p) > maxBody {
		r.truncated = true
		return
	}
	r.body.Write(p)
}

// Flush implements http.Flusher when the real writer does.
func (r *recorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		if r.code == 0 {
			r.WriteHeader(http.StatusOK)
		}
		f.Flush()
	}
}

// Unwrap gives http.ResponseController the real writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (r *recorder) status() int {
	if r.code == 0 {
		return http.StatusOK
	}
	return r.code
}

// response is what was sent, as the validator reads it.
func (r *recorder) response() *http.Response {
	h := r.snapshot
	if h == nil {
		h = r.header.Clone()
	}
	return &http.Response{StatusCode: r.status(), Header: h, Body: io.NopCloser(bytes.NewReader(r.body.Bytes()))}
}
