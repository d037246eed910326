package manual

import (
	"bytes"
	"errors"
	"fmt"
	"image/jpeg"
	"image/png"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/kycgate/kycgate/api"
)

// Content types an upload may have.
const (
	ContentJPEG = "image/jpeg"
	ContentPNG  = "image/png"
	ContentPDF  = "application/pdf"
)

// minImageSide is the smallest width or height of an image that could show a document.
const minImageSide = 64

// Sniff returns the content type of an upload, decided by its bytes and never by what
// the client claims: a JPEG or PNG whose header decodes to an image of a sensible size,
// or (when pdf is allowed) a PDF with its header and end-of-file marker.
func Sniff(content []byte, pdf bool) (string, error) {
	unsupported := func(what string) error {
		allowed := "JPEG or PNG"
		if pdf {
			allowed = "JPEG, PNG or PDF"
		}
		return api.NewError(api.KindUnsupportedMedia, "unsupported_media_type", what+": upload a "+allowed+" file")
	}
	if len(content) == 0 {
		return "", api.Invalid("empty_file", "the file is empty")
	}
	switch ct := http.DetectContentType(content); ct {
	case ContentJPEG, ContentPNG:
		decode := jpeg.DecodeConfig
		if ct == ContentPNG {
			decode = png.DecodeConfig
		}
		cfg, err := decode(bytes.NewReader(content)) // the header only: no full decode
		if err != nil {
			return "", unsupported("the image is damaged")
		}
		if cfg.Width < minImageSide || cfg.Height < minImageSide {
			return "", api.Invalid("image_too_small", fmt.Sprintf("the image is %d×%d pixels; at least %d×%d is needed",
				cfg.Width, cfg.Height, minImageSide, minImageSide))
		}
		return ct, nil
	case ContentPDF:
		tail := content[max(0, len(content)-1024):]
		if !pdf {
			return "", unsupported("a PDF is not a photo")
		}
		if !bytes.Contains(tail, []byte("%%EOF")) {
			return "", unsupported("the PDF is truncated")
		}
		return ct, nil
	default:
		return "", unsupported("the file is not an accepted type")
	}
}

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
		return out, api.Invalid("invalid_upload", "send multipart/form-data with the file in a part named file")
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return out, api.Invalid("invalid_upload", "send multipart/form-data with the file in a part named file")
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return out, uploadError(err)
		}
		name := part.FormName()
		switch {
		case name == "file":
			if out.file != nil {
				return out, api.Invalid("invalid_upload", "send one file per request")
			}
			data, err := io.ReadAll(io.LimitReader(part, maxFile+1))
			if err != nil {
				return out, uploadError(err)
			}
			if int64(len(data)) > maxFile {
				return out, api.NewError(api.KindTooLarge, "file_too_large", fmt.Sprintf("the file exceeds %d bytes", maxFile))
			}
			out.file = data
		case containsString(fields, name):
			v, err := io.ReadAll(io.LimitReader(part, 65))
			if err != nil {
				return out, uploadError(err)
			}
			if len(v) > 64 {
				return out, api.Invalid("invalid_upload", "field "+name+" is too long")
			}
			out.fields[name] = strings.TrimSpace(string(v))
		default:
			return out, api.Invalid("invalid_upload", fmt.Sprintf("unexpected part %q (expected file and %s)", name, strings.Join(fields, ", ")))
		}
		part.Close()
	}
	if out.file == nil {
		return out, api.Invalid("invalid_upload", "the file part is missing")
	}
	return out, nil
}

// uploadError keeps a body-limit error as it is (413) and turns the rest into a 400.
func uploadError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return err
	}
	return api.Invalid("invalid_upload", "the multipart body is malformed")
}
