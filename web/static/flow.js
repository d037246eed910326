// flow.js: the hosted verification flow (/flow/{token}). It shows the flow's current
// state from GET /v1/flow/{token} and keeps it current by polling with backoff (2 s,
// doubling to 30 s, back to 2 s after a change, paused while the tab is hidden, stopped
// on a final state).
//
// Stable element ids (browser tests rely on them):
//   #status            the verification status in words ("in review", "approved", …)
//   #notice            a provider's comment on a retry (role=status)
//   #waiting           section shown while the verification waits for review
//   #approved          section shown once approved; in it
//     #return-link       link back to the dApp (the start's returnUrl), when given
//     #attest-link       link to the sign-in page to take an attestation (Web3 mode)
//   #redo              section shown during a resubmission; in it
//     #redo-list         one <li data-slot="document:back|document:front|selfie|personal_details">
//                        per slot asked again, with the comment in .redo-comment-text
//   #closed            section of a closed flow (rejected, expired, revoked); in it
//     #closed-message    what happens next (role=alert)
//     #closed-return-link link back to the dApp, when given
//   #personal_details, #document, #selfie, #submit   the step sections (hidden unless current)
//     #details-form, #firstName, #lastName, #dateOfBirth, #country, #documentNumber
//     #document-form, #docType, #docSide, #docFile, #document-redo (the comment)
//     #selfie-form, #selfieFile, #selfie-redo (the comment), #selfie-hint
//     #submit-button
//   #steps             the list of steps (li[data-step])
//   #message, #error   the last action's outcome (role=status / role=alert)
"use strict";
(function () {
  const token = decodeURIComponent(window.location.pathname.split("/").filter(Boolean).pop() || "");
  const flow = new KYCGate().flow(token);
  const $ = (id) => document.getElementById(id);
  const labels = { personal_details: "Personal details", document: "Identity document", selfie: "Selfie", submit: "Submit" };
  const slotLabels = {
    personal_details: "Personal details", "document:front": "Identity document, front side",
    "document:back": "Identity document, back side", selfie: "Selfie",
  };
  const docTypes = { passport: "Passport", id_card: "ID card", driving_licence: "Driving licence", residence_permit: "Residence permit" };
  const allSides = ["front", "back"];
  const editable = ["created", "in_progress", "resubmission_requested"];
  const finals = ["approved", "rejected", "expired", "revoked"];
  const fail = (e) => { $("message").textContent = ""; $("error").textContent = e.code ? e.code + ": " + e.message : String(e.message || e); };
  const done = (text) => { $("error").textContent = ""; $("message").textContent = text; };

  // setLink shows a link to url (http(s) only) or hides it.
  function setLink(el, url) {
    let ok = false;
    try { ok = !!url && ["https:", "http:"].includes(new URL(url, window.location.href).protocol); } catch (_) { ok = false; }
    el.hidden = !ok;
    if (ok) el.href = url; else el.removeAttribute("href");
  }

  // setOptions replaces a select's options, keeping the choice when it stays possible.
  function setOptions(select, values, names) {
    const keep = select.value;
    select.innerHTML = "";
    for (const v of values) {
      const o = document.createElement("option");
      o.value = v;
      o.textContent = names[v] || v;
      select.appendChild(o);
    }
    if (values.includes(keep)) select.value = keep;
  }

  function renderSteps(f) {
    const list = $("steps");
    list.innerHTML = "";
    for (const s of f.steps) {
      const li = document.createElement("li");
      li.textContent = (labels[s.name] || s.name) + ": " + s.status.replace(/_/g, " ");
      li.className = "step-" + s.status;
      li.dataset.step = s.name;
      list.appendChild(li);
    }
  }

  function renderRedo(pending) {
    const list = $("redo-list");
    list.innerHTML = "";
    for (const r of pending.all) {
      const li = document.createElement("li");
      li.dataset.slot = r.slot;
      const name = document.createElement("span");
      name.className = "slot";
      name.textContent = (slotLabels[r.slot] || r.slot) + (r.documentType ? " (" + (docTypes[r.documentType] || r.documentType) + ")" : "") + ": ";
      const text = document.createElement("span");
      text.className = "redo-comment-text";
      text.textContent = r.comment;
      li.append(name, text);
      if (r.done) {
        const ok = document.createElement("span");
        ok.className = "redo-done";
        ok.textContent = " — uploaded";
        li.append(ok);
      }
      list.appendChild(li);
    }
  }

  // comments joins the comments of the pending slots of a step.
  const comments = (pending, step) => pending.open.filter((r) => r.step === step).map((r) => r.comment).join(" ");

  function showComment(id, text) {
    $(id).textContent = text;
    $(id).hidden = !text;
  }

  // render shows the flow: the state sections, and in an editable flow the one step to do
  // (during a resubmission only the slots asked for again).
  function render(f) {
    const status = f.status;
    $("status").textContent = status.replace(/_/g, " ") + (status === "rejected" && f.rejectType === "final" ? " (final)" : "");
    $("notice").textContent = f.comment || "";
    const selfieStep = f.steps.find((s) => s.name === "selfie");
    $("selfie-hint").textContent = (selfieStep && selfieStep.hint) || "";
    renderSteps(f);

    const open = editable.includes(status);
    const redo = f.redo || [];
    const pending = { all: redo, open: redo.filter((r) => !r.done) };
    $("intro").hidden = !open;
    $("waiting").hidden = status !== "in_review";
    $("approved").hidden = status !== "approved";
    setLink($("return-link"), status === "approved" ? f.returnUrl : "");
    setLink($("attest-link"), status === "approved" ? f.attestationUrl : "");
    const closed = ["rejected", "expired", "revoked"].includes(status);
    $("closed").hidden = !closed;
    $("closed-message").textContent = closed ? (f.message || "This verification is closed.") : "";
    setLink($("closed-return-link"), closed ? f.returnUrl : "");
    $("redo").hidden = !open || redo.length === 0;
    if (open && redo.length > 0) renderRedo(pending);

    // The step to show: during a resubmission the first slot still asked for, then
    // submit; otherwise the first step not done.
    let current = null;
    if (open && redo.length > 0) {
      current = pending.open.length ? pending.open[0].step : "submit";
    } else if (open) {
      const next = f.steps.find((s) => s.status !== "done");
      current = next ? next.name : null;
    }
    for (const name of Object.keys(labels)) $(name).hidden = !open || name !== current;

    // The document form: in a resubmission the type is fixed and only the sides asked
    // for again are offered.
    const docRedo = pending.open.filter((r) => r.step === "document");
    if (docRedo.length > 0) {
      setOptions($("docType"), [docRedo[0].documentType], docTypes);
      $("docType").disabled = true;
      setOptions($("docSide"), docRedo.map((r) => r.side), { front: "Front", back: "Back" });
    } else if ($("docType").disabled || $("docSide").options.length !== allSides.length) {
      $("docType").disabled = false;
      setOptions($("docType"), Object.keys(docTypes), docTypes);
      setOptions($("docSide"), allSides, { front: "Front", back: "Back" });
    }
    showComment("document-redo", comments(pending, "document"));
    showComment("selfie-redo", comments(pending, "selfie"));
    showComment("details-redo", comments(pending, "personal_details"));
  }

  // ---- polling with backoff ----
  const minDelay = 2000;
  const maxDelay = 30000;
  let delay = minDelay;
  let timer = null;
  let last = "";
  let stopped = false;

  // Reads of the flow can overlap (a background poll and the user's own refresh), and
  // their answers can arrive out of order: read() numbers them, and apply shows an answer
  // only when no later-started read was shown already, so an old state never replaces a
  // newer one (a section shown, then hidden again by a stale answer).
  let started = 0;
  let shown = 0;
  async function read() {
    const seq = ++started;
    return { seq, f: await flow.status() };
  }

  // apply renders a fresh view and reports whether it differs from the last one shown.
  function apply({ seq, f }) {
    if (seq < shown) return false;
    shown = seq;
    const key = JSON.stringify(f);
    const changed = key !== last;
    if (changed) {
      last = key;
      render(f);
    }
    if (finals.includes(f.status)) stop();
    return changed;
  }

  function stop() {
    stopped = true;
    clearTimeout(timer);
    timer = null;
  }

  function schedule() {
    clearTimeout(timer);
    timer = null;
    if (stopped || document.hidden) return;
    timer = setTimeout(poll, delay);
  }

  async function poll() {
    timer = null;
    try {
      const changed = apply(await read());
      if (changed) done(""); // the last action's outcome is history now
      delay = changed ? minDelay : Math.min(delay * 2, maxDelay);
    } catch (e) {
      if (e.status === 404) { fail(e); stop(); return; }
      delay = Math.min(delay * 2, maxDelay); // a network hiccup: try again later
    }
    schedule();
  }

  // refresh shows the state right away (after the user's own change) and restarts the
  // backoff.
  async function refresh() {
    const r = await read();
    apply(r);
    delay = minDelay;
    schedule();
    return r.f;
  }

  document.addEventListener("visibilitychange", () => {
    if (document.hidden) {
      clearTimeout(timer);
      timer = null;
    } else if (!stopped) {
      delay = minDelay;
      poll();
    }
  });

  $("details-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = new FormData(ev.target);
    try {
      await flow.personalDetails({
        firstName: form.get("firstName"), lastName: form.get("lastName"),
        dateOfBirth: form.get("dateOfBirth"), country: String(form.get("country")).toUpperCase(),
        ...(form.get("documentNumber") ? { documentNumber: String(form.get("documentNumber")).trim() } : {}),
      });
      done("Details saved.");
      await refresh();
    } catch (e) { fail(e); }
  });

  $("document-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      await flow.uploadDocument($("docType").value, $("docSide").value, $("docFile").files[0]);
      $("docFile").value = "";
      done("Document uploaded.");
      await refresh();
    } catch (e) { fail(e); }
  });

  $("selfie-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      await flow.uploadSelfie($("selfieFile").files[0]);
      $("selfieFile").value = "";
      done("Selfie uploaded.");
      await refresh();
    } catch (e) { fail(e); }
  });

  $("submit-button").addEventListener("click", async () => {
    try {
      await flow.submit();
      done("Submitted. A reviewer will check your verification.");
      await refresh();
    } catch (e) { fail(e); }
  });

  refresh().catch((e) => { fail(e); if (e.status !== 404) schedule(); });
})();
