package manual

import "github.com/kycgate/kycgate/gate"

// IsCountry reports whether code is an assigned ISO 3166-1 alpha-2 code (upper case):
// the one list kyc keeps, which tenants' rules are checked against too.
func IsCountry(code string) bool { return gate.IsCountry(code) }
