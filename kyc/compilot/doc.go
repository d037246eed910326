// Package compilot is the ComPilot KYC provider adapter (KYCGATE_PROVIDERS=compilot,
// settings KYCGATE_COMPILOT_*). It is a leaf: it imports the provider contract
// (kyc/provider), conf and fault and nothing else of the gateway.
//
// Every API call carries Authorization: Bearer <API key>. Start opens a regular-mode
// session (POST /auth-session/session/create with the workflow and the verification's
// opaque id as externalCustomerId) and answers ComPilot's session token as the SDK token;
// the provider reference is that opaque id, so ComPilot's webhooks, which name the
// customer by it, find the verification. StartForWallet (provider.WalletStarter) opens a
// Web3-mode session: a wallet challenge for the signed-in wallet and chain, answered as
// the session's Challenge for the browser to sign and verify at ComPilot; the wallet is
// kept in the provider data. VerifyWebhook checks Svix's signature with the Standard
// Webhooks library; Fetch reads GET /customers/{id}, refuses (permanently) a Web3-mode
// customer whose wallets do not include the starting wallet, and maps the customer's
// status onto the gateway's states.
//
// Package compilottest is a fake ComPilot for tests.
package compilot
