// Package didit is the Didit provider adapter (identity verification, API v3): it opens
// Didit's hosted verification sessions, verifies Didit's signed webhooks and fetches a
// session's decision, mapped onto the gateway's states. It is a leaf: it imports the
// provider contract (kyc/provider), conf and fault, and no HTTP framework or storage
// backend. Its fake is kyc/didit/diditest.
package didit
