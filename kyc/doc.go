// Package kyc is the verification lifecycle: opening verifications for wallet holders
// (Web3 mode) and for tenants' own customers (regular mode), the state machine every
// provider's statuses map onto, the provider interface and its registry, what an approval
// or its reversal does to the subject, sharing results with tenants, and the tenants'
// gating decisions.
//
// # States
//
//	created → in_progress → in_review → approved | rejected | resubmission_requested | expired
//	resubmission_requested → in_progress
//	approved → revoked
//
// Providers may skip ahead (an external provider can report approved for a verification
// the gateway still sees as created), never back. Every change runs through
// Service.Apply: one transaction that compare-and-swaps the status, writes the audit log,
// and applies the change's effect on the subject. A refused transition changes nothing
// and is audited too. Transactions that touch a subject and its verifications lock the
// subject's row first, then the verifications' rows, so they never deadlock each other.
//
// # Providers
//
// A provider is modelled on dex's connectors: the base interface (Provider) only opens a
// session; capabilities (Router for providers that serve their own endpoints, such as the
// built-in manual provider in kyc/manual; WebhookVerifier and Fetcher for external
// providers) are separate interfaces found by type assertion. Each provider package
// exports a Config whose Open validates it and returns the provider; a Registry maps
// provider types to their Configs.
//
// # Personal data
//
// Provider data (kyc/manual keeps the personal details there) is sealed with pii before
// it is stored: a storage.Verification handed to or received from a provider through this
// package always carries its Data in plaintext, and the Service seals and opens it at the
// store. The subject keeps only what attestations and gating need: level, country, an
// over-18 flag and the sealed date of birth.
package kyc
