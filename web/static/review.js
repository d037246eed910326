// The reviewer back office (/review): sign in with a reviewer API key (exchanged for a
// console session cookie; the key is never stored), work the one queue
// (GET /v1/admin/queue) and decide cases. Plain JavaScript modules, no build step;
// review-case.js draws a case.
//
// Stable hooks for browser tests (keep them when changing the page):
//   sign-in:   #signin (section), #signin-form, #key (input), #signin-message (why the
//              sign-in shows: "expired" text after an idle timeout), #signout, #who-name
//   queue:     #queue (section), #filters with #f-kind #f-provider #f-status #f-age,
//              #counts li[data-kind=<kind>] .count, #queue-items tr[data-kind][data-id]
//              (the selected row has aria-selected="true"), #queue-empty,
//              #prev-page, #next-page, #page-number
//   case:      #case (section, data-kind and data-id of the open case), #case-title,
//              #case-details, #case-documents figure[data-document-id][data-current]
//              (each with img or a.pdf-link, buttons .zoom-in .zoom-out .rotate),
//              #case-provider, #provider-report, #case-wallets, #case-person,
//              #case-history li
//   decide:    #decision-form, #decision-approve #decision-reject #decision-resubmit
//              (radios), #level, #reason-code, #reason, #resubmit-docs
//              input[type=checkbox][data-document-id] (or [data-node] on a provider's
//              case) with input.doc-comment[data-document-id], #decide,
//              #case-message (the "This case changed — reload" text on a 409),
//              #reload-case, #back
//   holds:     #clear-form, #clear-reason, #clear
//   always:    #message (last success), #error (last failure), #help (the key list)
//   document.body.dataset.view is "signin", "queue" or "case" once the page settled
//   ("loading" while the queue or a case is read, also when the queue is read again after a
//   filter, a page change or a decision); "queue" is set in the same task that draws the
//   rows and focuses the selected one, so a key sent once "queue" shows reaches that row.
// Keys: j/k next/previous case (in a case: open it), Enter open, a approve, x reject, s resubmit,
// Escape back, ? help.
import { renderHistory, renderPersonList, renderVerification, renderWalletScreening } from "./review-case.js";

(function () {
  const $ = (id) => document.getElementById(id);
  const state = {
    session: null, // {role, name, csrfToken, idleTimeoutSeconds, expiresAt}
    items: [], selected: 0, cursors: [""], page: 0, nextCursor: null,
    current: null, // {kind, id, data}
    idleTimer: null,
  };

  // --- talking to the gateway ---------------------------------------------------

  class APIError extends Error {
    constructor(status, code, message) { super(message); this.status = status; this.code = code; }
  }

  async function call(method, path, body) {
    const headers = { "Accept": "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET" && state.session) headers["X-CSRF-Token"] = state.session.csrfToken;
    const res = await fetch(path, {
      method, headers, credentials: "same-origin", cache: "no-store",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    armIdleTimer();
    if (res.status === 204) return null;
    let data = null;
    try { data = await res.json(); } catch (_) { data = null; }
    if (!res.ok) {
      const e = (data && data.error) || {};
      const err = new APIError(res.status, e.code || "http_" + res.status, e.message || res.statusText);
      if (res.status === 401 && path !== "/v1/console/session") showSignIn("Your session expired. Sign in again.");
      throw err;
    }
    return data;
  }

  function armIdleTimer() {
    clearTimeout(state.idleTimer);
    if (!state.session) return;
    // Just past the idle timeout, ask whether the session is still alive: when it is
    // not, the page goes back to sign-in rather than failing on the next click.
    state.idleTimer = setTimeout(checkSession, (state.session.idleTimeoutSeconds + 2) * 1000);
  }

  async function checkSession() {
    try {
      state.session = await call("GET", "/v1/console/session");
    } catch (_) {
      showSignIn("Your session expired after a while without activity. Sign in again.");
    }
  }

  function say(text) { $("message").textContent = text; $("error").textContent = ""; }
  function fail(err) { $("error").textContent = err.message || String(err); $("message").textContent = ""; }

  // --- sign-in ------------------------------------------------------------------

  function showSignIn(message) {
    state.session = null;
    clearTimeout(state.idleTimer);
    $("console").hidden = true;
    $("who").hidden = true;
    $("signin").hidden = false;
    $("signin-message").textContent = message || "";
    $("key").value = "";
    $("key").focus();
    document.body.dataset.view = "signin";
  }

  function signedIn(session) {
    state.session = session;
    $("who-name").textContent = session.name;
    $("who").hidden = false;
    $("signin").hidden = true;
    $("console").hidden = false;
    armIdleTimer();
    showQueue();
    loadQueue(); // focuses the selected row: the keys work at once, not on the hidden sign-in button
  }

  $("signin-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const input = $("key");
    const key = input.value.trim();
    input.value = ""; // never kept, not even in the field
    try {
      const s = await call("POST", "/v1/console/session", { key });
      if (s.role !== "reviewer") {
        state.session = s; // its CSRF token ends it
        await call("DELETE", "/v1/console/session").catch(() => {});
        state.session = null;
        showSignIn("That is an operator key: the review queue needs a reviewer key (kgr_…).");
        return;
      }
      $("error").textContent = "";
      signedIn(s);
    } catch (err) {
      $("signin-message").textContent = err.status === 401 ? "That key is not a live reviewer key." : err.message;
      input.focus();
    }
  });

  $("signout").addEventListener("click", async () => {
    try { await call("DELETE", "/v1/console/session"); } catch (_) { /* ended already */ }
    showSignIn("You are signed out.");
  });

  // --- the queue ----------------------------------------------------------------

  const kindNames = { manual: "Manual", provider_case: "Provider case", wallet_screening: "Wallet screening", person_screening: "Person screening" };

  function queueQuery(cursor) {
    const p = new URLSearchParams();
    for (const [id, name] of [["f-kind", "kind"], ["f-provider", "provider"], ["f-status", "status"], ["f-age", "olderThan"]]) {
      const v = $(id).value.trim();
      if (v) p.set(name, v);
    }
    p.set("limit", "25");
    if (cursor) p.set("cursor", cursor);
    return "/v1/admin/queue?" + p.toString();
  }

  // loadQueue (re)reads the queue page. While it reads, a queue view is "loading"; it is
  // "queue" only once the rows are drawn and the selected row has the focus (one task), so
  // a key sent on "queue" goes to a fresh row, never to the list being replaced.
  async function loadQueue() {
    if (!state.current) document.body.dataset.view = "loading";
    try {
      const page = await call("GET", queueQuery(state.cursors[state.page]));
      state.items = page.items;
      state.nextCursor = page.nextCursor;
      state.selected = Math.min(state.selected, Math.max(0, page.items.length - 1));
      for (const li of $("counts").querySelectorAll("li")) {
        li.querySelector(".count").textContent = String(page.counts[li.dataset.kind] || 0);
      }
      renderQueue();
    } catch (err) { if (err.status !== 401) fail(err); }
    if (!state.session || state.current) return; // signed out, or a case was opened meanwhile
    focusSelected();
    document.body.dataset.view = "queue";
  }

  function renderQueue() {
    const body = $("queue-items");
    body.replaceChildren();
    state.items.forEach((it, i) => {
      const tr = document.createElement("tr");
      tr.dataset.kind = it.kind;
      tr.dataset.id = it.id;
      tr.tabIndex = -1;
      tr.setAttribute("aria-selected", String(i === state.selected));
      const when = new Date(it.waitingSince);
      for (const text of [kindNames[it.kind] || it.kind, it.address || it.id, it.provider || "—", it.status.replaceAll("_", " "),
        when.toLocaleString() + " (" + age(when) + ")"]) {
        const td = document.createElement("td");
        td.textContent = text;
        tr.append(td);
      }
      tr.addEventListener("click", () => { state.selected = i; openCase(it); });
      body.append(tr);
    });
    $("queue-empty").hidden = state.items.length > 0;
    $("page-number").textContent = "Page " + (state.page + 1);
    $("prev-page").disabled = state.page === 0;
    $("next-page").disabled = !state.nextCursor;
  }

  function age(when) {
    const mins = Math.max(0, Math.round((Date.now() - when.getTime()) / 60000));
    if (mins < 60) return mins + " min";
    if (mins < 48 * 60) return Math.round(mins / 60) + " h";
    return Math.round(mins / 1440) + " days";
  }

  function select(delta) {
    if (!state.items.length) return;
    state.selected = Math.max(0, Math.min(state.items.length - 1, state.selected + delta));
    const rows = $("queue-items").querySelectorAll("tr");
    rows.forEach((tr, i) => tr.setAttribute("aria-selected", String(i === state.selected)));
    rows[state.selected].focus();
  }

  $("filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    state.cursors = [""]; state.page = 0; state.selected = 0;
    loadQueue(); // focuses the first row: Enter now opens the first case
  });
  $("next-page").addEventListener("click", () => {
    if (!state.nextCursor) return;
    state.cursors[state.page + 1] = state.nextCursor; state.page++; state.selected = 0;
    loadQueue();
  });
  $("prev-page").addEventListener("click", () => {
    if (state.page === 0) return;
    state.page--; state.selected = 0;
    loadQueue();
  });

  function showQueue() {
    state.current = null;
    $("case").hidden = true;
    $("queue").hidden = false;
    document.body.dataset.view = "loading"; // "queue" once loadQueue has drawn it
  }

  // --- a case -------------------------------------------------------------------

  async function openCase(it) {
    $("case-message").textContent = "";
    $("reload-case").hidden = true;
    $("decision-form").reset();
    $("clear-form").reset();
    for (const id of ["approve-fields", "reject-fields", "resubmit-fields"]) $(id).hidden = true;
    state.current = { kind: it.kind, id: it.id, item: it, data: null };
    $("case").dataset.kind = it.kind;
    $("case").dataset.id = it.id;
    $("queue").hidden = true;
    $("case").hidden = false;
    $("case-title").textContent = (kindNames[it.kind] || it.kind) + " · " + (it.address || it.id);
    $("case-meta").textContent = "Waiting since " + new Date(it.waitingSince).toLocaleString() +
      (it.subjectId ? " · subject " + it.subjectId : "");
    await loadCase();
    $("back").focus();
  }

  // loadCase (re)reads the open case; the forms keep what the reviewer typed.
  async function loadCase() {
    const cur = state.current;
    if (!cur) return;
    document.body.dataset.view = "loading";
    try {
      const data = await call("GET", cur.item.href);
      if (state.current !== cur) return; // another case was opened meanwhile
      cur.data = data;
      const verification = cur.kind === "manual" || cur.kind === "provider_case";
      $("case-verification").hidden = !verification;
      $("decision-form").hidden = !verification || data.status !== "in_review";
      $("clear-form").hidden = verification;
      let wallets = [], subject = cur.item.subjectId;
      if (verification) {
        renderVerification(data);
        wallets = data.wallets || [];
        subject = data.subjectId;
        renderHistory(data.history || []);
      } else if (cur.kind === "wallet_screening") {
        wallets = [];
        renderWalletScreening($("case-wallets"), data);
        renderHistory([]);
      } else {
        renderHistory([]);
      }
      $("case-wallets-block").hidden = cur.kind === "person_screening";
      $("case-person-block").hidden = !subject;
      if (verification) await renderWallets(wallets, cur);
      if (subject) await renderPersonScreenings(subject, cur);
      if (state.current === cur) document.body.dataset.view = "case";
    } catch (err) {
      if (state.current !== cur) return; // the case opened meanwhile says when it is drawn
      if (err.status !== 401) fail(err);
      if (state.session) document.body.dataset.view = "case";
    }
  }

  // renderWallets and renderPersonScreenings draw for the case cur, unless another case
  // was opened while they waited.
  async function renderWallets(wallets, cur) {
    const box = $("case-wallets");
    box.replaceChildren();
    if (!wallets.length) { box.textContent = "No linked wallets."; return; }
    for (const address of wallets) {
      const div = document.createElement("div");
      box.append(div);
      try {
        const data = await call("GET", "/v1/admin/wallets/" + address + "/screenings");
        if (state.current !== cur) return;
        renderWalletScreening(div, data);
      } catch (err) { div.textContent = address + ": " + err.message; }
    }
  }

  async function renderPersonScreenings(subjectId, cur) {
    const box = $("case-person");
    box.replaceChildren();
    if (!subjectId) { box.textContent = "No subject."; return; }
    try {
      const data = await call("GET", "/v1/admin/subjects/" + encodeURIComponent(subjectId) + "/person-screenings");
      if (state.current !== cur) return;
      renderPersonList(box, data.screenings);
    } catch (err) { box.textContent = err.message; }
  }

  // --- deciding -----------------------------------------------------------------

  function pick(decision) {
    if (!state.current || $("decision-form").hidden) return;
    $("decision-" + decision).checked = true;
    showDecisionFields();
    const first = { approve: "level", reject: "reason-code", resubmit: null }[decision];
    const target = first ? $(first) : $("resubmit-docs").querySelector("input");
    (target || $("reason")).focus();
  }

  function showDecisionFields() {
    const d = (document.querySelector("input[name=decision]:checked") || {}).value;
    $("approve-fields").hidden = d !== "approve";
    $("reject-fields").hidden = d !== "reject";
    $("resubmit-fields").hidden = d !== "resubmit";
  }
  for (const r of document.querySelectorAll("input[name=decision]")) r.addEventListener("change", showDecisionFields);

  $("decision-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const cur = state.current;
    const decision = (document.querySelector("input[name=decision]:checked") || {}).value;
    if (!decision) { $("case-message").textContent = "Pick approve, reject or resubmit."; return; }
    const note = $("reason").value.trim();
    const body = { decision, reason: note, expectedUpdatedAt: cur.data.updatedAt };
    if (decision === "approve") body.level = Number($("level").value);
    if (decision === "reject") body.reasonCode = $("reason-code").value;
    if (decision === "resubmit") {
      body.documents = []; body.nodes = [];
      for (const box of $("resubmit-docs").querySelectorAll("input[type=checkbox]:checked")) {
        if (box.dataset.node) { body.nodes.push(box.dataset.node); continue; }
        const comment = $("resubmit-docs").querySelector(".doc-comment[data-document-id='" + box.dataset.documentId + "']");
        body.documents.push({ documentId: box.dataset.documentId, comment: comment.value.trim() });
      }
      if (!body.documents.length) delete body.documents;
      if (!body.nodes.length) delete body.nodes;
    }
    try {
      const out = await call("POST", cur.item.href + "/decision", body);
      say("Decision sent: the case is " + out.status.replaceAll("_", " ") + ".");
      $("decision-form").reset();
      showDecisionFields();
      showQueue();
      await loadQueue();
    } catch (err) {
      if (err.status === 409 && err.code === "case_changed") {
        $("case-message").textContent = "This case changed — reload it before deciding. Your text is kept.";
        $("reload-case").hidden = false;
        $("reload-case").focus();
      } else if (err.status !== 401) {
        $("case-message").textContent = err.message;
      }
    }
  });

  $("reload-case").addEventListener("click", async () => {
    $("case-message").textContent = "";
    $("reload-case").hidden = true;
    await loadCase(); // the forms keep the reviewer's text
    say("The case was reloaded: check it again, then send the decision.");
  });

  $("clear-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const cur = state.current;
    const reason = $("clear-reason").value.trim();
    const path = cur.kind === "wallet_screening" ? "/v1/admin/wallets/" + cur.item.address + "/screenings/clear"
      : "/v1/admin/subjects/" + encodeURIComponent(cur.id) + "/clear-hold";
    try {
      await call("POST", path, { reason });
      say("The hold is cleared.");
      showQueue();
      await loadQueue();
    } catch (err) { if (err.status !== 401) $("case-message").textContent = err.message; }
  });

  $("back").addEventListener("click", () => { showQueue(); loadQueue(); });

  // openSibling opens the next (1) or previous (-1) case of the queue page from a case.
  function openSibling(delta) {
    const i = state.selected + delta;
    if (i < 0 || i >= state.items.length) return;
    state.selected = i;
    openCase(state.items[i]);
  }

  function focusSelected() {
    const row = $("queue-items").querySelectorAll("tr")[state.selected];
    if (row) row.focus();
  }

  // --- keyboard -----------------------------------------------------------------

  function toggleHelp(show) {
    const help = $("help");
    help.hidden = show === undefined ? !help.hidden : !show;
    $("help-button").setAttribute("aria-expanded", String(!help.hidden));
  }
  $("help-button").addEventListener("click", () => toggleHelp());

  document.addEventListener("keydown", (ev) => {
    if (!state.session || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const t = ev.target;
    const typing = t instanceof HTMLElement && (t.matches("input:not([type=checkbox]):not([type=radio]), textarea, select") || t.isContentEditable);
    if (ev.key === "Escape") {
      if (!$("help").hidden) { toggleHelp(false); return; }
      if (typing) { t.blur(); return; }
      if (state.current) { ev.preventDefault(); showQueue(); loadQueue(); }
      return;
    }
    if (typing) return;
    const inCase = !!state.current;
    // The queue's keys act on the rows on screen: none while the queue is being read again
    // (the rows are about to be replaced).
    if (!inCase && document.body.dataset.view !== "queue" && ["j", "k", "Enter"].includes(ev.key)) return;
    switch (ev.key) {
      case "?": toggleHelp(); break;
      case "j": if (inCase) openSibling(1); else select(1); break;
      case "k": if (inCase) openSibling(-1); else select(-1); break;
      case "Enter":
        if (inCase || !state.items.length || (t instanceof HTMLElement && t.matches("button, a"))) return;
        openCase(state.items[state.selected]);
        break;
      case "a": if (inCase) pick("approve"); else return; break;
      case "x": if (inCase) pick("reject"); else return; break;
      case "s": if (inCase) pick("resubmit"); else return; break;
      default: return;
    }
    ev.preventDefault();
  });

  // --- start --------------------------------------------------------------------

  (async () => {
    try {
      const s = await call("GET", "/v1/console/session");
      if (s.role === "reviewer") { signedIn(s); return; }
      showSignIn("Signed in as an operator: sign in with a reviewer key to review.");
    } catch (_) {
      showSignIn("");
    }
  })();
})();
