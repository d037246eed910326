package manual

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"testing"
	"time"
)

// Issue 10 (from an outside review, uploads: PDF page bound). A PDF name may escape characters as
// #xx (ISO 32000-1 §7.3.5), so /Type/P#61ge is a page object the regexp does not count:
// a 50-page PDF passes the 10-page bound.
func TestPDFPageBoundReadsEscapedNames(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[")
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&b, "%d 0 R ", i+3)
	}
	b.WriteString("]/Count 1 0 R>>endobj\n") // an indirect /Count is legal too
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&b, "%d 0 obj<</Type/P#61ge/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n", i+3)
	}
	b.WriteString("trailer<</Root 1 0 R>>\n%%EOF\n")
	ct, err := Sniff(b.Bytes(), true)
	if err == nil {
		t.Errorf("FAULT: a 50-page PDF (pages typed /P#61ge) is accepted as %s; want too_many_pages", ct)
	}
}

// Issue 10 (from an outside review, uploads: decode within a budget): a PDF under the size bound
// made of many small zlib bombs (object streams inflating to 4 MiB each) is refused as
// too complex instead of being inflated stream after stream.
func TestPDFObjectStreamsInflateWithinABudget(t *testing.T) {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(make([]byte, 4<<20)) // 4 MiB of zeros
	zw.Close()
	bomb := z.Bytes()
	for _, streams := range []int{5, 200} { // within and beyond maxObjectStreams
		var b bytes.Buffer
		b.WriteString("%PDF-1.5\n")
		for n := range streams {
			fmt.Fprintf(&b, "%d 0 obj<</Type/ObjStm/N 1/First 0/Filter/FlateDecode/Length %d>>stream\n", n+1, len(bomb))
			b.Write(bomb)
			b.WriteString("\nendstream endobj\n")
		}
		b.WriteString("trailer<<>>\n%%EOF\n")
		_, err := pdfPages(b.Bytes(), 11)
		if !errors.Is(err, errPDFComplex) {
			t.Errorf("%d object streams inflating to 4 MiB each: err %v, want errPDFComplex", streams, err)
		}
	}
}

// Issue 10 (from an outside review, personal details: invisible characters). Was: freeText lets
// through characters that render as nothing although they are not Cf: HANGUL FILLER
// U+3164 (Lo), BRAILLE PATTERN BLANK U+2800 (So), and a name made only of combining
// marks (Mn). A name field may thus look empty or be spoofed in the reviewer's view.
func TestBlankRenderingNamesAreRefused(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	for _, name := range []string{"\u3164", "\u2800", "\u0301\u0301", "\u115f", "Ada\u3164"} {
		d := PersonalDetails{FirstName: name, LastName: "Lovelace", DateOfBirth: "1990-12-10", Country: "DE"}
		if _, err := validDetails(d, now); err == nil {
			t.Errorf("FAULT: firstName %+q (renders blank or as nothing) is accepted", name)
		}
	}
}
