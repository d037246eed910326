package manual

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"image/color"
	"image/jpeg"
	"image/png"
	"net/http"

	"golang.org/x/sync/semaphore"

	"github.com/kycgate/kycgate/fault"
)

// Content types an upload may have.
const (
	ContentJPEG = "image/jpeg"
	ContentPNG  = "image/png"
	ContentPDF  = "application/pdf"
)

// minImageSide is the smallest width or height of an image that could show a document.
const minImageSide = 64

// Default content budgets.
const (
	// DefaultMaxPixels is the largest image (width × height) decoded: 50 megapixels.
	DefaultMaxPixels = 50_000_000
	// DefaultMaxPDFPages is the most pages a PDF document may have.
	DefaultMaxPDFPages = 10
	// DefaultMaxPDFBytes is the largest PDF accepted: PDFs are not decoded, so they get
	// a tighter bound than images.
	DefaultMaxPDFBytes = 5 << 20
)

// Checker judges uploads by their bytes, never by what the client claims: JPEG and PNG
// images are decoded completely within a pixel budget, PDFs are checked for their
// structure, page count and size. Decoding holds memory from a budget shared by every
// upload, so concurrent uploads cannot exhaust the server.
type Checker struct {
	maxPixels   int64
	maxPDFPages int
	maxPDFBytes int64
	// decoding is the memory budget of concurrent decodes, maxPixels × 4 bytes: one
	// largest 8-bit RGBA image, or several smaller ones.
	decoding     *semaphore.Weighted
	decodeBudget int64
}

// NewChecker returns a Checker; zero arguments take the defaults.
func NewChecker(maxPixels int64, maxPDFPages int, maxPDFBytes int64) *Checker {
	if maxPixels <= 0 {
		maxPixels = DefaultMaxPixels
	}
	if maxPDFPages <= 0 {
		maxPDFPages = DefaultMaxPDFPages
	}
	if maxPDFBytes <= 0 {
		maxPDFBytes = DefaultMaxPDFBytes
	}
	budget := maxPixels * 4
	return &Checker{maxPixels: maxPixels, maxPDFPages: maxPDFPages, maxPDFBytes: maxPDFBytes,
		decoding: semaphore.NewWeighted(budget), decodeBudget: budget}
}

var defaultChecker = NewChecker(0, 0, 0)

// Sniff is Check with the default budgets, for callers without a context.
func Sniff(content []byte, pdf bool) (string, error) {
	return defaultChecker.Check(context.Background(), content, pdf)
}

// Check returns the content type of an upload: a JPEG or PNG that decodes completely to
// an image of a sensible size within the pixel budget, or (when pdf is allowed) a PDF
// with its header, end-of-file marker and a bounded number of pages. It waits for
// decoding memory while other uploads use it, until ctx ends.
func (c *Checker) Check(ctx context.Context, content []byte, pdf bool) (string, error) {
	unsupported := func(what string) error {
		allowed := "JPEG or PNG"
		if pdf {
			allowed = "JPEG, PNG or PDF"
		}
		return fault.New(fault.UnsupportedMedia, "unsupported_media_type", what+": upload a "+allowed+" file")
	}
	if len(content) == 0 {
		return "", fault.InvalidError("empty_file", "the file is empty")
	}
	switch ct := http.DetectContentType(content); ct {
	case ContentJPEG, ContentPNG:
		if err := c.checkImage(ctx, ct, content); err != nil {
			if err == errDamaged {
				return "", unsupported("the image is damaged or incomplete")
			}
			return "", err
		}
		return ct, nil
	case ContentPDF:
		if !pdf {
			return "", unsupported("a PDF is not a photo")
		}
		if int64(len(content)) > c.maxPDFBytes {
			return "", fault.New(fault.TooLarge, "file_too_large",
				fmt.Sprintf("a PDF may have at most %d bytes; send a photo of the document instead", c.maxPDFBytes))
		}
		tail := content[max(0, len(content)-1024):]
		if !bytes.Contains(tail, []byte("%%EOF")) {
			return "", unsupported("the PDF is truncated")
		}
		n, err := pdfPages(content, c.maxPDFPages+1)
		if err != nil {
			return "", fault.Wrap(fault.Unprocessable, "pdf_too_complex",
				"the PDF's structure cannot be checked (compressed or indirect objects beyond what a scanned document needs); send a simpler PDF or an image", err)
		}
		if n > c.maxPDFPages {
			return "", fault.New(fault.Unprocessable, "too_many_pages",
				fmt.Sprintf("the PDF has more than %d pages; send only the pages of the document", c.maxPDFPages))
		}
		return ct, nil
	default:
		return "", unsupported("the file is not an accepted type")
	}
}

// errDamaged is an image that does not decode completely.
var errDamaged = fault.New(fault.UnsupportedMedia, "unsupported_media_type", "the image is damaged")

// checkImage reads the declared size, refuses images outside the budget before decoding
// them, then decodes the whole image and refuses anything after its end.
func (c *Checker) checkImage(ctx context.Context, ct string, content []byte) error {
	decodeConfig, decode := jpeg.DecodeConfig, jpeg.Decode
	if ct == ContentPNG {
		decodeConfig, decode = png.DecodeConfig, png.Decode
	}
	cfg, err := decodeConfig(bytes.NewReader(content))
	if err != nil {
		return errDamaged
	}
	if cfg.Width < minImageSide || cfg.Height < minImageSide {
		return fault.InvalidError("image_too_small", fmt.Sprintf("the image is %d×%d pixels; at least %d×%d is needed",
			cfg.Width, cfg.Height, minImageSide, minImageSide))
	}
	pixels := int64(cfg.Width) * int64(cfg.Height)
	progressive := false
	if ct == ContentJPEG {
		progressive, _ = jpegLayout(content)
	}
	need := pixels * bytesPerPixel(cfg.ColorModel, progressive)
	if pixels > c.maxPixels || need > c.decodeBudget {
		return fault.New(fault.TooLarge, "image_too_large", fmt.Sprintf(
			"the image is %d×%d pixels; at most %d pixels in all are accepted (fewer for 16-bit or progressive images)",
			cfg.Width, cfg.Height, c.maxPixels))
	}
	if err := c.decoding.Acquire(ctx, need); err != nil {
		return err
	}
	defer c.decoding.Release(need)
	r := bytes.NewReader(content)
	if _, err := decode(r); err != nil {
		return errDamaged
	}
	if !endsCleanly(ct, content, r) {
		return fault.New(fault.UnsupportedMedia, "unsupported_media_type",
			"the file carries data after the end of the image: send the photo alone (a still image, not a motion photo)")
	}
	return nil
}

// bytesPerPixel estimates what decoding one pixel allocates: the image itself, plus the
// coefficients a progressive JPEG keeps per component (64 int32 per 8×8 block).
func bytesPerPixel(m color.Model, progressive bool) int64 {
	var img, components int64
	switch m {
	case color.GrayModel:
		img, components = 1, 1
	case color.Gray16Model:
		img, components = 2, 1
	case color.YCbCrModel:
		img, components = 3, 3
	case color.CMYKModel:
		img, components = 4, 4
	case color.RGBA64Model, color.NRGBA64Model:
		img, components = 8, 4
	default: // RGBA, NRGBA, paletted
		img, components = 4, 4
	}
	if progressive {
		img += 4 * components
	}
	return img
}

// jpegLayout walks a JPEG's marker segments and entropy-coded scans to its EOI marker:
// it reports whether the frame is progressive (SOF2) and where the image ends (-1 when
// no EOI closes it). A marker walk, unlike a search for FF D9, is not fooled by an
// embedded thumbnail.
func jpegLayout(b []byte) (progressive bool, end int) {
	i := 2 // after SOI
	for i+2 <= len(b) {
		if b[i] != 0xff {
			return progressive, -1
		}
		marker := b[i+1]
		switch {
		case marker == 0xff: // fill byte
			i++
			continue
		case marker == 0xd9:
			return progressive, i + 2
		case marker >= 0xd0 && marker <= 0xd7 || marker == 0x01: // markers without a length
			i += 2
			continue
		}
		if i+4 > len(b) {
			return progressive, -1
		}
		if marker == 0xc2 {
			progressive = true
		}
		i += 2 + int(binary.BigEndian.Uint16(b[i+2:]))
		if marker != 0xda {
			continue
		}
		// Entropy-coded data: a 0xFF is followed by 0x00 (stuffing) or a restart marker.
		for i+1 < len(b) && (b[i] != 0xff || b[i+1] == 0 || (b[i+1] >= 0xd0 && b[i+1] <= 0xd7)) {
			if b[i] == 0xff {
				i++
			}
			i++
		}
	}
	return progressive, -1
}

// endsCleanly reports whether nothing follows the image's end: the IEND chunk of a PNG,
// the EOI marker of a JPEG. rest is the reader the decoder consumed. Data after the end
// (another file appended, a motion photo's video) is refused: it is not the document.
func endsCleanly(ct string, content []byte, rest *bytes.Reader) bool {
	if ct == ContentPNG {
		// png.Decode stops right after the IEND chunk (length, type, CRC).
		return rest.Len() == 0 && bytes.HasSuffix(content, []byte("IEND\xae\x42\x60\x82"))
	}
	// image/jpeg reads ahead through a buffer, so the end comes from the marker walk.
	_, end := jpegLayout(content)
	return end > 0 && end == len(content)
}
