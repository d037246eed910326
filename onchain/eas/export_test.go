package eas

// UnmarshalDecoded is Package.UnmarshalJSON without its one-pass form (ParseExact), for
// the tests that compare the two.
func UnmarshalDecoded(data []byte) (*Package, error) {
	p := new(Package)
	if err := p.unmarshalDecoded(data); err != nil {
		return nil, err
	}
	return p, nil
}
