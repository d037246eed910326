package sdn

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// PublishedHeader starts the comment line of a plain list that gives its publication
// date: "# published: 2025-11-19".
const PublishedHeader = "# published:"

// parsePlain reads one address per line (0x + 40 hex, any case). Blank lines and lines
// starting with '#' are skipped; "# published: YYYY-MM-DD" gives the date. Any other
// line is an error naming its number: a file of another asset's addresses (or an HTML
// error page) must not pass for an empty list.
func parsePlain(r io.Reader) (*List, error) {
	l := &List{addrs: map[common.Address]struct{}{}, Format: "plain"}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 256), maxText)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if rest, ok := bytes.CutPrefix(line, []byte(PublishedHeader)); ok {
			d, err := time.Parse(time.DateOnly, string(bytes.TrimSpace(rest)))
			if err != nil {
				return nil, fmt.Errorf("sdn: line %d: want %s YYYY-MM-DD", n, PublishedHeader)
			}
			l.Date, l.DateFrom = d, FromHeader
			continue
		}
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		a, ok := evm(line)
		if !ok {
			return nil, fmt.Errorf("sdn: line %d is not an EVM address (0x and 40 hex digits)", n)
		}
		l.addrs[a] = struct{}{}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("sdn: plain list: %w", err)
	}
	return l, nil
}

// WritePlain writes l as a plain list that Parse reads back: comment lines (each
// prefixed with "# "), the "# published:" line when l has a date, then one checksummed
// address per line, sorted by bytes.
func WritePlain(w io.Writer, l *List, comments ...string) error {
	bw := bufio.NewWriter(w)
	for _, c := range comments {
		fmt.Fprintf(bw, "# %s\n", c)
	}
	if !l.Date.IsZero() {
		fmt.Fprintf(bw, "%s %s\n", PublishedHeader, l.Date.Format(time.DateOnly))
	}
	for _, a := range l.Addresses() {
		fmt.Fprintln(bw, a.Hex())
	}
	return bw.Flush()
}
