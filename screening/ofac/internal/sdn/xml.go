package sdn

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// DigitalCurrencyPrefix starts the name of every feature type that holds a digital
// currency address in the SDN advanced export ("Digital Currency Address - ETH", "… - USDT").
const DigitalCurrencyPrefix = "Digital Currency Address - "

const (
	// maxDepth bounds the element nesting kept on the stack (the export nests about 8 deep).
	maxDepth = 64
	// maxText bounds the text kept of one element of interest (an address, a feature
	// type's name, a date part); longer text is not an address and is dropped.
	maxText = 1024
)

// xmlParser walks the export's tokens. Elements are matched by local name only, so a
// change of namespace (as on 2024-05-07) or of prefix does not matter. It keeps the
// element stack, the digital-currency feature types, the EVM-shaped values seen under
// each feature type and the text of the element being read: memory is bounded by the
// largest single token plus the addresses found, not by the document.
type xmlParser struct {
	stack []string
	// dca maps the ID of each "Digital Currency Address - X" feature type to X.
	dca map[string]string
	// found maps a feature type ID to the EVM-shaped values under features of that type,
	// kept until the end because the type table may come after the parties.
	found map[string][]common.Address
	// feature is the FeatureTypeID of the Feature being read ("" outside one).
	feature string
	// typeID is the ID of the FeatureType being read.
	typeID  string
	text    []byte
	reading bool
	date    [3]int
}

// parseXML streams the SDN advanced XML: ReferenceValueSets/FeatureTypeValues/
// FeatureType[@ID] whose text starts with "Digital Currency Address - " names the
// feature types, and DistinctParties/…/Profile/Feature[@FeatureTypeID]/FeatureVersion/
// VersionDetail holds a value; every value of such a type shaped 0x + 40 hex is taken,
// whatever the asset. The date is Sanctions/DateOfIssue (Year, Month, Day).
func parseXML(r io.Reader) (*List, error) {
	d := xml.NewDecoder(r)
	p := &xmlParser{dca: map[string]string{}, found: map[string][]common.Address{}}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("sdn: XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := p.start(t); err != nil {
				return nil, err
			}
		case xml.EndElement:
			p.end()
		case xml.CharData:
			if p.reading && len(p.text)+len(t) <= maxText {
				p.text = append(p.text, t...)
			} else if p.reading {
				p.reading, p.text = false, p.text[:0]
			}
		}
	}
	return p.list()
}

func attr(t xml.StartElement, local string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func (p *xmlParser) parent() string {
	if len(p.stack) == 0 {
		return ""
	}
	return p.stack[len(p.stack)-1]
}

func (p *xmlParser) start(t xml.StartElement) error {
	if len(p.stack) >= maxDepth {
		return fmt.Errorf("sdn: XML nested deeper than %d elements", maxDepth)
	}
	name := t.Name.Local
	switch {
	case name == "FeatureType" && p.parent() == "FeatureTypeValues":
		p.reading = true
		p.typeID, _ = attr(t, "ID")
	case name == "Feature":
		p.feature, _ = attr(t, "FeatureTypeID")
	case name == "VersionDetail" && p.feature != "":
		p.reading = true
	case (name == "Year" || name == "Month" || name == "Day") && len(p.stack) == 2 && p.parent() == "DateOfIssue":
		p.reading = true
	}
	if p.reading {
		p.text = p.text[:0]
	}
	p.stack = append(p.stack, name)
	return nil
}

func (p *xmlParser) end() {
	if len(p.stack) == 0 {
		return
	}
	name := p.stack[len(p.stack)-1]
	p.stack = p.stack[:len(p.stack)-1]
	if name == "Feature" {
		p.feature = ""
	}
	if !p.reading {
		return
	}
	p.reading = false
	text := strings.TrimSpace(string(p.text))
	switch name {
	case "FeatureType":
		if asset, ok := strings.CutPrefix(text, DigitalCurrencyPrefix); ok && p.typeID != "" {
			p.dca[p.typeID] = strings.TrimSpace(asset)
		}
	case "VersionDetail":
		if a, ok := evm([]byte(text)); ok {
			p.found[p.feature] = append(p.found[p.feature], a)
		}
	case "Year", "Month", "Day":
		n, err := strconv.Atoi(text)
		if err == nil && n > 0 {
			p.date[map[string]int{"Year": 0, "Month": 1, "Day": 2}[name]] = n
		}
	}
}

// list keeps the values found under digital-currency feature types.
func (p *xmlParser) list() (*List, error) {
	if len(p.stack) != 0 {
		return nil, errors.New("sdn: XML ends inside an element")
	}
	if len(p.dca) == 0 {
		return nil, errors.New("sdn: no \"Digital Currency Address - *\" feature type: not an SDN advanced export")
	}
	l := &List{addrs: map[common.Address]struct{}{}, Format: "xml", Assets: map[string]int{}}
	for id, addrs := range p.found {
		asset, ok := p.dca[id]
		if !ok {
			continue
		}
		for _, a := range addrs {
			l.addrs[a] = struct{}{}
		}
		l.Assets[asset] += len(addrs)
	}
	y, m, d := p.date[0], p.date[1], p.date[2]
	if y >= 2000 && m >= 1 && m <= 12 && d >= 1 && d <= 31 {
		l.Date, l.DateFrom = time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), FromDateOfIssue
	}
	return l, nil
}
