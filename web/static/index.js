"use strict";
(function () {
  const kyc = new KYCGate();
  const $ = (id) => document.getElementById(id);
  const fail = (e) => { $("error").textContent = e.code ? e.code + ": " + e.message : String(e.message || e); };

  async function showAccount() {
    const me = await kyc.me();
    $("signin-section").hidden = true;
    $("account").hidden = false;
    $("address").textContent = me.session.address;
    const v = me.verification;
    $("verification-status").textContent = v ? v.status : "none";
    const cfg = await kyc.configuration();
    $("chain").innerHTML = "";
    for (const c of cfg.chains) {
      const opt = document.createElement("option");
      opt.value = c.chainId;
      opt.textContent = "chain " + c.chainId;
      $("chain").appendChild(opt);
    }
  }

  $("signin").addEventListener("click", async () => {
    $("error").textContent = "";
    if (!window.ethereum) { fail(new Error("no wallet found in this browser")); return; }
    $("signin").disabled = true;
    $("signin-status").textContent = "Waiting for your wallet…";
    try {
      await kyc.signIn(window.ethereum);
      $("signin-status").textContent = "";
      await showAccount();
    } catch (e) { fail(e); $("signin-status").textContent = ""; }
    $("signin").disabled = false;
  });

  $("verify").addEventListener("click", async () => {
    try {
      const v = await kyc.startVerification({});
      if (v.reused) { $("verification-status").textContent = v.status + " (reused)"; return; }
      if (v.next === "sdk") {
        // An external provider's embedded SDK: the page that hosts it takes the token.
        window.dispatchEvent(new CustomEvent("kycgate:sdk",
          { detail: { provider: v.provider, sdkToken: v.sdkToken, verificationId: v.id } }));
        $("verification-status").textContent = "Continue in " + v.provider + "'s verification window.";
        return;
      }
      if (v.url) window.location.assign(v.url);
    } catch (e) { fail(e); }
  });

  $("attest").addEventListener("click", async () => {
    try {
      const a = await kyc.attest(parseInt($("chain").value, 10));
      $("attestation").textContent = "UID " + a.uid + "\nexpires " + a.expiresAt + "\n" + a.url;
    } catch (e) { fail(e); }
  });

  $("logout").addEventListener("click", async () => {
    try { await kyc.logout(); } catch (e) { /* the session may be gone already */ }
    window.location.reload();
  });

  kyc.me().then(showAccount, () => {});
})();
