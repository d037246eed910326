// Package sdn reads OFAC's SDN list into a set of EVM addresses: the SDN advanced XML
// export, streamed token by token, and a plain one-address-per-line file (the form
// 0xB10C/ofac-sanctioned-digital-currency-addresses publishes and the embedded snapshot
// uses). It is shared by the ofac adapter and the snapshot generator, so that the snapshot
// is made by the very parser that reads downloads.
package sdn

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// DateFrom says where a List's Date comes from.
type DateFrom string

// Where a list's date comes from, best first.
const (
	// FromDateOfIssue: the XML export's Sanctions/DateOfIssue (Year, Month, Day).
	FromDateOfIssue DateFrom = "DateOfIssue"
	// FromHeader: a plain file's "# published: YYYY-MM-DD" line (the embedded snapshot).
	FromHeader DateFrom = "header"
	// FromLastModified: the download's Last-Modified header.
	FromLastModified DateFrom = "Last-Modified"
	// FromFileTime: the file's modification time.
	FromFileTime DateFrom = "file time"
	// FromFetchTime: when the list was fetched (nothing better was known).
	FromFetchTime DateFrom = "fetch time"
)

// List is one version of the SDN list: the EVM-shaped digital currency addresses it names,
// its publication date and the SHA-256 of the bytes it was read from. A List is not
// changed after it is built, so it is safe for concurrent readers.
type List struct {
	addrs map[common.Address]struct{}
	// Date is the list's publication date (UTC; zero when the input named none: the
	// caller fills it from Last-Modified, the file's time or the fetch time).
	Date time.Time
	// DateFrom says where Date comes from ("" while Date is zero).
	DateFrom DateFrom
	// SHA256 is the hex SHA-256 of every byte read, the export's own hash when read whole.
	SHA256 string
	// Format is "xml" or "plain".
	Format string
	// Assets counts, for an XML export, the EVM-shaped values found per asset (the X of
	// "Digital Currency Address - X"), duplicates included; nil for a plain list.
	Assets map[string]int
}

// Contains reports whether a is on the list: one map lookup of the 20 bytes.
func (l *List) Contains(a common.Address) bool {
	_, ok := l.addrs[a]
	return ok
}

// Len is the number of distinct addresses on the list.
func (l *List) Len() int { return len(l.addrs) }

// Addresses lists the addresses, sorted by their bytes.
func (l *List) Addresses() []common.Address {
	out := make([]common.Address, 0, len(l.addrs))
	for a := range l.addrs {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b common.Address) int { return bytes.Compare(a[:], b[:]) })
	return out
}

// ErrEmpty is returned for an input that names no EVM address: never a list to screen
// against (a download that answered an error page, a wrong file).
var ErrEmpty = errors.New("sdn: the list names no EVM address")

// Parse reads a list in either format, told apart by its first byte after blanks and a
// byte-order mark: '<' is the XML export, anything else a plain list. The SHA-256 covers
// every byte of r (read to its end).
func Parse(r io.Reader) (*List, error) {
	h := sha256.New()
	br := bufio.NewReaderSize(io.TeeReader(r, h), 64<<10)
	first, err := firstByte(br)
	if err != nil {
		return nil, err
	}
	var l *List
	if first == '<' {
		l, err = parseXML(br)
	} else {
		l, err = parsePlain(br)
	}
	if err != nil {
		return nil, err
	}
	if _, err := io.Copy(io.Discard, br); err != nil {
		return nil, fmt.Errorf("sdn: read: %w", err)
	}
	l.SHA256 = hex.EncodeToString(h.Sum(nil))
	if len(l.addrs) == 0 {
		return nil, ErrEmpty
	}
	return l, nil
}

// firstByte peeks past a UTF-8 byte-order mark and blanks to the first significant byte.
func firstByte(br *bufio.Reader) (byte, error) {
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = br.Discard(3)
	}
	for {
		b, err := br.ReadByte()
		if errors.Is(err, io.EOF) {
			return 0, ErrEmpty
		}
		if err != nil {
			return 0, fmt.Errorf("sdn: read: %w", err)
		}
		if b != ' ' && b != '\t' && b != '\r' && b != '\n' {
			return b, br.UnreadByte()
		}
	}
}

// evm parses s if it is shaped like an EVM address: "0x" (or "0X") and 40 hex digits,
// any case, nothing else.
func evm(s []byte) (common.Address, bool) {
	var a common.Address
	if len(s) != 42 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') {
		return a, false
	}
	if _, err := hex.Decode(a[:], s[2:]); err != nil {
		return a, false
	}
	return a, true
}
