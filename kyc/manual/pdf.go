package manual

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
)

var (
	// pageObject is a page object's type entry (/Type /Page, not /Pages).
	pageObject = regexp.MustCompile(`/Type\s*/Page[\s/>\]]`)
	// pageCount is the /Count entry of a page tree node.
	pageCount = regexp.MustCompile(`/Count\s+(\d{1,9})`)
	// objectStream opens a compressed object stream's dictionary.
	objectStream = regexp.MustCompile(`/Type\s*/ObjStm`)
)

// pdfPages counts a PDF's pages from its page objects and page-tree counts, looking
// inside compressed object streams too (PDF 1.5 hides objects there). It stops counting
// once limit is reached: the caller only needs to know whether the bound is exceeded.
func pdfPages(content []byte, limit int) int {
	n := pagesIn(content)
	for _, loc := range objectStream.FindAllIndex(content, -1) {
		if n >= limit {
			break
		}
		n = max(n, pagesIn(inflateStream(content[loc[1]:], len(content))))
	}
	return n
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

// inflateStream returns the Flate-decoded content of the first stream in b (b starts
// inside the stream's dictionary), at most limit bytes; nil if it does not inflate.
func inflateStream(b []byte, limit int) []byte {
	start := bytes.Index(b, []byte("stream"))
	if start < 0 {
		return nil
	}
	data := b[start+len("stream"):]
	data = bytes.TrimPrefix(data, []byte("\r"))
	data = bytes.TrimPrefix(data, []byte("\n"))
	if end := bytes.Index(data, []byte("endstream")); end >= 0 {
		data = data[:end]
	}
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	defer zr.Close()
	out, _ := io.ReadAll(io.LimitReader(zr, int64(limit)))
	return out
}
