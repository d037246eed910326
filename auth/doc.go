// Package auth is the gateway's front door: Sign-In with Ethereum (EIP-4361 messages
// checked against the gateway's origin, chains and clock, signatures through package
// wallet), single-use nonces consumed in the transaction that opens the session, wallet
// sessions (bearer token or HttpOnly cookie), linked wallets, the hashed API keys of
// tenants, reviewers and operators with their gin middleware, and the console sessions
// reviewers and operators open in a browser with those keys (console.go, console_http.go).
//
// The files follow the flow: siwe.go checks messages, session.go runs sign-in, sessions
// and wallet linking on the store, apikey.go and keys_http.go handle API keys, http.go
// serves the wallet-facing endpoints.
package auth
