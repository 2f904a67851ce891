// The tiny test harness every SDK check shares: steps that print "ok"/"FAIL", assertions, the last HTTP
// exchange for failure reports, and the closing "N passed, N failed" line.

import { writeFileSync } from "node:fs";
import { operationKey } from "./schema-check.mjs";

export class CheckError extends Error {}

export function check(condition, message) {
  if (!condition) throw new CheckError(message);
}

// Compares as JSON with object keys sorted: PostgreSQL's jsonb (Polar's and Kassa's metadata storage)
// does not keep key order.
export function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical(value[k])]));
  }
  return value;
}

export function checkEq(actual, expected, what) {
  check(
    JSON.stringify(canonical(actual)) === JSON.stringify(canonical(expected)),
    `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
  );
}

// Throws a readable "skipped" failure when an earlier step did not produce the object this step depends on.
export function need(value, what) {
  if (value == null) throw new CheckError(`skipped, needs ${what} from an earlier step`);
  return value;
}

// Runs fn, which must throw an instance of errorClass.
export async function expectError(errorClass, fn) {
  try {
    await fn();
  } catch (err) {
    if (err instanceof errorClass) return err;
    throw err;
  }
  throw new CheckError(`expected the SDK to throw ${errorClass.name}, but the call succeeded`);
}

export function truncate(s, n = 2000) {
  s = String(s);
  return s.length > n ? `${s.slice(0, n)}...(${s.length - n} more chars)` : s;
}

export function safeJson(v) {
  try {
    return JSON.stringify(v, (k, x) => (k === "HttpMeta" ? undefined : x));
  } catch {
    return String(v);
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Flattens Zod issues (works with the zod 3 and zod 4 issue shapes) into "path: message" lines. Union failures
// list what each member rejected.
export function zodIssues(issues, prefix = [], depth = 0) {
  const lines = [];
  const pad = "    ".repeat(depth + 1);
  for (const issue of issues ?? []) {
    const path = [...prefix, ...(issue.path ?? [])].join(".") || "<root>";
    lines.push(`${pad}[${path}] ${issue.message} (${issue.code})`);
    // zod 3: issue.unionErrors (ZodError[], absolute paths);
    // zod 4: issue.errors (issue[][], paths relative to the union).
    const members = issue.unionErrors?.map((e) => e.issues) ?? issue.errors;
    const memberPrefix = issue.unionErrors ? [] : [...prefix, ...(issue.path ?? [])];
    if (Array.isArray(members) && depth < 3) {
      members.forEach((memberIssues, i) => {
        lines.push(`${pad}  union member ${i + 1}:`);
        lines.push(...zodIssues(memberIssues, memberPrefix, depth + 1));
      });
    }
  }
  return lines;
}

// A runner: step(name, fn) runs one check; describe(err) turns an SDK-specific error into a report line.
// exchange.last is the last HTTP exchange, set by the SDK client's hooks (or a fetch wrapper).
export function createRunner(describe) {
  const exchange = { last: "" };
  const counts = { passed: 0, failed: 0 };
  const failures = [];

  function describeError(err) {
    const where = exchange.last ? `\n    last HTTP exchange: ${exchange.last}` : "";
    if (err instanceof CheckError) return `${err.message}${where}`;
    const specific = describe?.(err);
    if (specific != null) return `${specific}${where}`;
    const name = err?.name ?? "Error";
    const cause = err?.cause ? ` (cause: ${err.cause})` : "";
    return `${name}: ${err?.message ?? String(err)}${cause}${where}`;
  }

  // Schema problems recorded while the current step runs (see schema-check.mjs): the step fails with them.
  let problems = [];
  const byOperation = new Map(); // normalized operation -> Set of problems, over the whole run
  function noteProblems(operation, list) {
    const line = `${operation}: ${list.join("; ")}`;
    if (!problems.includes(line)) problems.push(line);
    const key = operationKey(operation);
    if (!byOperation.has(key)) byOperation.set(key, new Set());
    for (const p of list) byOperation.get(key).add(p);
  }

  async function step(name, fn) {
    exchange.last = "";
    problems = [];
    let reason = null;
    try {
      await fn();
    } catch (err) {
      reason = describeError(err);
    }
    if (problems.length > 0) {
      const list = problems.map((p) => `\n    schema: ${p}`).join("");
      reason = reason == null ? `the SDK's schema rejects a response${list}` : `${reason}${list}`;
    }
    if (reason == null) {
      counts.passed++;
      console.log(`ok ${name}`);
    } else {
      counts.failed++;
      failures.push({ name, reason, problems });
      console.log(`FAIL ${name}: ${reason}`);
    }
  }

  // Counts a failure found outside a step (the 1.0.1 check's type check of every recorded response).
  function fail(name, reason) {
    counts.failed++;
    failures.push({ name, reason });
    console.log(`FAIL ${name}: ${reason}`);
  }

  function pass(name) {
    counts.passed++;
    console.log(`ok ${name}`);
  }

  // Every schema problem of the run by operation, then the closing line. SDK_CHECK_REPORT=file also writes them
  // (and the failed steps) there as JSON.
  function summary(extra = {}) {
    if (byOperation.size > 0) {
      console.log("schema problems by operation (each field once):");
      for (const [op, set] of [...byOperation].sort(([a], [b]) => a.localeCompare(b))) {
        console.log(`  ${op}`);
        for (const p of [...set].sort()) console.log(`    ${p}`);
      }
    }
    if (process.env.SDK_CHECK_REPORT) {
      const report = {
        ...extra,
        passed: counts.passed,
        failed: counts.failed,
        schemaProblems: Object.fromEntries([...byOperation].map(([op, set]) => [op, [...set].sort()])),
        failedSteps: failures.map((f) => ({ name: f.name, reason: f.reason })),
      };
      writeFileSync(process.env.SDK_CHECK_REPORT, `${JSON.stringify(report, null, 2)}\n`);
    }
    console.log(`${counts.passed} passed, ${counts.failed} failed`);
    return counts.failed > 0 ? 1 : 0;
  }

  return { step, fail, pass, summary, noteProblems, byOperation, exchange, counts, failures };
}

// The environment every check needs.
export function kassaEnv(script) {
  const url = process.env.KASSA_URL;
  const token = process.env.KASSA_TOKEN;
  if (!url || !token) {
    console.error(`usage: KASSA_URL=http://127.0.0.1:8000 KASSA_TOKEN=polar_oat_... node ${script}`);
    process.exit(2);
  }
  return { url: url.replace(/\/+$/, ""), token };
}

// A Stripe ConfirmationToken made by Kassa's Stripe emulator (test mode), as Stripe.js makes one in a browser.
export const STRIPE_EMULATOR_KEY = "sk_test_kassa_emulator";

export async function confirmationToken(kassaUrl, paymentMethod) {
  const response = await fetch(`${kassaUrl}/_stripe/v1/test_helpers/confirmation_tokens`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${STRIPE_EMULATOR_KEY}:`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ payment_method: paymentMethod }).toString(),
  });
  const text = await response.text();
  checkEq(response.status, 200, `POST /_stripe/v1/test_helpers/confirmation_tokens status (${truncate(text, 300)})`);
  const id = JSON.parse(text).id;
  check(typeof id === "string" && id.startsWith("ctoken_"), `confirmation token id: ${id}`);
  return id;
}

// Kassa's own POST /v1/checkouts/{id}/expire (Polar has no such route).
export async function expireCheckout(kassaUrl, token, id) {
  const response = await fetch(`${kassaUrl}/v1/checkouts/${id}/expire`, {
    method: "POST", headers: { authorization: `Bearer ${token}` },
  });
  checkEq(response.status, 200, `POST /v1/checkouts/{id}/expire status (${await response.clone().text()})`);
  checkEq((await response.json()).status, "expired", "status after expire");
}
