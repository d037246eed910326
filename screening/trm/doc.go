// Package trm is the wallet-screening source "trm": TRM Labs, in one of two modes
// (KYCGATE_TRM_MODE):
//
//   - sanctions (default): the free sanctions check, POST /public/v1/sanctions/screening
//     with [{"address"}] (several addresses per call: the source is a
//     source.BatchScreener, chunked to KYCGATE_TRM_BATCH_SIZE), answered 201 with
//     [{"address","isSanctioned"}]. Without a key TRM allows 1 request/s and 100/day; with
//     one (HTTP Basic auth, the key as user name) 1,000/s and 100,000/day.
//   - risk: wallet screening v2, POST /public/v2/screening/addresses with HTTP Basic auth
//     (the key as user name and an empty password: PROVIDERS.md notes that integrations
//     differ on the password) and [{"address","chain","accountExternalId"}]. The highest
//     categoryRiskScoreLevel of the address's addressRiskIndicators is the risk level (TRM's
//     scale is the gateway's: 0, 1, 5, 10, 15), their categories the result's. The address
//     is sanctioned only when it is itself a sanctioned entity: a "Sanctions" indicator of
//     riskType OWNERSHIP or a "Sanctions" entity. Exposure to sanctioned counterparties
//     (COUNTERPARTY, INDIRECT) is flagged at its level, not sanctioned.
//
// Chains map to TRM's chain names (KYCGATE_TRM_CHAINS adds or overrides "chainId=name"
// pairs). 429 honours Retry-After (source.API); calls are paced by
// KYCGATE_TRM_RATE_PER_SECOND (default: 1 without a key, as TRM's free tier; 1000 with one).
package trm
