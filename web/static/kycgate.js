// kycgate.js: the gateway's browser SDK. No dependencies, no build step.
//
//   const kyc = new KYCGate({ baseUrl: "https://kyc.example.com" }); // default: this origin
//   // With ComPilot in Web3 mode, also: compilotUrl (ComPilot's API origin, default
//   // https://api.compilot.ai) and, when signIn is not used, wallet (an EIP-1193 provider).
//   await kyc.signIn(window.ethereum);      // SIWE: nonce → personal_sign → session cookie
//   await kyc.me();                          // subject, wallets, verification, attestations
//   await kyc.startVerification({ tenantId, level }); // { id, provider, next, sdkToken, url, … }
//   await kyc.attest(8453);                  // EAS offchain attestation: { uid, package, url }
//
// Every method returns the parsed JSON body or throws a KYCGateError with the gateway's
// error code, message and request id.
(function (global) {
  "use strict";

  class KYCGateError extends Error {
    constructor(status, body) {
      const e = (body && body.error) || {};
      super(e.message || "request failed with status " + status);
      this.name = "KYCGateError";
      this.status = status;
      this.code = e.code || "http_" + status;
      this.requestId = e.requestId || "";
    }
  }

  function utf8Hex(text) {
    const bytes = new TextEncoder().encode(text);
    let hex = "0x";
    for (const b of bytes) hex += b.toString(16).padStart(2, "0");
    return hex;
  }

  class KYCGate {
    constructor(opts) {
      opts = opts || {};
      this.baseUrl = (opts.baseUrl || global.location.origin).replace(/\/$/, "");
      this.token = opts.token || "";
      this.compilotUrl = (opts.compilotUrl || "https://api.compilot.ai").replace(/\/$/, "");
      this.wallet = opts.wallet || null;
    }

    async request(method, path, body, init) {
      const headers = {};
      if (this.token) headers["Authorization"] = "Bearer " + this.token;
      // The session cookie is for the gateway's own pages; other origins use the token.
      const req = Object.assign({ method, headers, credentials: "same-origin" }, init || {});
      if (body instanceof FormData) {
        req.body = body;
      } else if (body !== undefined) {
        headers["Content-Type"] = "application/json";
        req.body = JSON.stringify(body);
      }
      const res = await fetch(this.baseUrl + path, req);
      const text = await res.text();
      const parsed = text ? JSON.parse(text) : null;
      if (!res.ok) throw new KYCGateError(res.status, parsed);
      return parsed;
    }

    // signIn runs Sign-In with Ethereum with an EIP-1193 provider (window.ethereum).
    async signIn(provider) {
      const accounts = await provider.request({ method: "eth_requestAccounts" });
      if (!accounts || !accounts.length) throw new Error("the wallet shared no account");
      const address = accounts[0];
      const chainId = parseInt(await provider.request({ method: "eth_chainId" }), 16);
      const prepared = await this.request("POST", "/v1/auth/nonce", { address, chainId });
      const signature = await provider.request({
        method: "personal_sign",
        params: [utf8Hex(prepared.message), address],
      });
      const session = await this.request("POST", "/v1/auth/siwe", { message: prepared.message, signature });
      this.token = session.token;
      this.wallet = provider;
      this.address = address;
      this.chainId = chainId;
      return session;
    }

    // compilotToken completes ComPilot's Web3 sign-in for a challenge a start answered:
    // the wallet signs it (personal_sign) and ComPilot's public verify endpoint answers
    // the session token that opens ComPilot's widget.
    async compilotToken(challenge) {
      const wallet = this.wallet;
      if (!wallet) throw new Error("ComPilot's challenge needs the wallet: sign in first, or pass { wallet }");
      const address = this.address || (await wallet.request({ method: "eth_accounts" }))[0];
      const chainId = this.chainId || parseInt(await wallet.request({ method: "eth_chainId" }), 16);
      const signature = await wallet.request({ method: "personal_sign", params: [utf8Hex(challenge), address] });
      const res = await fetch(this.compilotUrl + "/public/auth-session/wallet/challenge/verify", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ address, namespace: "eip155", blockchainId: String(chainId), message: challenge, signature }),
      });
      const text = await res.text();
      const parsed = text ? JSON.parse(text) : null;
      if (!res.ok || !parsed || !parsed.token) throw new KYCGateError(res.status, { error: { code: "compilot_verify_failed",
        message: "ComPilot refused the wallet's signature (HTTP " + res.status + ")" } });
      return parsed.token;
    }

    me() { return this.request("GET", "/v1/me"); }
    logout() { return this.request("POST", "/v1/auth/logout"); }
    // startVerification opens (or resumes) a verification and says how the user goes on
    // with its provider (`provider`): `sdkToken` for the provider's embedded SDK (an
    // external provider such as Sumsub's WebSDK), `url` for a page to open (the gateway's
    // hosted flow, or the provider's). `next` sums it up: "sdk", "redirect" or "none"
    // (an approval reused, nothing to do). When the start answers a `challenge` (ComPilot
    // in Web3 mode), the wallet signs it and ComPilot's token becomes `sdkToken`.
    async startVerification(opts) {
      const v = await this.request("POST", "/v1/kyc/verifications", opts || {});
      v.provider = v.provider || "";
      v.sdkToken = v.sdkToken || "";
      if (v.challenge && !v.sdkToken) v.sdkToken = await this.compilotToken(v.challenge);
      v.url = v.url || "";
      v.next = v.sdkToken ? "sdk" : v.url ? "redirect" : "none";
      return v;
    }
    verification(id) { return this.request("GET", "/v1/kyc/verifications/" + encodeURIComponent(id)); }
    attest(chainId) { return this.request("POST", "/v1/attestations", { chainId }); }
    attestation(uid) { return this.request("GET", "/v1/attestations/" + encodeURIComponent(uid)); }
    verifyAttestation(pkg) { return this.request("POST", "/v1/attestations/verify", { package: pkg }); }
    configuration() { return this.request("GET", "/.well-known/kycgate-configuration"); }

    // flow returns the hosted manual-review flow of a flow token.
    flow(token) { return new KYCGateFlow(this, token); }
  }

  // KYCGateFlow drives the built-in provider's steps for one flow token.
  class KYCGateFlow {
    constructor(client, token) {
      this.client = client;
      this.path = "/v1/flow/" + encodeURIComponent(token);
    }
    status() { return this.client.request("GET", this.path); }
    personalDetails(details) { return this.client.request("PUT", this.path + "/personal_details", details); }
    uploadDocument(type, side, file) {
      const form = new FormData();
      form.append("type", type);
      form.append("side", side);
      form.append("file", file);
      return this.client.request("POST", this.path + "/documents", form);
    }
    uploadSelfie(file) {
      const form = new FormData();
      form.append("file", file);
      return this.client.request("POST", this.path + "/selfie", form);
    }
    submit() { return this.client.request("POST", this.path + "/submit"); }
  }

  global.KYCGate = KYCGate;
  global.KYCGateError = KYCGateError;
})(typeof window !== "undefined" ? window : globalThis);
