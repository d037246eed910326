package manual

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/kycgate/kycgate/fault"
)

// upload is a parsed multipart upload.
type upload struct {
	fields map[string]string
	file   []byte
}

// readUpload streams a multipart/form-data body: the named text fields (64 bytes each at
// most) and one part named "file" of at most maxFile bytes. Nothing touches the disk, so
// no unencrypted copy of a document is left in a temporary file.
func readUpload(r *http.Request, maxFile int64, fields ...string) (upload, error) {
	out := upload{fields: map[string]string{}}
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/form-data" {
		return out, fault.InvalidError("invalid_upload", "send multipart/form-data with the file in a part named file")
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return out, fault.InvalidError("invalid_upload", "send multipart/form-data with the file in a part named file")
	}
	seen := map[string]bool{}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return out, uploadError(err)
		}
		name := part.FormName()
		if seen[name] {
			return out, fault.InvalidError("duplicate_field", fmt.Sprintf("the part %q is sent twice: send each field once", name))
		}
		seen[name] = true
		switch {
		case name == "file":
			data, err := readSized(part, r.ContentLength, maxFile+1)
			if err != nil {
				return out, uploadError(err)
			}
			if int64(len(data)) > maxFile {
				return out, fault.New(fault.TooLarge, "file_too_large", fmt.Sprintf("the file exceeds %d bytes", maxFile))
			}
			out.file = data
		case containsString(fields, name):
			v, err := io.ReadAll(io.LimitReader(part, 65))
			if err != nil {
				return out, uploadError(err)
			}
			if len(v) > 64 {
				return out, fault.InvalidError("invalid_upload", "field "+name+" is too long")
			}
			out.fields[name] = strings.TrimSpace(string(v))
		default:
			return out, fault.InvalidError("invalid_upload", fmt.Sprintf("unexpected part %q (expected file and %s)", name, strings.Join(fields, ", ")))
		}
		part.Close()
	}
	if out.file == nil {
		return out, fault.InvalidError("invalid_upload", "the file part is missing")
	}
	return out, nil
}

// uploadError keeps a body-limit error as it is (413) and turns the rest into a 400.
func uploadError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return err
	}
	return fault.InvalidError("invalid_upload", "the multipart body is malformed")
}

// readSized reads r to its end, at most limit bytes, into one buffer sized from the
// request's declared length (hint, -1 when unknown): unlike io.ReadAll it does not
// leave a trail of doubled buffers behind, which matters for the memory budget.
func readSized(r io.Reader, hint, limit int64) ([]byte, error) {
	size := limit
	if hint >= 0 && hint < limit {
		size = hint
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	_, err := buf.ReadFrom(io.LimitReader(r, limit))
	return buf.Bytes(), err
}
