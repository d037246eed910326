package sumsub

import "github.com/kycgate/kycgate/kyc/provider"

// Alpha2 returns the ISO 3166-1 alpha-2 code of an alpha-3 code (Sumsub's countries), and
// whether the code is an assigned one. Case is ignored.
func Alpha2(code string) (string, bool) { return provider.Alpha2(code) }

// Alpha3 returns the ISO 3166-1 alpha-3 code of an alpha-2 code (the gateway's countries),
// as Sumsub wants them in documents and personal details. Case is ignored.
func Alpha3(code string) (string, bool) { return provider.Alpha3(code) }
