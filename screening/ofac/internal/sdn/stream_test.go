package sdn_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/screening/ofac/internal/sdn"
)

// bigExport is an SDN advanced export of parties parties generated as it is read, never
// held whole: each party has a long comment and a Bitcoin address, and every evmEvery-th
// party an EVM address under "- ETH" too.
type bigExport struct {
	parties, evmEvery, next int
	buf                     bytes.Buffer
	done                    bool
	size                    int64
}

const bigHead = `<?xml version="1.0" encoding="utf-8"?>
<Sanctions xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML">
<DateOfIssue><Year>2026</Year><Month>11</Month><Day>27</Day></DateOfIssue>
<ReferenceValueSets><FeatureTypeValues>
<FeatureType ID="344">Digital Currency Address - XBT</FeatureType>
<FeatureType ID="345">Digital Currency Address - ETH</FeatureType>
</FeatureTypeValues></ReferenceValueSets>
<DistinctParties>
`

var bigComment = bytes.Repeat([]byte("A sanctioned party, described at length. "), 5)

func newBigExport(parties, evmEvery int) *bigExport {
	e := &bigExport{parties: parties, evmEvery: evmEvery}
	e.buf.WriteString(bigHead)
	return e
}

// evmOf is the EVM address of party i.
func evmOf(i int) common.Address {
	var a common.Address
	a[0] = 0xab
	binary.BigEndian.PutUint64(a[12:], uint64(i))
	return a
}

func (e *bigExport) Read(p []byte) (int, error) {
	for e.buf.Len() < len(p) && !e.done {
		if e.next == e.parties {
			e.buf.WriteString("</DistinctParties>\n</Sanctions>\n")
			e.done = true
			break
		}
		i := e.next
		e.next++
		fmt.Fprintf(&e.buf, `<DistinctParty FixedRef="%d"><Comment>%s</Comment><Profile ID="%d">`, i, bigComment, i)
		fmt.Fprintf(&e.buf, `<Feature ID="%d" FeatureTypeID="344"><FeatureVersion ID="%d"><VersionDetail DetailTypeID="1432">1BoatSLRHtKNngkdXEeobR76b53LETtpyT%d</VersionDetail></FeatureVersion></Feature>`, 2*i, 2*i, i%10)
		if e.evmEvery > 0 && i%e.evmEvery == 0 {
			fmt.Fprintf(&e.buf, `<Feature ID="%d" FeatureTypeID="345"><FeatureVersion ID="%d"><VersionDetail DetailTypeID="1432">%s</VersionDetail></FeatureVersion></Feature>`, 2*i+1, 2*i+1, evmOf(i).Hex())
		}
		e.buf.WriteString("</Profile></DistinctParty>\n")
	}
	n, err := e.buf.Read(p)
	e.size += int64(n)
	if err == io.EOF && !e.done {
		err = nil
	}
	return n, err
}

// peakHeap reads r through, sampling the live heap every MiB, and returns the highest
// HeapAlloc seen.
type peakHeap struct {
	r      io.Reader
	read   int64
	peak   uint64
	sample int64
}

func (p *peakHeap) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.read += int64(n)
	if p.read-p.sample >= 1<<20 {
		p.sample = p.read
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		p.peak = max(p.peak, ms.HeapAlloc)
	}
	return n, err
}

// TestParseStreamsInBoundedMemory parses a 29 MB export generated as it is read and
// checks that the heap never held more than a third of it: the parser keeps the
// addresses, not the document. Not parallel, so that no other test's garbage is counted.
func TestParseStreamsInBoundedMemory(t *testing.T) {
	const parties, evmEvery = 60_000, 100
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	doc := newBigExport(parties, evmEvery)
	probe := &peakHeap{r: doc}
	l, err := sdn.Parse(probe)
	require.NoError(t, err)

	require.Greater(t, doc.size, int64(24<<20), "the document is large")
	require.Equal(t, parties/evmEvery, l.Len())
	require.True(t, l.Contains(evmOf(evmEvery*7)))
	require.False(t, l.Contains(evmOf(evmEvery*7+1)))
	grown := int64(probe.peak) - int64(before.HeapAlloc)
	t.Logf("document %d bytes, heap grew by at most %d bytes", doc.size, grown)
	require.Less(t, grown, int64(8<<20), "the heap grew by %d bytes while parsing %d bytes", grown, doc.size)
}

// BenchmarkParseXML: the streamed parse of a generated export (about 4 MB), in MB/s.
func BenchmarkParseXML(b *testing.B) {
	size := int64(0)
	for b.Loop() {
		doc := newBigExport(10_000, 100)
		if _, err := sdn.Parse(doc); err != nil {
			b.Fatal(err)
		}
		size = doc.size
	}
	b.SetBytes(size)
}
