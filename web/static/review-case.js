// The case view of the reviewer back office (/review): drawing a case's details,
// documents (zoom, rotate; current and replaced), provider summary, the choices of a
// resubmission, wallet-screening findings, person-screening matches and the history.
// review.js loads the data and imports these; they only build DOM (text, never HTML).

const $ = (id) => document.getElementById(id);

function dl(target, pairs) {
  target.replaceChildren();
  for (const [k, v] of pairs) {
    if (v === undefined || v === null || v === "") continue;
    const dt = document.createElement("dt"); dt.textContent = k;
    const dd = document.createElement("dd"); dd.textContent = String(v);
    target.append(dt, dd);
  }
}

export function renderVerification(c) {
  const d = c.personalDetails || {};
  dl($("case-details"), [["Status", c.status.replaceAll("_", " ") + (c.rejectType ? " (" + c.rejectType + ")" : "")],
    ["Provider", c.provider], ["Level asked", c.level], ["Mode", c.mode], ["Tenant", c.tenantId],
    ["First name", d.firstName], ["Last name", d.lastName], ["Date of birth", d.dateOfBirth], ["Country", d.country],
    ["Document number", d.documentNumber], ["Submitted", c.submittedAt && new Date(c.submittedAt).toLocaleString()]]);
  const docs = $("case-documents");
  docs.replaceChildren();
  const resubmit = $("resubmit-docs");
  resubmit.replaceChildren();
  for (const doc of c.documents || []) {
    docs.append(documentFigure(doc));
    if (doc.current) resubmit.append(resubmitRow(doc));
  }
  if (!(c.documents || []).length) docs.textContent = c.providerSummary ? "The provider keeps this case's documents." : "No documents.";
  const prov = $("case-provider");
  prov.hidden = !c.providerSummary;
  if (c.providerSummary) {
    const s = c.providerSummary;
    dl($("provider-summary"), [["Provider status", s.status]].concat((s.checks || []).map((ch) =>
      [ch.kind + (ch.node ? " (" + ch.node + ")" : ""), ch.status + (ch.score != null ? ", score " + ch.score : "") +
        (ch.warnings && ch.warnings.length ? ", warnings: " + ch.warnings.join(", ") : "")])));
    for (const ch of s.checks || []) if (ch.node) resubmit.append(nodeRow(ch));
  }
  const report = $("provider-report");
  report.hidden = !c.report;
  if (c.report) report.href = c.report;
  const level = $("level");
  if (!level.value) level.value = String(c.level || 1);
}

function documentFigure(doc) {
  const fig = document.createElement("figure");
  fig.className = "doc " + (doc.current ? "current" : "replaced");
  fig.dataset.documentId = doc.documentId;
  fig.dataset.current = String(doc.current);
  const name = (doc.kind === "selfie" ? "Selfie" : (doc.type || "document").replaceAll("_", " ") + (doc.side ? ", " + doc.side : ""));
  const cap = document.createElement("figcaption");
  const badge = document.createElement("span");
  badge.className = "badge " + (doc.current ? "badge-current" : "badge-replaced");
  badge.textContent = doc.current ? "current" : "replaced";
  cap.append(name + " · " + new Date(doc.uploadedAt).toLocaleString() + " ", badge);
  const src = "/v1/admin/documents/" + encodeURIComponent(doc.documentId);
  if (doc.contentType === "application/pdf") {
    const a = document.createElement("a");
    a.href = src; a.target = "_blank"; a.rel = "noopener"; a.className = "pdf-link";
    a.textContent = "Open the PDF (" + name + ")";
    fig.append(cap, a);
    return fig;
  }
  const frame = document.createElement("div");
  frame.className = "doc-frame";
  const img = document.createElement("img");
  img.src = src;
  img.alt = name + (doc.current ? "" : " (replaced)");
  img.className = "doc-img";
  frame.append(img);
  const tools = document.createElement("div");
  tools.className = "doc-tools";
  let zoom = 1, turn = 0;
  const apply = () => { img.style.transform = "rotate(" + turn + "deg) scale(" + zoom + ")"; };
  for (const [cls, label, fn] of [["zoom-in", "Zoom in", () => { zoom = Math.min(4, zoom * 1.25); }],
    ["zoom-out", "Zoom out", () => { zoom = Math.max(0.5, zoom / 1.25); }],
    ["rotate", "Rotate 90°", () => { turn = (turn + 90) % 360; }]]) {
    const b = document.createElement("button");
    b.type = "button"; b.className = "secondary " + cls; b.textContent = label;
    b.setAttribute("aria-label", label + ": " + name);
    b.addEventListener("click", () => { fn(); apply(); });
    tools.append(b);
  }
  fig.append(cap, frame, tools);
  return fig;
}

function resubmitRow(doc) {
  const row = document.createElement("div");
  row.className = "redo-row";
  const id = "redo-" + doc.documentId;
  const box = document.createElement("input");
  box.type = "checkbox"; box.id = id; box.dataset.documentId = doc.documentId;
  const label = document.createElement("label");
  label.htmlFor = id; label.className = "inline";
  label.textContent = doc.kind === "selfie" ? "Selfie" : (doc.type || "document").replaceAll("_", " ") + (doc.side ? ", " + doc.side : "");
  const comment = document.createElement("input");
  comment.className = "doc-comment"; comment.dataset.documentId = doc.documentId; comment.maxLength = 500;
  comment.id = "comment-" + doc.documentId;
  comment.setAttribute("aria-label", "Comment for the user: " + label.textContent);
  comment.placeholder = "What is wrong, for the user";
  row.append(box, label, comment);
  return row;
}

function nodeRow(check) {
  const row = document.createElement("div");
  row.className = "redo-row";
  const box = document.createElement("input");
  box.type = "checkbox"; box.id = "node-" + check.node; box.dataset.node = check.node;
  const label = document.createElement("label");
  label.htmlFor = box.id; label.className = "inline";
  label.textContent = check.kind + " (" + check.node + ")";
  row.append(box, label);
  return row;
}

export function renderHistory(entries) {
  const list = $("case-history");
  list.replaceChildren();
  for (const e of entries) {
    const li = document.createElement("li");
    li.textContent = new Date(e.at).toLocaleString() + " · " + e.actor + " · " + e.action +
      (e.detail && Object.keys(e.detail).length ? " · " + JSON.stringify(e.detail) : "");
    list.append(li);
  }
  if (!entries.length) list.textContent = "—";
}

export function renderWalletScreening(target, data) {
  target.replaceChildren();
  const h = document.createElement("h4");
  h.textContent = data.address;
  const st = data.state;
  const p = document.createElement("p");
  p.textContent = st ? "Outcome " + st.outcome + ", risk " + st.risk + (st.held ? ", HELD" : "") + ", sources " +
    (st.sources || []).join(", ") + ", checked " + new Date(st.checkedAt).toLocaleString() : "Not screened yet.";
  const table = document.createElement("table");
  table.className = "findings";
  const head = document.createElement("tr");
  for (const t of ["Source", "Status", "Risk", "Categories", "Reference", "Checked"]) {
    const th = document.createElement("th"); th.scope = "col"; th.textContent = t; head.append(th);
  }
  table.append(head);
  for (const r of data.history || []) {
    const tr = document.createElement("tr");
    for (const t of [r.source, r.status || r.error || "", r.risk, (r.categories || []).join(", "), r.reference,
      new Date(r.checkedAt).toLocaleString()]) {
      const td = document.createElement("td"); td.textContent = String(t ?? ""); tr.append(td);
    }
    table.append(tr);
  }
  target.append(h, p, table);
}

export function renderPersonList(box, screenings) {
  if (!screenings.length) { box.textContent = "No person screenings."; return; }
  for (const s of screenings) {
    const div = document.createElement("div");
    div.className = "screening";
    const p = document.createElement("p");
    p.textContent = s.service + " · " + s.purpose + " · " + s.state + (s.outcome ? " · " + s.outcome : "") +
      (s.riskBand ? " · risk " + s.riskBand : "") + (s.rules.length ? " · rules " + s.rules.join(", ") : "") +
      " · " + new Date(s.updatedAt).toLocaleString();
    div.append(p);
    if (s.matches) {
      const pre = document.createElement("pre");
      pre.textContent = JSON.stringify(s.matches, null, 2);
      div.append(pre);
    }
    box.append(div);
  }
}