// Minimal in-memory fake of the Polar API subset used by ../check.mjs.
// Only for testing the check script itself, not a reference implementation.
//
//   node test-fake/server.mjs 8765            # well-behaved
//   FAKE_BUG=no-amount-type node test-fake/server.mjs 8765
//   FAKE_BUG=local-datetime node test-fake/server.mjs 8765
//   FAKE_BUG=problem-json   node test-fake/server.mjs 8765
//   FAKE_BUG=string-amount  node test-fake/server.mjs 8765

import http from "node:http";
import { randomUUID } from "node:crypto";

const PORT = Number(process.argv[2] ?? 8765);
const BUG = process.env.FAKE_BUG ?? "";
const ORG = randomUUID();

const fields = new Map();
const products = new Map();
const prices = new Map();
const discounts = new Map();

const now = () => {
  const iso = new Date().toISOString();
  return BUG === "local-datetime" ? iso.slice(0, 19) : iso.replace("Z", "+00:00");
};

function send(res, status, body, type = "application/json") {
  if (status === 204) {
    res.writeHead(204).end();
    return;
  }
  res.writeHead(status, { "content-type": type }).end(JSON.stringify(body));
}

function notFound(res) {
  if (BUG === "problem-json") return send(res, 404, { title: "Not Found", status: 404 }, "application/problem+json");
  send(res, 404, { error: "ResourceNotFound", detail: "Not found" });
}

function invalid(res, errors) {
  send(res, 422, { detail: errors.map(([loc, msg]) => ({ loc: ["body", ...loc], msg, type: "value_error" })) });
}

function paginate(items, q) {
  const page = Number(q.get("page") ?? 1);
  const limit = Number(q.get("limit") ?? 10);
  return {
    items: items.slice((page - 1) * limit, page * limit),
    pagination: { total_count: items.length, max_page: Math.max(1, Math.ceil(items.length / limit)) },
  };
}

const matchesQuery = (name, q) => !q.get("query") || name.toLowerCase().includes(q.get("query").toLowerCase());

// --- serializers ------------------------------------------------------------

function priceOut(pr, product) {
  const out = {
    created_at: pr.created_at,
    modified_at: null,
    id: pr.id,
    amount_type: pr.amount_type,
    is_archived: pr.is_archived,
    product_id: product.id,
    type: product.recurring_interval ? "recurring" : "one_time",
    recurring_interval: product.recurring_interval,
  };
  if (pr.amount_type === "fixed") Object.assign(out, { price_currency: pr.price_currency, price_amount: pr.price_amount });
  if (pr.amount_type === "custom") {
    Object.assign(out, {
      price_currency: pr.price_currency,
      minimum_amount: pr.minimum_amount ?? null,
      maximum_amount: pr.maximum_amount ?? null,
      preset_amount: pr.preset_amount ?? null,
    });
  }
  if (BUG === "no-amount-type") delete out.amount_type;
  if (BUG === "string-amount" && out.price_amount != null) out.price_amount = String(out.price_amount);
  return out;
}

function productOut(p) {
  return {
    created_at: p.created_at,
    modified_at: p.modified_at,
    id: p.id,
    name: p.name,
    description: p.description,
    recurring_interval: p.recurring_interval,
    is_recurring: p.recurring_interval != null,
    is_archived: p.is_archived,
    organization_id: ORG,
    metadata: p.metadata,
    prices: p.price_ids.map((id) => prices.get(id)).filter((x) => !x.is_archived).map((x) => priceOut(x, p)),
    benefits: [],
    medias: [],
    attached_custom_fields: p.attached.map((a, i) => ({
      custom_field_id: a.custom_field_id,
      custom_field: fields.get(a.custom_field_id),
      order: i,
      required: a.required,
    })),
  };
}

function discountOut(d) {
  const { product_ids, ...rest } = d;
  return {
    ...rest,
    products: product_ids.map((id) => {
      const p = productOut(products.get(id));
      const { prices: _p, benefits: _b, medias: _m, attached_custom_fields: _a, ...summary } = p;
      return summary;
    }),
  };
}

// --- handlers -----------------------------------------------------------------

function createPrices(product, list) {
  return list.map((pc) => {
    const pr = { id: randomUUID(), created_at: now(), is_archived: false, ...pc };
    prices.set(pr.id, pr);
    return pr.id;
  });
}

function validateProduct(body, creating) {
  const errors = [];
  if ((creating || body.name != null) && (typeof body.name !== "string" || body.name.trim().length < 3)) {
    errors.push([["name"], "String should have at least 3 characters"]);
  }
  if (creating && (!Array.isArray(body.prices) || body.prices.length === 0)) {
    errors.push([["prices"], "List should have at least 1 item"]);
  }
  for (const [i, pc] of (body.prices ?? []).entries()) {
    if (!pc.id && !["fixed", "custom", "free"].includes(pc.amount_type)) errors.push([["prices", i], "bad amount_type"]);
    if (pc.amount_type === "fixed" && !(pc.price_amount >= 50)) errors.push([["prices", i, "price_amount"], "Amount must be at least $0.50"]);
  }
  return errors;
}

const routes = [
  // custom fields
  ["GET", /^\/v1\/custom-fields\/$/, (req, res, q) => {
    const all = [...fields.values()].filter((f) => matchesQuery(`${f.name} ${f.slug}`, q));
    send(res, 200, paginate(all, q));
  }],
  ["POST", /^\/v1\/custom-fields\/$/, (req, res, q, body) => {
    const f = {
      created_at: now(), modified_at: null, id: randomUUID(), metadata: body.metadata ?? {},
      type: body.type, slug: body.slug, name: body.name, organization_id: ORG, properties: body.properties ?? {},
    };
    fields.set(f.id, f);
    send(res, 201, f);
  }],
  ["GET", /^\/v1\/custom-fields\/([^/]+)$/, (req, res, q, body, id) => (fields.has(id) ? send(res, 200, fields.get(id)) : notFound(res))],
  ["PATCH", /^\/v1\/custom-fields\/([^/]+)$/, (req, res, q, body, id) => {
    const f = fields.get(id);
    if (!f) return notFound(res);
    for (const k of ["name", "slug", "properties", "metadata"]) if (body[k] != null) f[k] = body[k];
    f.modified_at = now();
    send(res, 200, f);
  }],
  ["DELETE", /^\/v1\/custom-fields\/([^/]+)$/, (req, res, q, body, id) => (fields.delete(id) ? send(res, 204) : notFound(res))],

  // products
  ["GET", /^\/v1\/products\/$/, (req, res, q) => {
    const ids = q.getAll("id");
    let all = [...products.values()].filter((p) => matchesQuery(p.name, q));
    if (ids.length) all = all.filter((p) => ids.includes(p.id));
    if (q.has("is_archived")) all = all.filter((p) => String(p.is_archived) === q.get("is_archived"));
    if (q.has("is_recurring")) all = all.filter((p) => String(p.recurring_interval != null) === q.get("is_recurring"));
    const page = paginate(all, q);
    send(res, 200, { ...page, items: page.items.map(productOut) });
  }],
  ["POST", /^\/v1\/products\/$/, (req, res, q, body) => {
    const errors = validateProduct(body, true);
    if (errors.length) return invalid(res, errors);
    const p = {
      id: randomUUID(), created_at: now(), modified_at: null, name: body.name, description: body.description ?? null,
      recurring_interval: body.recurring_interval ?? null, is_archived: false, metadata: body.metadata ?? {},
      attached: body.attached_custom_fields ?? [],
    };
    p.price_ids = createPrices(p, body.prices);
    products.set(p.id, p);
    send(res, 201, productOut(p));
  }],
  ["GET", /^\/v1\/products\/([^/]+)$/, (req, res, q, body, id) => (products.has(id) ? send(res, 200, productOut(products.get(id))) : notFound(res))],
  ["PATCH", /^\/v1\/products\/([^/]+)$/, (req, res, q, body, id) => {
    const p = products.get(id);
    if (!p) return notFound(res);
    const errors = validateProduct(body, false);
    if (errors.length) return invalid(res, errors);
    for (const k of ["name", "description", "metadata"]) if (body[k] !== undefined) p[k] = body[k];
    if (body.is_archived != null) p.is_archived = body.is_archived;
    if (body.attached_custom_fields != null) p.attached = body.attached_custom_fields;
    if (body.prices != null) {
      const keep = new Set(body.prices.filter((x) => x.id).map((x) => x.id));
      for (const pid of p.price_ids) if (!keep.has(pid)) prices.get(pid).is_archived = true;
      p.price_ids.push(...createPrices(p, body.prices.filter((x) => !x.id)));
    }
    p.modified_at = now();
    send(res, 200, productOut(p));
  }],

  // discounts
  ["GET", /^\/v1\/discounts\/$/, (req, res, q) => {
    const all = [...discounts.values()].filter((d) => matchesQuery(d.name, q));
    const page = paginate(all, q);
    send(res, 200, { ...page, items: page.items.map(discountOut) });
  }],
  ["POST", /^\/v1\/discounts\/$/, (req, res, q, body) => {
    const d = {
      created_at: now(), modified_at: null, id: randomUUID(), metadata: body.metadata ?? {}, name: body.name,
      code: body.code ?? null, starts_at: body.starts_at ?? null, ends_at: body.ends_at ?? null,
      max_redemptions: body.max_redemptions ?? null, redemptions_count: 0, organization_id: ORG,
      duration: body.duration, type: body.type, product_ids: body.products ?? [],
    };
    if (body.duration === "repeating") d.duration_in_months = body.duration_in_months;
    if (body.type === "fixed") Object.assign(d, { amount: body.amount, currency: body.currency ?? "usd" });
    else d.basis_points = body.basis_points;
    discounts.set(d.id, d);
    send(res, 201, discountOut(d));
  }],
  ["GET", /^\/v1\/discounts\/([^/]+)$/, (req, res, q, body, id) => (discounts.has(id) ? send(res, 200, discountOut(discounts.get(id))) : notFound(res))],
  ["PATCH", /^\/v1\/discounts\/([^/]+)$/, (req, res, q, body, id) => {
    const d = discounts.get(id);
    if (!d) return notFound(res);
    for (const k of ["name", "code", "starts_at", "ends_at", "max_redemptions", "metadata"]) if (body[k] !== undefined) d[k] = body[k];
    if (body.products != null) d.product_ids = body.products;
    d.modified_at = now();
    send(res, 200, discountOut(d));
  }],
  ["DELETE", /^\/v1\/discounts\/([^/]+)$/, (req, res, q, body, id) => (discounts.delete(id) ? send(res, 204) : notFound(res))],
];

http.createServer((req, res) => {
  let raw = "";
  req.on("data", (c) => (raw += c));
  req.on("end", () => {
    const url = new URL(req.url, "http://x");
    if (!/^Bearer polar_oat_/.test(req.headers.authorization ?? "")) return send(res, 401, { error: "Unauthorized", detail: "bad token" });
    for (const [method, re, fn] of routes) {
      const m = req.method === method && url.pathname.match(re);
      if (m) return fn(req, res, url.searchParams, raw ? JSON.parse(raw) : {}, m[1]);
    }
    send(res, 404, { error: "ResourceNotFound", detail: `no route ${req.method} ${url.pathname}` });
  });
}).listen(PORT, "127.0.0.1", () => console.log(`fake listening on ${PORT}${BUG ? ` (bug: ${BUG})` : ""}`));
