// Package gate turns what the gateway knows about a person into a tenant's decision:
// allow, review or deny, with reasons, under the tenant's rules (minimum KYC level,
// blocked countries, minimum age). Its inputs arrive through small interfaces (KYC, from
// the verification lifecycle; wallet and person screening later), so the features that
// feed it never import each other.
//
// A tenant is judged under the snapshot of its rules taken when the subject was shared
// with it (Share), never its current rules: changing rules and looking a wallet up again
// cannot narrow down a holder's country or age (see SharedRules).
package gate
