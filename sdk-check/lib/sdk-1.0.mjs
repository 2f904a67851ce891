// What the SDK 1.0.1 checks share: the 2026-10 clients, a fetch that remembers the last exchange and the
// Polar-Version header sent, the recording of every response for the type check, a loopback webhook receiver whose
// deliveries are verified by validateEvent and standardwebhooks, and the closing tsc --strict type check.

import path from "node:path";
import { createServer } from "node:http";
import { createPolar, errors, webhooks } from "sdk-1-0/2026-10";
import { Webhook } from "standardwebhooks";
import { check, checkEq, need, expectError, truncate, safeJson, createRunner, kassaEnv } from "./harness.mjs";
import { typecheck } from "./typecheck.mjs";
import { operationKey } from "./schema-check.mjs";

export const SDK_MODULE = "sdk-1-0/2026-10";
export { errors, webhooks };

// The model each method returns (from dist/index-*.d.mts), for readable field paths; the type check itself uses
// the method's declared return type.
const MODELS = {
  customFields: "CustomField", products: "Product", discounts: "Discount", checkouts: "Checkout", orders: "Order",
  subscriptions: "Subscription", customers: "Customer", customerSessions: "CustomerSession", checkoutLinks: "CheckoutLink",
  refunds: "Refund", "customerPortal.orders": "CustomerOrder", "customerPortal.subscriptions": "CustomerSubscription",
  "customerPortal.customers": "CustomerPortalCustomer",
};
function modelName(method) {
  const parts = method.split(".");
  const fn = parts.pop();
  const base = MODELS[parts.join(".")] ?? method;
  if (fn === "list") return `ListResource${base}`;
  if (fn === "clientGet" || fn === "clientUpdate") return "CheckoutPublic";
  if (fn === "clientConfirm") return "CheckoutPublicConfirmed";
  if (fn.startsWith("getState")) return "CustomerState";
  return base;
}

export function createCheck(script) {
  const { url, token } = kassaEnv(script);
  const runner = createRunner((err) => {
    if (err instanceof errors.ResourceNotFound || err?.name === "PolarClientError" || err?.statusCode) {
      return `${err.constructor?.name ?? err.name}: HTTP ${err.statusCode} ${safeJson(err.error)}`;
    }
    return null;
  });
  const { exchange } = runner;

  // Every request goes through fetch: remember the last exchange and check the version header.
  const versions = new Set();
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    // The SDK's requests (not the plain-HTTP helpers: the Stripe emulator, Kassa's own expire and test helpers).
    if (!/\/_stripe\/|\/expire$|\/test-helpers\//.test(new URL(request.url).pathname)) {
      versions.add(request.headers.get("polar-version"));
    }
    const body = request.body ? await request.clone().text() : "";
    exchange.last = `${request.method} ${request.url}${body ? ` body=${truncate(body, 600)}` : ""}`;
    const response = await realFetch(request);
    exchange.last += ` -> ${response.status} ${response.headers.get("content-type") ?? "(no content-type)"}`;
    exchange.operation = `${request.method} ${new URL(request.url).pathname}`;
    return response;
  };

  const polar = createPolar({ accessToken: token, baseUrl: url, timeout: 30 });
  // The buyer (checkout page, portal) has no organization token; the 2026-10 client always sends a bearer header,
  // so the buyer's client sends an empty one, and the portal calls pass the customer session as the access token.
  const buyer = createPolar({ accessToken: "", baseUrl: url, timeout: 30 });
  const asCustomer = (customerToken) => ({ accessToken: customerToken });

  const recorded = [];
  const deepDone = new Map();
  // Records a method's result, typed as that method's return type. Lists record the page.
  function rec(method, value, note = "") {
    const count = deepDone.get(method) ?? 0;
    deepDone.set(method, count + 1);
    recorded.push({
      label: `${method}${note ? ` (${note})` : ""}`, method, schema: modelName(method), value, deep: count < 2,
      operation: exchange.operation ? operationKey(exchange.operation) : method,
    });
    return value;
  }
  async function call(method, promise, note) {
    return rec(method, await promise, note);
  }
  // An expected error: its class, and its body recorded as that class's `error` type.
  async function expectApiError(errorClass, fn, note) {
    const err = await expectError(errorClass, fn);
    recorded.push({
      label: `${errorClass.name} body${note ? ` (${note})` : ""}`, schema: errorClass.name, deep: true,
      typeExpr: `InstanceType<typeof errors.${errorClass.name}>["error"]`, value: err.error,
      operation: exchange.operation ? operationKey(exchange.operation) : errorClass.name,
    });
    return err;
  }

  // A merchant's webhook receiver on loopback (test mode accepts http to loopback): every delivery is kept as sent.
  const deliveries = [];
  let receiver;
  async function startReceiver() {
    receiver = createServer((req, res) => {
      const chunks = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        deliveries.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        res.writeHead(202).end();
      });
    });
    await new Promise((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiver.unref();
    return `http://127.0.0.1:${receiver.address().port}/polar-webhook`;
  }

  // Waits for every type in `required` (30 s), then verifies each delivery with validateEvent and standardwebhooks
  // and records the first two payloads of each type for the type check. Returns the verified events.
  async function verifyDeliveries(endpoint, required) {
    const deadline = Date.now() + 30_000;
    const types = () => new Set(deliveries.map((d) => JSON.parse(d.body).type));
    while (required.some((t) => !types().has(t)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
    }
    checkEq(required.filter((t) => !types().has(t)), [], "event types not received within 30 s");
    // standardwebhooks takes the key base64-encoded; Polar signs with the UTF-8 bytes of the whole secret.
    const standard = new Webhook(Buffer.from(endpoint.secret, "utf8").toString("base64"));
    const seen = new Map();
    const events = [];
    for (const d of deliveries) {
      const headers = Object.fromEntries(Object.entries(d.headers).map(([k, v]) => [k, String(v)]));
      const event = await webhooks.validateEvent(d.body, headers, endpoint.secret);
      standard.verify(d.body, headers);
      check(typeof event.timestamp === "string" || event.timestamp instanceof Date, "timestamp");
      seen.set(event.type, (seen.get(event.type) ?? 0) + 1);
      if ((seen.get(event.type) ?? 0) <= 2) {
        // FixStateEvent: the customer.state_changed payload's subscriptions have the SDK's defective status type
        // (see SDK_TYPE_DEFECTS in typecheck.mjs), as customers.getState's answer has.
        recorded.push({ label: `webhook ${event.type}`, schema: "WebhookPayload", deep: true,
          typeExpr: "FixStateEvent<webhooks.WebhookPayload>", value: JSON.parse(d.body), operation: `webhook ${event.type}` });
      }
      events.push(JSON.parse(d.body));
    }
    const ids = deliveries.map((d) => d.headers["webhook-id"]);
    checkEq(ids.length, new Set(ids).size, "each delivery a distinct webhook-id (no duplicates)");
    return events;
  }

  // The type check of every recorded response; exits with the run's summary.
  function finish(scriptUrl) {
    const { pass, fail, summary } = runner;
    console.log(`type-checking ${recorded.length} recorded responses against ${SDK_MODULE} with tsc --strict ...`);
    const dir = path.join(path.dirname(new URL(scriptUrl).pathname), ".typecheck", path.basename(new URL(scriptUrl).pathname, ".mjs"));
    const { results, unmatched, output } = typecheck(dir, SDK_MODULE, recorded);
    if (unmatched.length > 0) {
      fail("tsc ran on the generated file", `tsc errors outside the checked statements:\n${truncate(output, 3000)}`);
    }
    const byOperation = new Map();
    results.forEach((r, i) => {
      const name = `types ${r.label} -> ${recorded[i].schema ?? recorded[i].method}`;
      if (r.ok) return pass(name);
      const lines = [...new Set(r.problems.flatMap((p) => (p.fields.length ? p.fields : [p.text])))];
      const key = recorded[i].operation;
      if (!byOperation.has(key)) byOperation.set(key, new Set());
      const fieldsFound = r.problems.flatMap((p) => p.fields);
      // A union tsc could not narrow gives only the whole assignment's message: list that.
      for (const f of fieldsFound.length ? fieldsFound : r.problems.map((p) => truncate(p.text, 600))) byOperation.get(key).add(f);
      fail(name, lines.map((l) => `\n    ${truncate(l, 600)}`).join(""));
    });
    if (byOperation.size > 0) {
      console.log("type problems by operation (each field once):");
      for (const [op, set] of [...byOperation].sort(([a], [b]) => a.localeCompare(b))) {
        console.log(`  ${op}`);
        for (const p of [...set].sort()) console.log(`    ${p}`);
      }
    }
    process.exit(summary({
      typeProblems: Object.fromEntries([...byOperation].map(([op, set]) => [op, [...set].sort()])),
    }));
  }

  return { url, token, polar, buyer, asCustomer, versions, recorded, rec, call, expectApiError, startReceiver,
    deliveries, verifyDeliveries, finish, need, ...runner };
}
