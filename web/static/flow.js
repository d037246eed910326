"use strict";
(function () {
  const token = decodeURIComponent(window.location.pathname.split("/").filter(Boolean).pop() || "");
  const flow = new KYCGate().flow(token);
  const $ = (id) => document.getElementById(id);
  const labels = { personal_details: "Personal details", document: "Identity document", selfie: "Selfie", submit: "Submit" };
  const fail = (e) => { $("message").textContent = ""; $("error").textContent = e.code ? e.code + ": " + e.message : String(e.message || e); };
  const done = (text) => { $("error").textContent = ""; $("message").textContent = text; };

  async function refresh() {
    const f = await flow.status();
    $("status").textContent = f.status.replace(/_/g, " ");
    // A final rejection's message (contact support), or the provider's comment on a retry.
    $("notice").textContent = f.message || f.comment || "";
    const selfie = f.steps.find((s) => s.name === "selfie");
    $("selfie-hint").textContent = (selfie && selfie.hint) || "";
    const list = $("steps");
    list.innerHTML = "";
    let current = null;
    for (const s of f.steps) {
      const li = document.createElement("li");
      li.textContent = (labels[s.name] || s.name) + ": " + s.status + (s.comment ? " (" + s.comment + ")" : "");
      li.className = "step-" + s.status;
      li.dataset.step = s.name;
      list.appendChild(li);
      if (!current && s.status !== "done") current = s.name;
    }
    const open = f.status === "created" || f.status === "in_progress" || f.status === "resubmission_requested";
    for (const name of Object.keys(labels)) $(name).hidden = !open || name !== current;
    return f;
  }

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

  refresh().catch(fail);
})();
