// Package compilot is the ComPilot KYC provider adapter (KYCGATE_PROVIDERS=compilot,
// settings KYCGATE_COMPILOT_*). It is a leaf: it imports the provider contract
// (kyc/provider), conf and fault and nothing else of the gateway.
//
// Every API call carries Authorization: Bearer <API key>. Start opens a regular-mode
// session (POST /auth-session/session/create with the workflow and the verification's
// opaque id as externalCustomerId) and answers ComPilot's session token as the SDK token;
// the provider reference is that opaque id, so ComPilot's webhooks, which name the
// customer by it, find the verification. Web3-mode sessions (a wallet challenge) are not
// built: Start refuses them with compilot_web3_not_built. VerifyWebhook checks Svix's
// signature with the Standard Webhooks library; Fetch reads GET /customers/{id} and maps
// the customer's status onto the gateway's states.
//
// Package compilottest is a fake ComPilot for tests.
package compilot
