// admin.js: the operators' page (/admin). Sign-in exchanges an operator key for a console
// session (POST /v1/console/session: an HttpOnly cookie and a CSRF token kept in memory
// only); the page then reads GET /v1/operator/tenants, GET /v1/operator/webhook/failures
// and /readyz, and replays a delivery with POST /v1/operator/webhook/deliveries/{id}/replay
// (header X-CSRF-Token).
//
// Stable element ids (browser tests rely on them):
//   #signin, #signin-form, #key, #signin-button      the sign-in form
//   #console                                         shown once signed in; in it
//     #who, #signout, #jobs-link
//     #ready-status, #sources (tbody tr[data-source])
//     #tenants (tbody tr[data-tenant])
//     #failure-status, #failures (tbody tr[data-delivery], button.replay[data-id]),
//     #failures-empty, #failures-more
//   #message, #error                                 outcome of the last action (role=status / role=alert)
//   document.body.dataset.view: "signin" once the sign-in form shows, "loading" while the
//   console reads its three tables, "console" once all three are drawn (or one failed:
//   #error says which), so a test waits for the whole console, not its fastest table.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  let csrf = "";
  let cursor = "";

  class APIError extends Error {
    constructor(status, body) {
      const e = (body && body.error) || {};
      super(e.message || "request failed with status " + status);
      this.status = status;
      this.code = e.code || "http_" + status;
    }
  }

  async function request(method, path, body) {
    const headers = {};
    const init = { method, headers, credentials: "same-origin" };
    if (method !== "GET" && csrf) headers["X-CSRF-Token"] = csrf;
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const res = await fetch(path, init);
    const text = await res.text();
    let parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch (_) { parsed = null; }
    if (!res.ok) throw new APIError(res.status, parsed);
    return parsed;
  }

  const say = (text) => { $("error").textContent = ""; $("message").textContent = text; };
  const fail = (e) => {
    $("message").textContent = "";
    $("error").textContent = e.code ? e.code + ": " + e.message : String(e.message || e);
    if (e.status === 401) showSignIn();
  };
  const when = (t) => (t ? new Date(t).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z") : "—");

  function cell(row, text, cls) {
    const td = document.createElement("td");
    td.textContent = text;
    if (cls) td.className = cls;
    row.appendChild(td);
    return td;
  }

  function showSignIn() {
    csrf = "";
    $("console").hidden = true;
    $("signin").hidden = false;
    document.body.dataset.view = "signin";
  }

  async function showConsole(session) {
    if (session.role !== "operator") {
      showSignIn();
      throw new Error("this session is a " + session.role + "'s: sign in with an operator key");
    }
    csrf = session.csrfToken;
    $("who").textContent = session.name;
    $("signin").hidden = true;
    $("console").hidden = false;
    document.body.dataset.view = "loading";
    try {
      await Promise.all([loadReadiness(), loadTenants(), loadFailures(false)]);
    } finally {
      if (csrf) document.body.dataset.view = "console"; // not after a sign-out meanwhile
    }
  }

  async function loadReadiness() {
    const body = $("sources").tBodies[0];
    body.innerHTML = "";
    let ready;
    try {
      ready = await request("GET", "/readyz");
      $("ready-status").textContent = ready.status;
    } catch (e) {
      $("ready-status").textContent = "not ready (" + e.code + ")";
      return;
    }
    for (const s of ready.screening || []) {
      const tr = document.createElement("tr");
      tr.dataset.source = s.source;
      cell(tr, s.source);
      cell(tr, s.ok ? "OK" : "degraded", s.ok ? "ok" : "error");
      cell(tr, s.listDate ? when(s.listDate) : "—");
      cell(tr, s.detail || "");
      body.appendChild(tr);
    }
  }

  async function loadTenants() {
    const out = await request("GET", "/v1/operator/tenants");
    const body = $("tenants").tBodies[0];
    body.innerHTML = "";
    for (const t of out.tenants) {
      const tr = document.createElement("tr");
      tr.dataset.tenant = t.id;
      cell(tr, t.name);
      cell(tr, t.id);
      cell(tr, t.webhook.enabled ? t.webhook.origin : "none");
      const c = t.webhook.circuit;
      cell(tr, c ? c.state.replace("_", "-") + (c.consecutiveFailures ? " (" + c.consecutiveFailures + " failures)" : "") +
        (c.openUntil ? " until " + when(c.openUntil) : "") : "—", c ? "circuit-" + c.state : "");
      body.appendChild(tr);
    }
  }

  function failureRow(f) {
    const tr = document.createElement("tr");
    tr.dataset.delivery = f.id;
    cell(tr, when(f.created));
    cell(tr, f.tenantName ? f.tenantName + " (" + f.tenantId + ")" : f.tenantId);
    const ev = cell(tr, f.type + " ");
    const code = document.createElement("code");
    code.textContent = f.id;
    ev.appendChild(code);
    cell(tr, f.state === "pending" ? "retrying" : f.state, "state");
    cell(tr, String(f.attempts));
    cell(tr, f.lastStatusCode ? "HTTP " + f.lastStatusCode : (f.lastError || "—"));
    cell(tr, f.nextAttempt ? when(f.nextAttempt) : (f.state === "pending" ? "queued" : "—"));
    const td = document.createElement("td");
    const b = document.createElement("button");
    b.type = "button";
    b.className = "replay small";
    b.dataset.id = f.id;
    b.textContent = "Replay";
    b.setAttribute("aria-label", "Replay " + f.type + " " + f.id + " to " + (f.tenantName || f.tenantId));
    b.disabled = f.state === "pending";
    td.appendChild(b);
    tr.appendChild(td);
    return tr;
  }

  async function loadFailures(more) {
    const q = new URLSearchParams({ limit: "50" });
    if ($("failure-status").value) q.set("status", $("failure-status").value);
    if (more && cursor) q.set("cursor", cursor);
    const page = await request("GET", "/v1/operator/webhook/failures?" + q.toString());
    const body = $("failures").tBodies[0];
    if (!more) body.innerHTML = "";
    for (const f of page.failures) body.appendChild(failureRow(f));
    cursor = page.nextCursor || "";
    $("failures-more").hidden = !cursor;
    $("failures-empty").hidden = body.rows.length > 0;
  }

  $("signin-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const key = $("key").value.trim();
    $("key").value = "";
    try {
      await showConsole(await request("POST", "/v1/console/session", { key }));
      say("Signed in.");
    } catch (e) { fail(e); }
  });

  $("signout").addEventListener("click", async () => {
    try {
      await request("DELETE", "/v1/console/session");
      say("Signed out.");
    } catch (e) { fail(e); }
    showSignIn();
  });

  $("failure-status").addEventListener("change", () => loadFailures(false).catch(fail));
  $("failures-more").addEventListener("click", () => loadFailures(true).catch(fail));

  $("failures").addEventListener("click", async (ev) => {
    const b = ev.target.closest("button.replay");
    if (!b) return;
    b.disabled = true;
    try {
      const f = await request("POST", "/v1/operator/webhook/deliveries/" + encodeURIComponent(b.dataset.id) + "/replay");
      const row = b.closest("tr");
      row.replaceWith(failureRow(f));
      say("Replay queued: " + f.type + " " + f.id + " to " + (f.tenantName || f.tenantId) + ".");
    } catch (e) {
      b.disabled = false;
      fail(e);
    }
  });

  // A session may already be open (this tab reloaded): the cookie says so.
  request("GET", "/v1/console/session").then(showConsole).catch((e) => {
    showSignIn();
    if (e.status !== 401) fail(e);
  });
})();
