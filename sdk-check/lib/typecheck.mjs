// Type-checks recorded responses against the TypeScript types of @polar-sh/sdk 1.0.1's 2026-10 client, which
// does not validate at run time: its methods return `await response.json()` unchanged (dist/base-*.mjs,
// ClientBase.parseResponse), so what the application gets is the wire JSON itself, snake_case, datetimes as
// strings, and its types (dist/models-*.d.mts) are snake_case too. No conversion is needed before the check.
//
// For every recorded response the generated file has
//   const j7_ = <the JSON> as const; const j7 = j7_ as DeepMutable<typeof j7_>;
//   const r7: Awaited<ReturnType<Polar["products"]["create"]>> = j7;
// An intermediate variable, not a fresh object literal, so extra properties are allowed (no excess property
// check) while required fields and their types are enforced. tsc reports one problem per assignment, so the first
// responses of each method are also checked node by node: the required keys a JSON object lacks (all of them at
// once) and each primitive field's type, wherever the node's type is not a union the JSON cannot narrow.

import { mkdirSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";

const HELPERS = `
type Polar = ReturnType<typeof createPolar>;
type DeepMutable<T> = T extends object ? { -readonly [K in keyof T]: DeepMutable<T[K]> } : T;
type NN<T> = Exclude<T, null | undefined>;
type At<T, K> = K extends keyof T ? T[K] : unknown;
type Elem<T> = NN<T> extends readonly (infer E)[] ? E : unknown;
type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;
type Prim = string | number | boolean;
// The union members whose primitive fields present in J accept J's values (a discriminated union narrows).
type Mismatched<T, J> = { [K in keyof T & keyof J]: NN<T[K]> extends Prim ? (J[K] extends T[K] ? never : K) : never }[keyof T & keyof J];
type Narrow<T, J> = T extends unknown ? ([Mismatched<T, J>] extends [never] ? T : never) : never;
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
// Then, of those, the members J has every required key of, if any (a once discount is not a repeating one).
type Complete<T, J> = T extends unknown ? ([Exclude<RequiredKeys<T>, keyof J>] extends [never] ? T : never) : never;
type Prefer<T, U> = [U] extends [never] ? T : U;
type NodeOf<T, J> = Prefer<Prefer<NN<T>, Narrow<NN<T>, J>>, Complete<Prefer<NN<T>, Narrow<NN<T>, J>>, J>>;
type Missing<T, J> = true extends IsUnion<T> ? never : Exclude<RequiredKeys<T>, keyof J>;
type Leaf<T, K> = true extends IsUnion<T> ? unknown : At<T, K>;
`;

// Where SDK 1.0.1's generated types contradict Polar's own server, the check uses the server's type for that field
// and says so here, so that a correct response is not reported as wrong and a wrong one still is:
// - CustomerStateSubscription.status is typed `Status` ("granted" | "disabled", a benefit grant's status, a name
//   clash in the generator), while Polar's server (customer/schemas/state.py) sends
//   Literal[SubscriptionStatus.active, SubscriptionStatus.trialing].
const SDK_TYPE_DEFECTS = {
  "customers.getState": (t) => `FixStateStatus<${t}>`,
  "customers.getStateExternal": (t) => `FixStateStatus<${t}>`,
};
const DEFECT_HELPERS = `
type FixSub<S> = Omit<S, "status"> & { status: "active" | "trialing" };
type FixStateStatus<T> = T extends { active_subscriptions: (infer S)[] }
  ? Omit<T, "active_subscriptions"> & { active_subscriptions: FixSub<S>[] } : T;
type FixStateEvent<W> = W extends { type: "customer.state_changed"; data: infer D }
  ? Omit<W, "data"> & { data: FixStateStatus<D> } : W;
`;

const ident = (k) => JSON.stringify(String(k));

// entries: [{ label, method: "products.create" | null, typeExpr?: string, value, deep: boolean }]
// Returns { results: [{ label, ok, problems: [] }], tscOutput }.
export function typecheck(dir, sdkModule, entries) {
  mkdirSync(dir, { recursive: true });
  const lines = [`import type { createPolar, errors, webhooks } from "${sdkModule}";`, ...HELPERS.trim().split("\n"),
    ...DEFECT_HELPERS.trim().split("\n"), ""];
  const meta = new Map(); // line number (1-based) -> { entry index, what }
  let nodeCount = 0;
  const emit = (text, index, what) => {
    lines.push(text);
    if (what) meta.set(lines.length, { index, what });
  };

  entries.forEach((entry, i) => {
    const declared = entry.typeExpr
      ?? `Awaited<ReturnType<Polar${entry.method.split(".").map((m) => `[${ident(m)}]`).join("")}>>`;
    const fix = entry.method ? SDK_TYPE_DEFECTS[entry.method] : undefined;
    const typeExpr = fix ? fix(declared) : declared;
    emit(`// ${entry.label}`);
    emit(`type T${i} = ${typeExpr};`, i, { kind: "type" });
    emit(`const j${i}_ = ${JSON.stringify(entry.value)} as const;`);
    emit(`const j${i} = j${i}_ as DeepMutable<typeof j${i}_>;`);
    emit(`export const r${i}: T${i} = j${i};`, i, { kind: "whole", path: entry.schema ?? typeExpr });
    if (!entry.deep) return;
    const visit = (typeName, valueExpr, value, where) => {
      if (value === null || typeof value !== "object") return;
      if (Array.isArray(value)) {
        value.slice(0, 3).forEach((item, k) => {
          const n = `N${i}_${nodeCount++}`;
          emit(`type ${n} = Elem<${typeName}>;`);
          visitObject(n, `${valueExpr}[${k}]`, item, `${where}[]`);
        });
        return;
      }
      visitObject(typeName, valueExpr, value, where);
    };
    const visitObject = (typeName, valueExpr, value, where) => {
      if (value === null || typeof value !== "object") return;
      if (Array.isArray(value)) return visit(typeName, valueExpr, value, where);
      const n = `N${i}_${nodeCount++}`;
      emit(`type ${n} = NodeOf<${typeName}, typeof ${valueExpr}>;`);
      emit(`export const m${n}: never = null as unknown as Missing<${n}, typeof ${valueExpr}>;`, i,
        { kind: "missing", path: where });
      for (const [k, v] of Object.entries(value)) {
        const childExpr = `${valueExpr}[${ident(k)}]`;
        if (v === null || typeof v !== "object") {
          emit(`export const l${n}_${nodeCount++}: Leaf<${n}, ${ident(k)}> = ${childExpr};`, i,
            { kind: "leaf", path: `${where}.${k}`, value: v });
        } else {
          const c = `N${i}_${nodeCount++}`;
          emit(`type ${c} = Leaf<${n}, ${ident(k)}>;`);
          visit(c, childExpr, v, `${where}.${k}`);
        }
      }
    };
    visit(`T${i}`, `j${i}`, entry.value, entry.schema ?? entry.method);
    emit("");
  });

  const file = path.join(dir, "responses.mts");
  writeFileSync(file, `${lines.join("\n")}\n`);
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext",
      skipLibCheck: true, noErrorTruncation: true, types: [],
    },
    files: ["responses.mts"],
  }, null, 2));

  const tsc = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "node_modules", "typescript", "bin", "tsc");
  const run = spawnSync(process.execPath, [tsc, "-p", path.join(dir, "tsconfig.json"), "--pretty", "false"],
    { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;

  // "responses.mts(12,14): error TS2322: message" followed by indented continuation lines.
  const problems = entries.map(() => []);
  const unmatched = [];
  let current = null;
  for (const line of output.split("\n")) {
    const m = line.match(/^(.*responses\.mts)\((\d+),(\d+)\): error (TS\d+): (.*)$/);
    if (m) {
      const info = meta.get(Number(m[2]));
      current = { info, text: m[5] };
      if (info) problems[info.index].push(current);
      else unmatched.push(current);
    } else if (current && line.startsWith(" ")) {
      current.text += `\n${line}`;
    } else if (line.trim()) {
      unmatched.push({ text: line });
    }
  }
  const results = entries.map((entry, i) => ({
    label: entry.label,
    ok: problems[i].length === 0,
    problems: problems[i].map(({ info, text }) => describe(info.what, text)),
  }));
  return { results, output, unmatched, exitCode: run.status };
}

function describe(what, text) {
  if (what.kind === "missing") {
    const keys = [...text.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    const first = text.split("\n")[0];
    const names = first.match(/^Type '(.*)' is not assignable to type 'never'\.?$/)?.[1] ?? first;
    const list = [...names.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    return { kind: "missing", fields: (list.length ? list : keys).map((k) => `${what.path}.${k} missing`) };
  }
  if (what.kind === "leaf") {
    const first = text.split("\n")[0].replace(/^Type '.*?' is not assignable to type /, "expected ");
    return { kind: "leaf", fields: [`${what.path} wrong: got ${JSON.stringify(what.value)}, ${first}`] };
  }
  // The JSON's literal type is long: shorten every quoted type over 100 characters.
  const short = text.replace(/'([[{][^']{100,})'/g, "'<the JSON>'").split("\n").map((l) => l.trim()).join(" / ");
  return { kind: what.kind, fields: [], text: short };
}
