// The attestation page (/offchain/url/#attestation=…): it sends the link to the gateway,
// which decodes and verifies the attestation, and shows the answer. The fragment never
// leaves the browser except in that request to this page's own origin.

const reasons = {
  malformed: "the link does not hold a readable attestation",
  unsupported_version: "the attestation's version is not supported",
  invalid_types: "the attestation's types are not the EAS ones",
  untrusted_chain: "the chain is not one this gateway attests on",
  domain_mismatch: "the EAS contract or version does not match the chain",
  uid_mismatch: "the UID does not match the attestation",
  invalid_signature_v: "the signature is malformed",
  malformed_signature: "the signature is malformed",
  malleable_signature: "the signature is malleable",
  signer_mismatch: "the signature is not the named signer's",
  untrusted_signer: "the signer is not one of this gateway's keys",
  wrong_schema: "the attestation is not a KYC attestation of this gateway",
  future_time: "the attestation is dated in the future",
  expired: "the attestation has expired",
  invalid_data: "the attestation's claims are malformed",
  revoked: "the attestation was revoked",
};

const $ = (id) => document.getElementById(id);

function set(id, value) {
  $(id).textContent = value === undefined || value === null ? "–" : String(value);
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() + " (" + iso + ")" : undefined;
}

function show(res) {
  if (res.valid) {
    $("verdict").textContent = "valid";
    $("verdict").className = "ok";
  } else {
    $("verdict").textContent = "not valid: " + res.reason;
    $("verdict").className = "error";
    $("reason").textContent = reasons[res.reason] || res.reason;
    $("reason").hidden = false;
  }
  if (!res.uid) return; // nothing could be read beyond the reason
  set("kycLevel", res.kycLevel);
  set("country", res.country);
  set("over18", res.over18 === undefined ? undefined : res.over18 ? "yes" : "no");
  set("walletRisk", res.walletRisk);
  set("recipient", res.recipient);
  set("signer", res.signer);
  set("chainId", res.chainId);
  set("issuedAt", when(res.issuedAt));
  set("expiresAt", res.expiresAt ? when(res.expiresAt) : "never");
  set("revokedAt", res.revokedAt ? when(res.revokedAt) : "no");
  set("uid", res.uid);
  $("details").hidden = false;
}

async function main() {
  if (!location.hash.startsWith("#attestation=")) {
    $("verdict").textContent = "no attestation";
    $("error").textContent = "This link carries no attestation: it should end in #attestation=…";
    return;
  }
  let res;
  try {
    const answer = await fetch("/v1/attestations/verify", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ package: location.href }),
      credentials: "omit",
    });
    const body = await answer.json();
    if (!answer.ok) {
      const err = body.error || {};
      $("verdict").textContent = "not valid: " + (err.code || answer.status);
      $("verdict").className = "error";
      $("error").textContent = err.message || "the gateway refused the request";
      return;
    }
    res = body;
  } catch (e) {
    $("verdict").textContent = "unknown";
    $("error").textContent = "The gateway could not be reached: " + e.message;
    return;
  }
  show(res);
}

window.addEventListener("hashchange", () => location.reload());
main();
