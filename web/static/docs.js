// The API reference page (/docs): fetches /openapi.json and renders it - operations
// grouped by tag, with their security, parameters, request bodies and responses, then
// the outbound webhooks and the schemas. Text is set with textContent, never as HTML.
(function () {
  "use strict";

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function anchor(s) { return s.replace(/[^A-Za-z0-9_-]+/g, "-"); }

  // refName is the last part of a $ref ("#/components/schemas/Envelope" -> "Envelope").
  function refName(ref) { return ref.split("/").pop(); }

  // resolve follows a $ref inside the document (one level per call).
  function resolve(doc, obj) {
    if (!obj || !obj.$ref) return obj;
    var parts = obj.$ref.replace(/^#\//, "").split("/");
    var cur = doc;
    for (var i = 0; i < parts.length && cur; i++) cur = cur[parts[i]];
    return cur || obj;
  }

  function schemaBlock(schema) {
    if (!schema) return el("span", "(no body)");
    if (schema.$ref) {
      var a = el("a", refName(schema.$ref));
      a.href = "#schema-" + anchor(refName(schema.$ref));
      return a;
    }
    return el("pre", JSON.stringify(schema, null, 2), "schema");
  }

  function contentList(doc, content) {
    var dl = el("dl");
    Object.keys(content || {}).forEach(function (media) {
      dl.appendChild(el("dt", media));
      var dd = el("dd");
      dd.appendChild(schemaBlock(content[media].schema));
      dl.appendChild(dd);
    });
    return dl;
  }

  function paramsTable(doc, params) {
    var t = el("table", null, "params");
    var head = el("tr");
    ["Name", "In", "Required", "Schema", "Description"].forEach(function (h) { head.appendChild(el("th", h)); });
    t.appendChild(head);
    params.forEach(function (p) {
      p = resolve(doc, p);
      var tr = el("tr");
      tr.appendChild(el("td", p.name));
      tr.appendChild(el("td", p.in));
      tr.appendChild(el("td", p.required ? "yes" : "no"));
      var sc = el("td");
      sc.appendChild(schemaBlock(p.schema));
      tr.appendChild(sc);
      tr.appendChild(el("td", p.description || ""));
      t.appendChild(tr);
    });
    return t;
  }

  function operation(doc, method, path, item, op) {
    var box = el("details", null, "op");
    box.id = "op-" + anchor(method + path);
    var sum = el("summary");
    sum.appendChild(el("span", method.toUpperCase(), "method"));
    sum.appendChild(el("span", path, "path"));
    if (op.summary) sum.appendChild(el("span", " - " + op.summary));
    box.appendChild(sum);
    if (op.description) box.appendChild(el("p", op.description, "desc"));
    var security = op.security || doc.security || [];
    var who = security.map(function (s) { return Object.keys(s).join(" + "); }).join(" or ");
    box.appendChild(el("p", "Credentials: " + (who || "none")));
    var params = (item.parameters || []).concat(op.parameters || []);
    if (params.length) {
      box.appendChild(el("h4", "Parameters"));
      box.appendChild(paramsTable(doc, params));
    }
    if (op.requestBody) {
      var rb = resolve(doc, op.requestBody);
      box.appendChild(el("h4", "Request body" + (rb.required ? " (required)" : "")));
      box.appendChild(contentList(doc, rb.content));
    }
    box.appendChild(el("h4", "Responses"));
    var dl = el("dl");
    Object.keys(op.responses || {}).sort().forEach(function (code) {
      var r = resolve(doc, op.responses[code]);
      dl.appendChild(el("dt", code + " " + (r.description || "")));
      var dd = el("dd");
      if (r.content) dd.appendChild(contentList(doc, r.content));
      dl.appendChild(dd);
    });
    box.appendChild(dl);
    return box;
  }

  var methods = ["get", "put", "post", "delete", "patch", "head", "options"];

  function render(doc) {
    document.getElementById("title").textContent = doc.info.title + " API " + doc.info.version;
    var main = document.getElementById("doc");
    var toc = document.getElementById("toc");
    if (doc.info.description) main.appendChild(el("p", doc.info.description, "desc"));

    var groups = {};
    var order = (doc.tags || []).map(function (t) { return t.name; });
    function add(tag, node) {
      if (!groups[tag]) { groups[tag] = []; if (order.indexOf(tag) < 0) order.push(tag); }
      groups[tag].push(node);
    }
    Object.keys(doc.paths || {}).sort().forEach(function (path) {
      var item = doc.paths[path];
      methods.forEach(function (m) {
        if (item[m]) add((item[m].tags || ["other"])[0], operation(doc, m, path, item, item[m]));
      });
    });
    order.forEach(function (tag) {
      if (!groups[tag]) return;
      var sec = el("section");
      sec.id = "tag-" + anchor(tag);
      sec.appendChild(el("h2", tag));
      var t = (doc.tags || []).filter(function (x) { return x.name === tag; })[0];
      if (t && t.description) sec.appendChild(el("p", t.description));
      groups[tag].forEach(function (n) { sec.appendChild(n); });
      main.appendChild(sec);
      var li = el("li");
      var a = el("a", tag + " (" + groups[tag].length + ")");
      a.href = "#" + sec.id;
      li.appendChild(a);
      toc.appendChild(li);
    });

    if (doc.webhooks && Object.keys(doc.webhooks).length) {
      var ws = el("section");
      ws.id = "webhooks";
      ws.appendChild(el("h2", "Outbound webhooks (events sent to the tenant's URL)"));
      Object.keys(doc.webhooks).sort().forEach(function (name) {
        var item = doc.webhooks[name];
        methods.forEach(function (m) { if (item[m]) ws.appendChild(operation(doc, m, name, item, item[m])); });
      });
      main.appendChild(ws);
      var wl = el("li");
      var wa = el("a", "webhooks");
      wa.href = "#webhooks";
      wl.appendChild(wa);
      toc.appendChild(wl);
    }

    var comps = doc.components || {};
    var schemes = comps.securitySchemes || {};
    var ss = el("section");
    ss.id = "security";
    ss.appendChild(el("h2", "Credentials"));
    var sdl = el("dl");
    Object.keys(schemes).forEach(function (k) {
      sdl.appendChild(el("dt", k));
      sdl.appendChild(el("dd", schemes[k].description || schemes[k].type, "desc"));
    });
    ss.appendChild(sdl);
    main.appendChild(ss);

    var sch = el("section");
    sch.id = "schemas";
    sch.appendChild(el("h2", "Schemas"));
    Object.keys(comps.schemas || {}).sort().forEach(function (name) {
      var d = el("details", null, "op");
      d.id = "schema-" + anchor(name);
      d.appendChild(el("summary", name));
      d.appendChild(el("pre", JSON.stringify(comps.schemas[name], null, 2), "schema"));
      sch.appendChild(d);
    });
    main.appendChild(sch);
    ["security", "schemas"].forEach(function (id) {
      var li = el("li");
      var a = el("a", id === "security" ? "credentials" : id);
      a.href = "#" + id;
      li.appendChild(a);
      toc.appendChild(li);
    });
    document.getElementById("status").textContent = "";
  }

  fetch("/openapi.json", { headers: { Accept: "application/json" } })
    .then(function (r) {
      if (!r.ok) throw new Error("GET /openapi.json answered " + r.status);
      return r.json();
    })
    .then(render)
    .catch(function (e) { document.getElementById("status").textContent = "Could not load the document: " + e.message; });
})();
