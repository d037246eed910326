package manual

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"regexp"
	"strconv"
)

// The PDF page count is read without a PDF library: a document upload must be cheap to
// check and nothing in it is rendered by the gateway. What cannot be counted cheaply is
// refused (errPDFComplex) rather than guessed: objects hidden behind filters other than
// Flate, an indirect /Type or /Count, more object streams than maxObjectStreams, or more
// inflated bytes than the file's budget (a decompression bomb).
var (
	// pageObject is a page object's type entry (/Type /Page, not /Pages).
	pageObject = regexp.MustCompile(`/Type\s*/Page[\s/>\]]`)
	// pageCount is the /Count entry of a page tree node.
	pageCount = regexp.MustCompile(`/Count\s+(\d{1,9})`)
	// indirectEntry is a /Type or /Count whose value is a reference (n g R): legal, but the
	// value is elsewhere, so the count cannot be read in place.
	indirectEntry = regexp.MustCompile(`/(?:Type|Count)\s+\d+\s+\d+\s+R`)
	// objectStream opens a compressed object stream's dictionary.
	objectStream = regexp.MustCompile(`/Type\s*/ObjStm`)
	// filterEntry names a stream's filters.
	filterEntry = regexp.MustCompile(`/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)`)
)

// maxObjectStreams is the most compressed object streams a document PDF may have (a
// scan or an export has a handful).
const maxObjectStreams = 64

// maxInflated bounds the bytes inflated from all object streams of one PDF: four times
// the file, at least 1 MiB (small files compress well), at most 16 MiB.
func maxInflated(size int) int { return min(max(4*size, 1<<20), 16<<20) }

// errPDFComplex refuses a PDF whose pages cannot be counted within the budget.
var errPDFComplex = errors.New("the PDF's structure cannot be checked")

// pdfPages counts a PDF's pages from its page objects and page-tree counts, looking
// inside compressed object streams too (PDF 1.5 hides objects there), with names
// decoded (#xx escapes, ISO 32000-1 §7.3.5). It stops once limit is reached (the caller
// only needs to know whether the bound is exceeded) and returns errPDFComplex for what
// it cannot count within its budget.
func pdfPages(content []byte, limit int) (int, error) {
	plain := decodeNames(content)
	if indirectEntry.Match(plain) {
		return 0, errPDFComplex
	}
	n := pagesIn(plain)
	streams := objectStream.FindAllIndex(plain, -1)
	if len(streams) > maxObjectStreams {
		return 0, errPDFComplex
	}
	budget := maxInflated(len(content))
	for _, loc := range streams {
		if n >= limit {
			break
		}
		dict := plain[loc[1]:]
		if end := bytes.Index(dict, []byte("stream")); end >= 0 {
			dict = dict[:end]
		}
		if f := filterEntry.FindSubmatch(dict); f == nil || !bytes.Equal(bytes.Trim(f[1], "[] \t\r\n"), []byte("/FlateDecode")) {
			return 0, errPDFComplex
		}
		inflated, err := inflateStream(plain[loc[1]:], budget)
		if err != nil {
			return 0, err
		}
		budget -= len(inflated)
		inner := decodeNames(inflated)
		if indirectEntry.Match(inner) {
			return 0, errPDFComplex
		}
		n = max(n, pagesIn(inner))
	}
	return n, nil
}

// pagesIn is the larger of the page objects and the largest /Count found in b.
func pagesIn(b []byte) int {
	n := len(pageObject.FindAllIndex(b, -1))
	for _, m := range pageCount.FindAllSubmatch(b, -1) {
		if c, err := strconv.Atoi(string(m[1])); err == nil {
			n = max(n, c)
		}
	}
	return n
}

// decodeNames returns b with the #xx escapes of its names decoded, so /P#61ge reads
// /Page; b itself is returned when it has none.
func decodeNames(b []byte) []byte {
	if !bytes.Contains(b, []byte("#")) {
		return b
	}
	out := make([]byte, 0, len(b))
	inName := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '/':
			inName = true
		case isPDFDelimiter(c):
			inName = false
		case inName && c == '#' && i+2 < len(b) && isHex(b[i+1]) && isHex(b[i+2]):
			v, _ := strconv.ParseUint(string(b[i+1:i+3]), 16, 8)
			out = append(out, byte(v))
			i += 2
			continue
		}
		out = append(out, c)
	}
	return out
}

// isPDFDelimiter reports whether c ends a name: white space or a delimiter character.
func isPDFDelimiter(c byte) bool {
	return bytes.IndexByte([]byte(" \t\r\n\f\x00()<>[]{}%"), c) >= 0
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// inflateStream returns the Flate-decoded content of the first stream in b (b starts
// inside the stream's dictionary). More than budget bytes is errPDFComplex; a stream
// that does not inflate yields nil.
func inflateStream(b []byte, budget int) ([]byte, error) {
	start := bytes.Index(b, []byte("stream"))
	if start < 0 {
		return nil, nil
	}
	data := b[start+len("stream"):]
	data = bytes.TrimPrefix(data, []byte("\r"))
	data = bytes.TrimPrefix(data, []byte("\n"))
	if end := bytes.Index(data, []byte("endstream")); end >= 0 {
		data = data[:end]
	}
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, nil
	}
	defer zr.Close()
	out, _ := io.ReadAll(io.LimitReader(zr, int64(max(budget, 0))+1))
	if len(out) > budget {
		return nil, errPDFComplex
	}
	return out, nil
}
