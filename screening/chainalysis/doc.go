// Package chainalysis holds two wallet-screening sources from Chainalysis' free sanctions
// screening, sharing the variables KYCGATE_CHAINALYSIS_*:
//
//   - chainalysis-oracle: the sanctions oracle contract, isSanctioned(address) (selector
//     0xdf592f7d) by eth_call on the wallet's chain, through the gateway's chain clients
//     (KYCGATE_RPC_URLS). Default oracles: 0x40C57923924B5c5c5455c48D93317139ADDaC8fb on
//     Ethereum (1), Optimism (10), BNB Chain (56), Polygon (137), Arbitrum (42161) and
//     Avalanche (43114); 0x3A91A31cB3dC49b4db9Ce721F50a9D076c8D739B on Base (8453);
//     KYCGATE_CHAINALYSIS_ORACLES overrides or adds some ("1=0x…,8453=0x…"). A chain
//     without an oracle or a client is an error, never clear. The oracle can lag OFAC's
//     publications.
//   - chainalysis-api: the sanctions API, GET {KYCGATE_CHAINALYSIS_API_URL}/api/v1/address/
//     {address} with X-API-Key (KYCGATE_CHAINALYSIS_API_KEY); a non-empty
//     "identifications" array means sanctioned. Its rate limits are not documented:
//     KYCGATE_CHAINALYSIS_RATE_PER_SECOND (default 5) paces the calls.
//
// Both answer only sanctioned (RiskSevere) or clear (RiskNone). The package imports the
// screening contract and nothing else of the gateway; it never imports the contracts
// bindings (the call is ABI-packed here).
package chainalysis
