// Reports every field a response lacks for an SDK's Zod schema, not only the first endpoint that breaks.
//
// The SDK throws at the first response its schema rejects, and every later step that needs that object would only
// say "skipped". So the SDK's HTTP client gets a fetcher that, for the operations listed below, parses each 2xx JSON
// body with the same component schema the SDK is about to use (`<Name>$inboundSchema` from the SDK's own
// models/components), records every problem (the field path as sent on the wire, e.g. `Product.trial_interval
// missing`), and hands the SDK a body patched just enough to parse (null for a missing field, else a value of the
// expected type), so the run goes on. The step that made the request still fails, listing the recorded problems:
// a patched body never makes a step pass. Operations not listed are left to the SDK's own validation.

const OPERATIONS = [
  ["POST", /^\/v1\/custom-fields\/$/, "CustomField"],
  ["GET", /^\/v1\/custom-fields\/$/, "ListResourceCustomField"],
  ["GET PATCH", /^\/v1\/custom-fields\/[^/]+$/, "CustomField"],
  ["POST", /^\/v1\/products\/$/, "Product"],
  ["GET", /^\/v1\/products\/$/, "ListResourceProduct"],
  ["GET PATCH", /^\/v1\/products\/[^/]+$/, "Product"],
  ["POST", /^\/v1\/discounts\/$/, "Discount"],
  ["GET", /^\/v1\/discounts\/$/, "ListResourceDiscount"],
  ["GET PATCH", /^\/v1\/discounts\/[^/]+$/, "Discount"],
  ["POST", /^\/v1\/checkouts\/$/, "Checkout"],
  ["GET", /^\/v1\/checkouts\/$/, "ListResourceCheckout"],
  ["GET PATCH", /^\/v1\/checkouts\/client\/[^/]+$/, "CheckoutPublic"],
  ["POST", /^\/v1\/checkouts\/client\/[^/]+\/confirm$/, "CheckoutPublicConfirmed"],
  ["GET PATCH", /^\/v1\/checkouts\/[^/]+$/, "Checkout"],
  ["GET", /^\/v1\/orders\/$/, "ListResourceOrder"],
  ["GET", /^\/v1\/orders\/[^/]+$/, "Order"],
  ["GET", /^\/v1\/subscriptions\/$/, "ListResourceSubscription"],
  ["GET", /^\/v1\/subscriptions\/[^/]+$/, "Subscription"],
  ["POST", /^\/v1\/customers\/$/, "Customer"],
  ["GET", /^\/v1\/customers\/$/, "ListResourceCustomer"],
  ["GET", /^\/v1\/customers\/(external\/)?[^/]+\/state$/, "CustomerState"],
  ["GET PATCH", /^\/v1\/customers\/external\/[^/]+$/, "Customer"],
  ["GET PATCH", /^\/v1\/customers\/[^/]+$/, "Customer"],
  ["POST", /^\/v1\/customer-sessions\/$/, "CustomerSession"],
  ["GET", /^\/v1\/customer-portal\/customers\/me$/, "CustomerPortalCustomer"],
  ["GET", /^\/v1\/customer-portal\/orders\/$/, "ListResourceCustomerOrder"],
  ["GET", /^\/v1\/customer-portal\/orders\/[^/]+$/, "CustomerOrder"],
  ["GET", /^\/v1\/customer-portal\/subscriptions\/$/, "ListResourceCustomerSubscription"],
  ["GET", /^\/v1\/customer-portal\/subscriptions\/[^/]+$/, "CustomerSubscription"],
];

export function schemaNameFor(method, pathname) {
  for (const [methods, pattern, name] of OPERATIONS) {
    if (methods.split(" ").includes(method) && pattern.test(pathname)) return name;
  }
  return null;
}

function getAt(value, path) {
  let v = value;
  for (const key of path) {
    if (v == null || typeof v !== "object") return undefined;
    v = v[key];
  }
  return v;
}

function setAt(value, path, leaf) {
  let v = value;
  for (const key of path.slice(0, -1)) {
    if (v[key] == null || typeof v[key] !== "object") v[key] = typeof key === "number" ? [] : {};
    v = v[key];
  }
  v[path[path.length - 1]] = leaf;
}

// `items.0.prices.1.amount_type` -> `items[].prices[].amount_type`
export function fieldPath(schema, path) {
  return path.reduce((s, k) => (typeof k === "number" ? `${s}[]` : `${s}.${k}`), schema);
}

const NO_GUESS = Symbol("no guess");

// A value that satisfies one leaf issue, or NO_GUESS. Union issues pick the member with the fewest problems.
function guess(issue) {
  switch (issue.code) {
    case "invalid_type":
      return { string: "", number: 0, int: 0, boolean: false, array: [], object: {}, record: {}, null: null,
        date: "1970-01-01T00:00:00Z" }[issue.expected] ?? NO_GUESS;
    case "invalid_value":
      return issue.values?.length ? issue.values[0] : NO_GUESS;
    case "invalid_format":
      return issue.format === "datetime" ? "1970-01-01T00:00:00Z" : issue.format === "date" ? "1970-01-01" : NO_GUESS;
    default:
      return NO_GUESS;
  }
}

function bestUnionMember(issue) {
  const members = (issue.errors ?? []).filter((m) => m.length > 0);
  if (members.length === 0) return null;
  // An enum member (a single literal) is the most useful guess; otherwise the member closest to matching.
  const literal = members.find((m) => m.length === 1 && m[0].code === "invalid_value" && m[0].path.length === 0);
  return literal ?? members.reduce((a, b) => (b.length < a.length ? b : a));
}

// Patches `value` in place for the issues; returns the list of problems found (strings), or null if stuck.
function patch(value, issues, schema, prefix, triedNull, problems) {
  let progressed = false;
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path ?? [])];
    const key = path.join("\u0000");
    const current = getAt(value, path);
    const where = fieldPath(schema, path);
    if (current === undefined && !triedNull.has(key) && path.length > 0) {
      triedNull.add(key);
      problems.add(`${where} missing`);
      setAt(value, path, null);
      progressed = true;
      continue;
    }
    if (issue.code === "invalid_union") {
      const member = bestUnionMember(issue);
      if (!member) continue;
      // An object that matches no member: the chosen member's own issues name the fields.
      if (current !== undefined && current !== null && typeof current !== "object") {
        problems.add(`${where} wrong: got ${JSON.stringify(current)?.slice(0, 120)}, which matches no allowed value`);
      } else if (current === null && !triedNull.has(key)) {
        problems.add(`${where} is null, which the schema does not allow`);
      }
      triedNull.add(key);
      if (patch(value, member, schema, path, triedNull, problems)) progressed = true;
      continue;
    }
    const v = guess(issue);
    if (v === NO_GUESS || path.length === 0) {
      problems.add(`${where}: ${issue.message} (${issue.code}${issue.expected ? `, expected ${issue.expected}` : ""}`
        + `, got ${JSON.stringify(current)?.slice(0, 120)})`);
      continue;
    }
    if (current === null && triedNull.has(key)) {
      // Missing, and not nullable: already reported as missing.
    } else if (current === null) {
      problems.add(`${where} is null, expected ${issue.expected ?? issue.format ?? JSON.stringify(issue.values)}`);
    } else if (current !== undefined) {
      problems.add(`${where} wrong: expected ${issue.expected ?? issue.format ?? `one of ${JSON.stringify(issue.values)}`}`
        + `, got ${JSON.stringify(current)?.slice(0, 120)}`);
    }
    if (JSON.stringify(current) !== JSON.stringify(v)) {
      setAt(value, path, v);
      progressed = true;
    }
  }
  return progressed;
}

// Checks body (parsed JSON) against the SDK's schema; returns { problems: string[], patched }.
export function checkAgainst(schemaObject, schemaName, body) {
  const problems = new Set();
  const triedNull = new Set();
  let value = structuredClone(body);
  for (let round = 0; round < 40; round++) {
    const result = schemaObject.safeParse(value);
    if (result.success) return { problems: [...problems], patched: value, parsed: true };
    if (!patch(value, result.error.issues, schemaName, [], triedNull, problems)) {
      return { problems: [...problems], patched: value, parsed: false };
    }
  }
  return { problems: [...problems], patched: value, parsed: false };
}

// A fetcher for the SDK's HTTPClient. loadSchema(name) resolves to the Zod schema or undefined. Problems go to
// onProblems(operation, problems).
export function schemaCheckingFetcher(loadSchema, onProblems) {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const response = await fetch(request);
    const method = request.method.toUpperCase();
    const pathname = new URL(request.url).pathname;
    const name = schemaNameFor(method, pathname);
    const isJson = (response.headers.get("content-type") ?? "").includes("json");
    if (!name || response.status < 200 || response.status >= 300 || !isJson) return response;
    const schema = await loadSchema(name);
    if (!schema) return response;
    const text = await response.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      return new Response(text, response);
    }
    const { problems, patched, parsed } = checkAgainst(schema, name, body);
    if (problems.length === 0 && parsed) return new Response(text, response);
    onProblems(`${method} ${pathname}`, problems.length ? problems : [`${name}: the SDK's schema rejects the body`]);
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    return new Response(parsed ? JSON.stringify(patched) : text,
      { status: response.status, statusText: response.statusText, headers });
  };
}

// `GET /v1/checkouts/client/polar_c_abc` -> `GET /v1/checkouts/client/{client_secret}`
export function operationKey(operation) {
  return operation
    .replace(/\/external\/[^/]+/, "/external/{external_id}")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "{id}")
    .replace(/\/client\/[^/]+/, "/client/{client_secret}");
}
