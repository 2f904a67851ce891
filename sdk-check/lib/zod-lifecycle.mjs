// The lifecycle every Speakeasy-generated SDK runs: @polar-sh/sdk 0.32.10 (check.mjs) and 0.49.0 (check-0.49.mjs)
// share the client shape (new Polar({ serverURL, accessToken }), camelCase models, Zod-parsed responses), so one
// script drives both. Every response is parsed by the SDK's own Zod schemas, so a step passes only if the SDK
// accepts what Kassa returned (plus sanity assertions on the values). Differences between the versions are
// guarded by `sdk.version`.

import { randomUUID } from "node:crypto";
import {
  CheckError, check, checkEq, need, expectError, truncate, safeJson, sleep, zodIssues, createRunner,
  confirmationToken as emulatorConfirmationToken, expireCheckout,
} from "./harness.mjs";
import { schemaCheckingFetcher } from "./schema-check.mjs";

// sdk: { version, Polar, HTTPClient, loadComponent(file) (imports models/components/<file>.js), errors: { SDKValidationError, ResponseValidationError?, SDKError,
// ResourceNotFound, HTTPValidationError, NotPermitted, NotOpenCheckout, ExpiredCheckoutError, PaymentError,
// AlreadyActiveSubscriptionError } }.
// Returns the process exit code.
export async function runLifecycle(sdk, { url: KASSA_URL, token: KASSA_TOKEN }) {
  const {
    SDKValidationError, ResponseValidationError, SDKError, ResourceNotFound, HTTPValidationError, NotPermitted,
    NotOpenCheckout, ExpiredCheckoutError, PaymentError, AlreadyActiveSubscriptionError,
  } = sdk.errors;
  const at049 = sdk.version !== "0.32.10";

  const { step, summary, noteProblems, exchange } = createRunner((err) => {
    // 0.32.10 throws SDKValidationError for a response its schema rejects; 0.49.0 throws ResponseValidationError
    // (and SDKValidationError only for a request body it rejects before sending it).
    const validation = (ResponseValidationError && err instanceof ResponseValidationError) ? "ResponseValidationError"
      : err instanceof SDKValidationError ? "SDKValidationError" : null;
    if (validation) {
      const issues = err.cause?.issues ? `\n${zodIssues(err.cause.issues).join("\n")}` : ` ${err.cause}`;
      return `${validation}: ${err.rawMessage} (the SDK rejected the data against its Zod schema)`
        + `${issues}\n    raw value: ${truncate(safeJson(err.rawValue))}`;
    }
    if (err instanceof SDKError) {
      return `SDKError: HTTP ${err.statusCode}, content-type "${err.contentType}", body: ${truncate(err.body)}`;
    }
    if ([ResourceNotFound, HTTPValidationError, NotPermitted, NotOpenCheckout, ExpiredCheckoutError, PaymentError,
      AlreadyActiveSubscriptionError].some((c) => err instanceof c)) {
      return `${err.name}: ${safeJson(err.data$)}`;
    }
    return null;
  });

  // --- HTTP client that remembers the last exchange, for failure reports -------

  const schemas = new Map();
  const loadSchema = async (name) => {
    if (!schemas.has(name)) {
      schemas.set(name, sdk.loadComponent(name.toLowerCase())
        .then((m) => m[`${name}$inboundSchema`], () => undefined));
    }
    return schemas.get(name);
  };
  const httpClient = new sdk.HTTPClient({ fetcher: schemaCheckingFetcher(loadSchema, noteProblems) });
  httpClient.addHook("beforeRequest", async (req) => {
    let body = "";
    if (req.body != null) {
      try {
        body = await req.clone().text();
      } catch {
        body = "<unreadable>";
      }
    }
    exchange.last = `${req.method} ${req.url}${body ? ` body=${truncate(body, 600)}` : ""}`;
  });
  httpClient.addHook("response", (res) => {
    exchange.last += ` -> ${res.status} ${res.headers.get("content-type") ?? "(no content-type)"}`;
  });

  const polar = new sdk.Polar({ accessToken: KASSA_TOKEN, serverURL: KASSA_URL, httpClient });
  // The buyer's side (checkout page, customer portal) has no organization token: customer portal methods take the
  // customer session as a per-call security argument.
  const buyer = new sdk.Polar({ serverURL: KASSA_URL, httpClient });

  // Collects all items from a paginated SDK list call (PageIterator).
  async function collectPages(listPromise) {
    const pages = [];
    for await (const page of await listPromise) pages.push(page.result);
    return { pages, items: pages.flatMap((p) => p.items) };
  }

  // --- shared state -------------------------------------------------------------

  const run = Date.now().toString(36); // makes names/slugs/codes unique per run
  const tag = `kassa-check-${run}`;
  const fields = {}; // custom fields by type
  const products = {}; // products by role
  const discounts = {}; // discounts by role

  const hour = 3600 * 1000;
  const startsAt = new Date(Math.floor(Date.now() / 1000) * 1000 - hour);
  const endsAt = new Date(startsAt.getTime() + 30 * 24 * hour);

  console.log(`Kassa SDK conformance check, @polar-sh/sdk ${sdk.version}, server ${KASSA_URL}, run ${run}`);

  // --- custom fields --------------------------------------------------------------

  async function createField(type, extra) {
    const field = await polar.customFields.create({
      type,
      slug: `${tag}-${type}`,
      name: `${tag} ${type}`,
      metadata: { kassa_check: run },
      ...extra,
    });
    fields[type] = field;
    checkEq(field.type, type, "type");
    checkEq(field.slug, `${tag}-${type}`, "slug");
    check(typeof field.organizationId === "string", "organizationId missing");
    check(field.createdAt instanceof Date, "createdAt is not a datetime");
    checkEq(field.metadata, { kassa_check: run }, "metadata");
    return field;
  }

  await step("customFields.create text (minLength/maxLength)", async () => {
    const f = await createField("text", {
      properties: { formLabel: "Your company", textarea: false, minLength: 2, maxLength: 50 },
    });
    checkEq(f.properties.minLength, 2, "properties.minLength");
    checkEq(f.properties.maxLength, 50, "properties.maxLength");
  });

  await step("customFields.create number (ge/le)", async () => {
    const f = await createField("number", { properties: { formLabel: "Seats", ge: 1, le: 100 } });
    checkEq(f.properties.ge, 1, "properties.ge");
    checkEq(f.properties.le, 100, "properties.le");
  });

  await step("customFields.create date", async () => {
    await createField("date", { properties: { formLabel: "Start date" } });
  });

  await step("customFields.create checkbox", async () => {
    await createField("checkbox", { properties: { formLabel: "I accept the terms" } });
  });

  await step("customFields.create select (options)", async () => {
    const f = await createField("select", {
      properties: {
        formLabel: "Plan size",
        options: [
          { value: "s", label: "Small" },
          { value: "m", label: "Medium" },
          { value: "l", label: "Large" },
        ],
      },
    });
    checkEq(f.properties.options.length, 3, "properties.options.length");
    checkEq(f.properties.options[1], { value: "m", label: "Medium" }, "properties.options[1]");
  });

  await step("customFields.list paginated (limit 2, for await over pages)", async () => {
    const { pages, items } = await collectPages(polar.customFields.list({ limit: 2 }));
    check(pages.length >= 1, "no page returned");
    for (const p of pages) check(p.items.length <= 2, `page has ${p.items.length} items with limit 2`);
    const first = pages[0].pagination;
    check(Number.isInteger(first.totalCount) && Number.isInteger(first.maxPage), "pagination.totalCount/maxPage");
    checkEq(items.length, first.totalCount, "items across all pages vs pagination.totalCount");
    const ids = new Set(items.map((f) => f.id));
    for (const f of Object.values(fields)) check(ids.has(f.id), `custom field ${f.type} ${f.id} not listed`);
  });

  await step("customFields.list query + single page (.result)", async () => {
    const page = await polar.customFields.list({ query: tag, page: 1, limit: 10 });
    const { items, pagination } = page.result;
    checkEq(items.length, Object.keys(fields).length, "items matching query");
    checkEq(pagination.totalCount, Object.keys(fields).length, "pagination.totalCount");
    checkEq(pagination.maxPage, 1, "pagination.maxPage");
  });

  await step("customFields.get", async () => {
    const text = need(fields.text, "text custom field");
    const f = await polar.customFields.get({ id: text.id });
    checkEq(f.id, text.id, "id");
    checkEq(f.type, "text", "type");
    checkEq(f.properties.maxLength, 50, "properties.maxLength");
  });

  await step("customFields.update text (name, properties)", async () => {
    const text = need(fields.text, "text custom field");
    const f = await polar.customFields.update({
      id: text.id,
      customFieldUpdate: {
        type: "text",
        name: `${tag} text renamed`,
        properties: { formLabel: "Company name", textarea: true, minLength: 3, maxLength: 80 },
        metadata: { kassa_check: run, updated: true },
      },
    });
    checkEq(f.name, `${tag} text renamed`, "name");
    checkEq(f.properties.maxLength, 80, "properties.maxLength");
    checkEq(f.properties.textarea, true, "properties.textarea");
    check(f.modifiedAt instanceof Date, "modifiedAt should be set after an update");
    fields.text = f;
  });

  await step("customFields.update select (options)", async () => {
    const select = need(fields.select, "select custom field");
    const f = await polar.customFields.update({
      id: select.id,
      customFieldUpdate: {
        type: "select",
        properties: {
          formLabel: "Plan size",
          options: [
            { value: "s", label: "Small" },
            { value: "xl", label: "Extra large" },
          ],
        },
      },
    });
    checkEq(f.properties.options.map((o) => o.value), ["s", "xl"], "option values");
    fields.select = f;
  });

  await step("customFields.delete checkbox", async () => {
    const checkbox = need(fields.checkbox, "checkbox custom field");
    const res = await polar.customFields.delete({ id: checkbox.id });
    check(res === undefined, `delete should resolve to undefined (204), got ${safeJson(res)}`);
    delete fields.checkbox;
    fields.deletedId = checkbox.id;
  });

  await step("customFields.get deleted -> ResourceNotFound", async () => {
    const id = need(fields.deletedId, "deleted custom field");
    const err = await expectError(ResourceNotFound, () => polar.customFields.get({ id }));
    check(typeof err.detail === "string", "ResourceNotFound.detail should be a string");
  });
  delete fields.deletedId;

  // --- products -------------------------------------------------------------------

  function checkPrice(price, { amountType, type, recurringInterval }) {
    checkEq(price.amountType, amountType, "prices[0].amountType");
    // 0.49.0's price models no longer have the legacy type/recurring_interval (Zod strips them).
    if (!at049) {
      checkEq(price.type, type, "prices[0].type");
      checkEq(price.recurringInterval, recurringInterval, "prices[0].recurringInterval");
    }
    checkEq(price.isArchived, false, "prices[0].isArchived");
    check(typeof price.id === "string" && typeof price.productId === "string", "price id/productId");
  }

  async function createProduct(role, body, expected) {
    const p = await polar.products.create({ ...body, name: `${tag} ${role}` });
    products[role] = p; // stored before the assertions so later steps can still use it
    checkEq(p.name, `${tag} ${role}`, "name");
    checkEq(p.recurringInterval, body.recurringInterval, "recurringInterval");
    checkEq(p.isRecurring, body.recurringInterval != null, "isRecurring");
    checkEq(p.isArchived, false, "isArchived");
    check(Array.isArray(p.benefits) && Array.isArray(p.medias), "benefits/medias arrays");
    checkEq(p.prices.length, 1, "prices.length");
    checkPrice(p.prices[0], expected);
    checkEq(p.prices[0].productId, p.id, "prices[0].productId");
    return p;
  }

  const oneTime = { type: "one_time", recurringInterval: null };
  const freePrice = at049 ? { amountType: "fixed", priceAmount: 0, priceCurrency: "usd" } : { amountType: "free" };

  await step("products.create one-time fixed price", async () => {
    const p = await createProduct(
      "one-time",
      {
        description: "One-time fixed price product",
        recurringInterval: null,
        prices: [{ amountType: "fixed", priceAmount: 1500, priceCurrency: "usd" }],
      },
      { amountType: "fixed", ...oneTime },
    );
    checkEq(p.description, "One-time fixed price product", "description");
    checkEq(p.prices[0].priceAmount, 1500, "prices[0].priceAmount");
    checkEq(p.prices[0].priceCurrency, "usd", "prices[0].priceCurrency");
  });

  await step("products.create recurring monthly fixed price", async () => {
    const p = await createProduct(
      "monthly",
      { recurringInterval: "month", prices: [{ amountType: "fixed", priceAmount: 900, priceCurrency: "usd" }] },
      { amountType: "fixed", type: "recurring", recurringInterval: "month" },
    );
    checkEq(p.prices[0].priceAmount, 900, "prices[0].priceAmount");
    checkEq(p.description, null, "description (omitted on create, must be null)");
  });

  await step("products.create recurring yearly fixed price", async () => {
    const p = await createProduct(
      "yearly",
      { recurringInterval: "year", prices: [{ amountType: "fixed", priceAmount: 9000, priceCurrency: "usd" }] },
      { amountType: "fixed", type: "recurring", recurringInterval: "year" },
    );
    checkEq(p.prices[0].priceAmount, 9000, "prices[0].priceAmount");
  });

  await step("products.create custom (pay what you want) price", async () => {
    const p = await createProduct(
      "pwyw",
      {
        recurringInterval: null,
        prices: [
          { amountType: "custom", priceCurrency: "usd", minimumAmount: 500, maximumAmount: 10000, presetAmount: 2000 },
        ],
      },
      { amountType: "custom", ...oneTime },
    );
    checkEq(p.prices[0].minimumAmount, 500, "prices[0].minimumAmount");
    checkEq(p.prices[0].maximumAmount, 10000, "prices[0].maximumAmount");
    checkEq(p.prices[0].presetAmount, 2000, "prices[0].presetAmount");
  });

  // Kassa answers a legacy "free" price as a fixed price of 0, so that it parses with this SDK and with newer
  // ones that no longer know the free type. 0.49.0 cannot send amount_type "free" at all: it sends a fixed 0.
  await step(`products.create free price (${at049 ? "fixed 0" : "amountType free, answered as fixed 0"})`, async () => {
    const p = await createFreeProduct("free");
    checkEq(p.prices[0].priceAmount, 0, "prices[0].priceAmount");
  });

  await step("products.create with attached custom fields and metadata", async () => {
    const text = need(fields.text, "text custom field");
    const select = need(fields.select, "select custom field");
    const metadata = { kassa_check: run, tier: "gold", seats: 5, featured: true };
    const p = await createProduct(
      "with-fields",
      {
        recurringInterval: null,
        prices: [{ amountType: "fixed", priceAmount: 2500, priceCurrency: "usd" }],
        attachedCustomFields: [
          { customFieldId: text.id, required: true },
          { customFieldId: select.id, required: false },
        ],
        metadata,
      },
      { amountType: "fixed", ...oneTime },
    );
    checkEq(p.metadata, metadata, "metadata");
    const acf = p.attachedCustomFields;
    checkEq(acf.length, 2, "attachedCustomFields.length");
    checkEq(acf.map((a) => a.customFieldId), [text.id, select.id], "attachedCustomFields[].customFieldId (in order)");
    checkEq(acf.map((a) => a.required), [true, false], "attachedCustomFields[].required");
    checkEq(acf.map((a) => a.customField.type), ["text", "select"], "attachedCustomFields[].customField.type");
    checkEq(acf.map((a) => a.customField.id), [text.id, select.id], "attachedCustomFields[].customField.id");
    check(acf.every((a) => Number.isInteger(a.order)), "attachedCustomFields[].order must be an integer");
  });

  // A free product. Should the server refuse 0.49.0's fixed 0, the product is made with a plain HTTP "free" price
  // (so the later steps still run) and the step fails with the refusal.
  async function createFreeProduct(role) {
    try {
      return await createProduct(role, { recurringInterval: null, prices: [freePrice] }, { amountType: "fixed", ...oneTime });
    } catch (err) {
      if (!(err instanceof HTTPValidationError) || !at049) throw err;
      const response = await fetch(`${KASSA_URL}/v1/products/`, {
        method: "POST",
        headers: { authorization: `Bearer ${KASSA_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ name: `${tag} ${role}`, prices: [{ amount_type: "free" }] }),
      });
      if (response.status === 201) products[role] = await polar.products.get({ id: (await response.json()).id });
      throw new CheckError(`fixed price_amount 0 refused: ${safeJson(err.detail)} (made with amount_type "free" instead)`);
    }
  }

  const createdCount = () => Object.keys(products).length;

  await step("products.list query, paginated (limit 2, for await over pages)", async () => {
    const { pages, items } = await collectPages(polar.products.list({ query: tag, limit: 2 }));
    checkEq(items.length, createdCount(), "products across all pages");
    checkEq(pages[0].pagination.totalCount, createdCount(), "pagination.totalCount");
    checkEq(pages[0].pagination.maxPage, Math.ceil(createdCount() / 2), "pagination.maxPage");
    const ids = new Set(items.map((p) => p.id));
    for (const [role, p] of Object.entries(products)) check(ids.has(p.id), `product ${role} not listed`);
  });

  await step("products.list page 2 limit 2 (.result)", async () => {
    check(createdCount() >= 3, `needs at least 3 products, have ${createdCount()}`);
    const page = await polar.products.list({ query: tag, page: 2, limit: 2 });
    checkEq(page.result.items.length, 2, "items on page 2");
    checkEq(page.result.pagination.totalCount, createdCount(), "pagination.totalCount");
  });

  await step("products.list isRecurring=true", async () => {
    const { items } = await collectPages(polar.products.list({ query: tag, isRecurring: true, limit: 100 }));
    const expected = Object.values(products).filter((p) => p.isRecurring).map((p) => p.id).sort();
    checkEq(items.map((p) => p.id).sort(), expected, "recurring product ids");
    check(items.every((p) => p.isRecurring), "every item isRecurring");
  });

  await step("products.list isRecurring=false", async () => {
    const { items } = await collectPages(polar.products.list({ query: tag, isRecurring: false, limit: 100 }));
    const expected = Object.values(products).filter((p) => !p.isRecurring).map((p) => p.id).sort();
    checkEq(items.map((p) => p.id).sort(), expected, "one-time product ids");
  });

  await step("products.list isArchived=false", async () => {
    const { items } = await collectPages(polar.products.list({ query: tag, isArchived: false, limit: 100 }));
    checkEq(items.length, createdCount(), "non-archived products");
  });

  await step("products.list id filter", async () => {
    const a = need(products["one-time"], "one-time product");
    const b = need(products.monthly, "monthly product");
    const page = await polar.products.list({ id: [a.id, b.id] });
    checkEq(page.result.items.map((p) => p.id).sort(), [a.id, b.id].sort(), "ids");
  });

  await step("products.get", async () => {
    const created = need(products["with-fields"], "product with custom fields");
    const p = await polar.products.get({ id: created.id });
    checkEq(p.id, created.id, "id");
    checkEq(p.name, created.name, "name");
    checkEq(p.metadata, created.metadata, "metadata");
    checkEq(p.prices.map((x) => x.id), created.prices.map((x) => x.id), "price ids");
    checkEq(p.attachedCustomFields.length, 2, "attachedCustomFields.length");
  });

  await step("products.update name, description, metadata, attached custom fields, keep price {id}", async () => {
    const created = need(products.monthly, "monthly product");
    const number = need(fields.number, "number custom field");
    const keptPriceId = created.prices[0].id;
    const p = await polar.products.update({
      id: created.id,
      productUpdate: {
        name: `${tag} monthly renamed`,
        description: "Updated description",
        metadata: { kassa_check: run, plan: "pro" },
        prices: [{ id: keptPriceId }],
        attachedCustomFields: [{ customFieldId: number.id, required: true }],
      },
    });
    checkEq(p.name, `${tag} monthly renamed`, "name");
    checkEq(p.description, "Updated description", "description");
    checkEq(p.metadata, { kassa_check: run, plan: "pro" }, "metadata");
    checkEq(p.prices.map((x) => x.id), [keptPriceId], "price ids (existing price kept)");
    checkEq(p.prices[0].priceAmount, 900, "kept price amount");
    checkEq(p.attachedCustomFields.map((a) => a.customFieldId), [number.id], "attachedCustomFields");
    checkEq(p.attachedCustomFields[0].customField.type, "number", "attachedCustomFields[0].customField.type");
    check(p.modifiedAt instanceof Date, "modifiedAt should be set after an update");
    products.monthly = p;
  });

  await step("products.update prices: keep existing {id} + add a new price", async () => {
    // Polar allows at most one static (fixed/custom/free) price per product, so a
    // server may answer 422 here; that is fine as long as the SDK parses it as
    // HTTPValidationError. A 200 must contain both prices.
    const created = need(products["one-time"], "one-time product");
    const keptPriceId = created.prices[0].id;
    try {
      const p = await polar.products.update({
        id: created.id,
        productUpdate: {
          prices: [{ id: keptPriceId }, { amountType: "fixed", priceAmount: 3000, priceCurrency: "usd" }],
        },
      });
      check(p.prices.some((x) => x.id === keptPriceId), "existing price id missing from prices");
      check(
        p.prices.some((x) => x.id !== keptPriceId && x.amountType === "fixed" && x.priceAmount === 3000),
        "new fixed price of 3000 missing from prices",
      );
      products["one-time"] = p;
    } catch (err) {
      if (!(err instanceof HTTPValidationError)) throw err;
      check(Array.isArray(err.detail) && err.detail.length > 0, "422 detail should be a non-empty list");
      console.log(`    (server rejected two static prices with 422: ${truncate(safeJson(err.data$), 300)})`);
    }
  });

  await step("products.update prices: replace with a new price", async () => {
    const created = need(products.yearly, "yearly product");
    const oldPriceId = created.prices[0].id;
    const p = await polar.products.update({
      id: created.id,
      productUpdate: { prices: [{ amountType: "fixed", priceAmount: 12000, priceCurrency: "usd" }] },
    });
    checkEq(p.prices.length, 1, "prices.length (old price should be archived and not listed)");
    check(p.prices[0].id !== oldPriceId, "price id should be new");
    checkEq(p.prices[0].priceAmount, 12000, "prices[0].priceAmount");
    checkPrice(p.prices[0], { amountType: "fixed", type: "recurring", recurringInterval: "year" });
    products.yearly = p;
  });

  await step("products.update isArchived=true (archive)", async () => {
    const created = need(products.free, "free product");
    const p = await polar.products.update({ id: created.id, productUpdate: { isArchived: true } });
    checkEq(p.isArchived, true, "isArchived");
    products.free = p;
  });

  await step("products.list isArchived=true", async () => {
    const archived = need(products.free?.isArchived ? products.free : null, "archived product");
    const { items } = await collectPages(polar.products.list({ query: tag, isArchived: true, limit: 100 }));
    checkEq(items.map((p) => p.id), [archived.id], "archived product ids");
    checkEq(items[0].isArchived, true, "isArchived");
  });

  // --- discounts ------------------------------------------------------------------

  async function createDiscount(role, body) {
    const code = `K${run}${role.replace(/[^a-z0-9]/gi, "")}`.toUpperCase().slice(0, 30);
    const d = await polar.discounts.create({
      name: `${tag} ${role}`,
      code,
      startsAt,
      endsAt,
      maxRedemptions: 100,
      metadata: { kassa_check: run, role },
      ...body,
    });
    discounts[role] = d;
    checkEq(d.name, `${tag} ${role}`, "name");
    checkEq(d.code?.toUpperCase(), code, "code");
    checkEq(d.type, body.type, "type");
    checkEq(d.duration, body.duration, "duration");
    checkEq(d.startsAt?.getTime(), startsAt.getTime(), "startsAt");
    checkEq(d.endsAt?.getTime(), endsAt.getTime(), "endsAt");
    checkEq(d.maxRedemptions, 100, "maxRedemptions");
    checkEq(d.redemptionsCount, 0, "redemptionsCount");
    checkEq(d.metadata, { kassa_check: run, role }, "metadata");
    if (body.type === "fixed") {
      checkEq(d.amount, body.amount, "amount");
      checkEq(d.currency, "usd", "currency");
    } else {
      checkEq(d.basisPoints, body.basisPoints, "basisPoints");
    }
    // Note: the SDK's Discount union tries the once/forever schemas first and Zod
    // strips unknown keys, so durationInMonths is usually dropped from the parsed
    // object even when the server sends it. Only check it when it survived.
    if (body.durationInMonths != null && d.durationInMonths !== undefined) {
      checkEq(d.durationInMonths, body.durationInMonths, "durationInMonths");
    }
    if (body.products) {
      checkEq(d.products.map((p) => p.id), body.products, "products[].id");
      check(d.products.every((p) => typeof p.name === "string" && typeof p.isRecurring === "boolean"),
        "products[] must be full product objects (name, isRecurring, ...)");
    } else {
      checkEq(d.products, [], "products");
    }
    return d;
  }

  const restrictTo = () => [need(products["one-time"], "one-time product").id];

  await step("discounts.create fixed once (product restriction)", async () => {
    await createDiscount("fixed-once", {
      type: "fixed", duration: "once", amount: 500, currency: "usd", products: restrictTo(),
    });
  });

  await step("discounts.create fixed forever", async () => {
    await createDiscount("fixed-forever", { type: "fixed", duration: "forever", amount: 300, currency: "usd" });
  });


  await step("discounts.create percentage once (product restriction)", async () => {
    await createDiscount("pct-once", { type: "percentage", duration: "once", basisPoints: 1000, products: restrictTo() });
  });

  await step("discounts.create percentage forever", async () => {
    await createDiscount("pct-forever", { type: "percentage", duration: "forever", basisPoints: 2500 });
  });

  // SDK 0.32.10 cannot send a repeating discount: its DiscountCreate union tries the once/forever shapes first,
  // which accept duration "repeating" and strip durationInMonths. Polar then answers 422 "Field required" at
  // duration_in_months, and so does Kassa (inventing a duration would silently give the wrong discount).
  // 0.49.0 sends it.
  if (at049) {
    await step("discounts.create percentage repeating (durationInMonths 6) through the SDK", async () => {
      const d = await createDiscount("sdk-repeating", {
        type: "percentage", duration: "repeating", durationInMonths: 6, basisPoints: 1500,
      });
      checkEq(d.durationInMonths, 6, "durationInMonths");
    });
  } else await step("discounts.create repeating through SDK 0.32.10 -> 422 at duration_in_months", async () => {
    try {
      await polar.discounts.create({
        name: `${tag} sdk-repeating`, type: "percentage", duration: "repeating", durationInMonths: 6, basisPoints: 1500,
      });
    } catch (err) {
      if (!(err instanceof HTTPValidationError)) throw err;
      check((err.detail ?? []).some((e) => e.loc.includes("duration_in_months") && e.type === "missing"),
        `expected a missing duration_in_months error, got ${JSON.stringify(err.detail)}`);
      return;
    }
    throw new CheckError("expected HTTPValidationError (the SDK drops durationInMonths)");
  });

  // Repeating discounts are created with a plain HTTP call, then read back through the SDK.
  async function createRepeatingDiscount(role, body) {
    const response = await fetch(`${KASSA_URL}/v1/discounts/`, {
      method: "POST",
      headers: { authorization: `Bearer ${KASSA_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({
        name: `${tag} ${role}`, max_redemptions: 100, metadata: { kassa_check: run, role }, duration: "repeating", ...body,
      }),
    });
    checkEq(response.status, 201, `POST /v1/discounts/ status (${await response.clone().text()})`);
    const id = (await response.json()).id;
    const d = await polar.discounts.get({ id });
    discounts[role] = d;
    checkEq(d.duration, "repeating", "duration");
    checkEq(d.type, body.type, "type");
    checkEq(d.name, `${tag} ${role}`, "name");
    return d;
  }

  await step("discounts.create fixed repeating (plain HTTP, SDK get)", async () => {
    const d = await createRepeatingDiscount("fixed-repeating", { type: "fixed", duration_in_months: 3, amount: 200, currency: "usd" });
    checkEq(d.amount, 200, "amount");
  });

  await step("discounts.create percentage repeating (plain HTTP, SDK get)", async () => {
    const d = await createRepeatingDiscount("pct-repeating", { type: "percentage", duration_in_months: 6, basis_points: 1500 });
    checkEq(d.basisPoints, 1500, "basisPoints");
  });

  await step("discounts.list paginated (limit 2, for await over pages)", async () => {
    const { pages, items } = await collectPages(polar.discounts.list({ limit: 2 }));
    checkEq(items.length, pages[0].pagination.totalCount, "items across all pages vs pagination.totalCount");
    const ids = new Set(items.map((d) => d.id));
    for (const [role, d] of Object.entries(discounts)) check(ids.has(d.id), `discount ${role} not listed`);
  });

  await step("discounts.list query (.result)", async () => {
    const page = await polar.discounts.list({ query: tag, limit: 100 });
    checkEq(page.result.items.length, Object.keys(discounts).length, "discounts matching query");
  });

  await step("discounts.get", async () => {
    const created = need(discounts["pct-repeating"], "percentage repeating discount");
    const d = await polar.discounts.get({ id: created.id });
    checkEq(d.id, created.id, "id");
    checkEq(d.duration, "repeating", "duration");
    checkEq(d.basisPoints, 1500, "basisPoints");
  });

  await step("discounts.update (name, code, maxRedemptions, endsAt, metadata, products)", async () => {
    const created = need(discounts["fixed-forever"], "fixed forever discount");
    const product = need(products.monthly, "monthly product");
    const newEnds = new Date(endsAt.getTime() + 24 * hour);
    const code = `K${run}UPD`.toUpperCase();
    const d = await polar.discounts.update({
      id: created.id,
      discountUpdate: {
        name: `${tag} fixed-forever renamed`,
        code,
        maxRedemptions: 5,
        endsAt: newEnds,
        metadata: { kassa_check: run, updated: 1 },
        products: [product.id],
      },
    });
    checkEq(d.name, `${tag} fixed-forever renamed`, "name");
    checkEq(d.code?.toUpperCase(), code, "code");
    checkEq(d.maxRedemptions, 5, "maxRedemptions");
    checkEq(d.endsAt?.getTime(), newEnds.getTime(), "endsAt");
    checkEq(d.metadata, { kassa_check: run, updated: 1 }, "metadata");
    checkEq(d.products.map((p) => p.id), [product.id], "products[].id");
    checkEq(d.amount, 300, "amount (unchanged)");
  });

  await step("discounts.update percentage discount (SDK always sends currency)", async () => {
    // DiscountUpdate's outbound schema defaults currency to "usd", so every
    // update body carries "currency":"usd", even for percentage discounts.
    const created = need(discounts["pct-forever"], "percentage forever discount");
    const d = await polar.discounts.update({ id: created.id, discountUpdate: { maxRedemptions: null } });
    checkEq(d.type, "percentage", "type");
    checkEq(d.basisPoints, 2500, "basisPoints");
    checkEq(d.maxRedemptions, null, "maxRedemptions (cleared with null)");
  });

  await step("discounts.delete", async () => {
    const created = need(discounts["fixed-once"], "fixed once discount");
    const res = await polar.discounts.delete({ id: created.id });
    check(res === undefined, `delete should resolve to undefined (204), got ${safeJson(res)}`);
    discounts.deletedId = created.id;
    delete discounts["fixed-once"];
  });

  await step("discounts.get deleted -> ResourceNotFound", async () => {
    const id = need(discounts.deletedId, "deleted discount");
    await expectError(ResourceNotFound, () => polar.discounts.get({ id }));
  });

  // --- negative checks --------------------------------------------------------------

  await step("products.get random UUID -> ResourceNotFound (404)", async () => {
    const err = await expectError(ResourceNotFound, () => polar.products.get({ id: randomUUID() }));
    checkEq(err.error, "ResourceNotFound", "error");
    check(typeof err.detail === "string", "detail should be a string");
  });

  await step("discounts.get random UUID -> ResourceNotFound (404)", async () => {
    await expectError(ResourceNotFound, () => polar.discounts.get({ id: randomUUID() }));
  });

  await step("customFields.get random UUID -> ResourceNotFound (404)", async () => {
    await expectError(ResourceNotFound, () => polar.customFields.get({ id: randomUUID() }));
  });

  await step("products.update random UUID -> ResourceNotFound (404)", async () => {
    await expectError(ResourceNotFound, () =>
      polar.products.update({ id: randomUUID(), productUpdate: { name: `${tag} ghost` } }));
  });

  await step("products.create invalid body -> HTTPValidationError (422)", async () => {
    // Passes the SDK's client-side input schema but violates the API rules:
    // empty name (min length 3) and a negative price amount.
    const err = await expectError(HTTPValidationError, () =>
      polar.products.create({
        name: "",
        recurringInterval: null,
        prices: [{ amountType: "fixed", priceAmount: -100, priceCurrency: "usd" }],
      }));
    check(Array.isArray(err.detail) && err.detail.length > 0, "detail should be a non-empty array");
    for (const d of err.detail) {
      check(Array.isArray(d.loc) && typeof d.msg === "string" && typeof d.type === "string",
        `detail entries need loc[], msg, type; got ${safeJson(d)}`);
    }
  });

  await step("products.create empty prices -> HTTPValidationError (422)", async () => {
    await expectError(HTTPValidationError, () =>
      polar.products.create({ name: `${tag} no prices`, recurringInterval: null, prices: [] }));
  });

  // --- checkout sessions ------------------------------------------------------------
  //
  // Amounts are computed by hand from Kassa's Stripe emulator rate table (stripe-emulator/README.md): tax on
  // amount - discount, rounded half away from zero; US-CA 7.25 % exclusive (added to the total), DE 19 %
  // inclusive (inside the total: tax = x - round(x / 1.19), net = x - discount - tax). The organization's default
  // tax behavior "location" is exclusive in the US and inclusive in Germany. Percentage discounts round half away
  // from zero too. The SDK's 0.32.10 Checkout and CheckoutPublic schemas do not know tax_behavior, so Zod strips it.

  const checkouts = {}; // the checkout under test, merchant and client views

  function checkAmounts(c, { amount, discountAmount, netAmount, taxAmount, totalAmount }) {
    checkEq(
      { amount: c.amount, discountAmount: c.discountAmount, netAmount: c.netAmount, taxAmount: c.taxAmount,
        totalAmount: c.totalAmount },
      { amount, discountAmount, netAmount, taxAmount, totalAmount },
      "amounts",
    );
    checkEq(c.currency, "usd", "currency");
  }

  await step("products.create checkout product A (one-time $19.99, required text + select fields)", async () => {
    const text = need(fields.text, "text custom field");
    const select = need(fields.select, "select custom field");
    const p = await createProduct(
      "checkout-a",
      {
        recurringInterval: null,
        prices: [{ amountType: "fixed", priceAmount: 1999, priceCurrency: "usd" }],
        attachedCustomFields: [
          { customFieldId: text.id, required: true },
          { customFieldId: select.id, required: false },
        ],
      },
      { amountType: "fixed", ...oneTime },
    );
    checkEq(p.prices[0].priceAmount, 1999, "prices[0].priceAmount");
  });

  await step("products.create checkout product B (one-time $49.00)", async () => {
    const p = await createProduct(
      "checkout-b",
      { recurringInterval: null, prices: [{ amountType: "fixed", priceAmount: 4900, priceCurrency: "usd" }] },
      { amountType: "fixed", ...oneTime },
    );
    checkEq(p.prices[0].priceAmount, 4900, "prices[0].priceAmount");
  });

  await step("discounts.create checkout code (percentage 10 % once, no product restriction)", async () => {
    await createDiscount("checkout", { type: "percentage", duration: "once", basisPoints: 1000 });
  });

  await step("checkouts.create products [A, B] -> A selected, 1999, no tax yet", async () => {
    const a = need(products["checkout-a"], "checkout product A");
    const b = need(products["checkout-b"], "checkout product B");
    const c = await polar.checkouts.create({ products: [a.id, b.id], metadata: { kassa_check: run } });
    checkouts.merchant = c;
    checkEq(c.status, "open", "status");
    checkEq(c.products.map((p) => p.id), [a.id, b.id], "products[].id");
    checkEq(c.productId, a.id, "productId (the first product)");
    checkEq(c.productPriceId, a.prices[0].id, "productPriceId");
    checkEq(c.product.id, a.id, "product.id");
    checkEq(c.productPrice.id, a.prices[0].id, "productPrice.id");
    checkAmounts(c, { amount: 1999, discountAmount: 0, netAmount: 1999, taxAmount: null, totalAmount: 1999 });
    checkEq(c.discountId, null, "discountId");
    checkEq(c.discount, null, "discount");
    checkEq(c.allowDiscountCodes, true, "allowDiscountCodes (SDK default true)");
    checkEq(c.isDiscountApplicable, true, "isDiscountApplicable");
    checkEq(c.isFreeProductPrice, false, "isFreeProductPrice");
    checkEq(c.isPaymentRequired, true, "isPaymentRequired");
    checkEq(c.isPaymentSetupRequired, false, "isPaymentSetupRequired (one-time)");
    checkEq(c.isPaymentFormRequired, true, "isPaymentFormRequired");
    checkEq(c.metadata, { kassa_check: run }, "metadata");
    checkEq(c.customerBillingAddress, null, "customerBillingAddress");
    checkEq(c.attachedCustomFields.map((f) => [f.customFieldId, f.required]),
      [[fields.text.id, true], [fields.select.id, false]], "attachedCustomFields (id, required)");
    check(typeof c.clientSecret === "string" && c.clientSecret.length > 0, "clientSecret");
    check(c.url.endsWith(`/checkout/${c.clientSecret}`), `url ends with /checkout/<client secret>: ${c.url}`);
    check(c.expiresAt instanceof Date && c.expiresAt.getTime() > Date.now(), "expiresAt in the future");
  });

  await step("checkouts.get", async () => {
    const created = need(checkouts.merchant, "checkout");
    const c = await polar.checkouts.get({ id: created.id });
    checkEq(c.id, created.id, "id");
    checkEq(c.clientSecret, created.clientSecret, "clientSecret");
    checkEq(c.products.map((p) => p.id), created.products.map((p) => p.id), "products[].id");
    checkAmounts(c, { amount: 1999, discountAmount: 0, netAmount: 1999, taxAmount: null, totalAmount: 1999 });
  });

  await step("checkouts.list productId filter (for await over pages)", async () => {
    const created = need(checkouts.merchant, "checkout");
    const { pages, items } = await collectPages(polar.checkouts.list({ productId: [created.productId], limit: 10 }));
    checkEq(items.map((c) => c.id), [created.id], "checkouts of product A");
    checkEq(pages[0].pagination.totalCount, 1, "pagination.totalCount");
  });

  await step("checkouts.list paginated (limit 1)", async () => {
    const created = need(checkouts.merchant, "checkout");
    const { pages, items } = await collectPages(polar.checkouts.list({ limit: 1 }));
    check(pages.every((p) => p.items.length <= 1), "a page has more than 1 item with limit 1");
    checkEq(items.length, pages[0].pagination.totalCount, "items across all pages vs pagination.totalCount");
    check(items.some((c) => c.id === created.id), "created checkout not listed");
  });

  await step("checkouts.clientGet (no token) -> CheckoutPublic with organization", async () => {
    const created = need(checkouts.merchant, "checkout");
    const c = await polar.checkouts.clientGet({ clientSecret: created.clientSecret });
    checkEq(c.id, created.id, "id");
    // SDK 0.32.10's Checkout has no organization_id (Zod strips it): the product's organizationId is compared.
    checkEq(c.organization.id, created.product.organizationId, "organization.id");
    check(typeof c.organization.slug === "string", "organization.slug");
    checkEq(c.products.map((p) => p.id), created.products.map((p) => p.id), "products[].id");
    check(!("metadata" in c), "CheckoutPublic must not carry the merchant's metadata");
    checkAmounts(c, { amount: 1999, discountAmount: 0, netAmount: 1999, taxAmount: null, totalAmount: 1999 });
  });

  async function clientUpdate(body) {
    const created = need(checkouts.merchant, "checkout");
    const c = await polar.checkouts.clientUpdate({ clientSecret: created.clientSecret, checkoutUpdatePublic: body });
    checkEq(c.id, created.id, "id");
    checkEq(c.status, "open", "status");
    checkouts.client = c;
    return c;
  }

  const buyerEmail = `buyer.${run}@example.com`;

  await step("checkouts.clientUpdate customer email and name", async () => {
    const c = await clientUpdate({ customerEmail: buyerEmail, customerName: "Ada Lovelace" });
    checkEq(c.customerEmail, buyerEmail, "customerEmail");
    checkEq(c.customerName, "Ada Lovelace", "customerName");
    checkAmounts(c, { amount: 1999, discountAmount: 0, netAmount: 1999, taxAmount: null, totalAmount: 1999 });
  });

  await step("checkouts.clientUpdate US-CA address -> 7.25 % exclusive: tax 145, total 2144", async () => {
    const c = await clientUpdate({
      customerBillingAddress: { country: "US", state: "CA", line1: "1 Market St", city: "San Francisco", postalCode: "94105" },
    });
    checkEq(c.customerBillingAddress?.country, "US", "customerBillingAddress.country");
    checkEq(c.customerBillingAddress?.state, "US-CA", "customerBillingAddress.state (normalized)");
    checkEq(c.customerBillingAddress?.postalCode, "94105", "customerBillingAddress.postalCode");
    // 1999 x 0.0725 = 144.93 -> 145
    checkAmounts(c, { amount: 1999, discountAmount: 0, netAmount: 1999, taxAmount: 145, totalAmount: 2144 });
  });

  await step("checkouts.clientUpdate DE address -> 19 % inclusive: tax 319, net 1680, total 1999", async () => {
    const c = await clientUpdate({
      customerBillingAddress: { country: "DE", line1: "Unter den Linden 1", city: "Berlin", postalCode: "10117" },
    });
    checkEq(c.customerBillingAddress?.country, "DE", "customerBillingAddress.country");
    // 1999 / 1.19 = 1679.83 -> 1680, tax 319
    checkAmounts(c, { amount: 1999, discountAmount: 0, netAmount: 1680, taxAmount: 319, totalAmount: 1999 });
  });

  await step("checkouts.clientUpdate discount code in lower case -> 10 %: discount 200, DE tax 287, total 1799", async () => {
    const d = need(discounts.checkout, "checkout discount");
    const c = await clientUpdate({ discountCode: d.code.toLowerCase() });
    checkEq(c.discountId, d.id, "discountId");
    checkEq(c.discount?.id, d.id, "discount.id");
    checkEq(c.discount?.type, "percentage", "discount.type");
    checkEq(c.discount?.basisPoints, 1000, "discount.basisPoints");
    checkEq(c.discount?.code?.toUpperCase(), d.code.toUpperCase(), "discount.code");
    // 1999 x 10 % = 199.9 -> 200; 1799 / 1.19 = 1511.76 -> 1512, tax 287
    checkAmounts(c, { amount: 1999, discountAmount: 200, netAmount: 1512, taxAmount: 287, totalAmount: 1799 });
  });

  await step("checkouts.clientUpdate unknown discount code -> HTTPValidationError at discount_code", async () => {
    const created = need(checkouts.merchant, "checkout");
    const err = await expectError(HTTPValidationError, () => polar.checkouts.clientUpdate({
      clientSecret: created.clientSecret, checkoutUpdatePublic: { discountCode: `NOPE${run}` },
    }));
    check((err.detail ?? []).some((e) => e.loc.join(".") === "body.discount_code"),
      `expected an error at body.discount_code, got ${safeJson(err.detail)}`);
  });

  await step("checkouts.clientUpdate custom field data (text + select)", async () => {
    const text = need(fields.text, "text custom field");
    const select = need(fields.select, "select custom field");
    const data = { [text.slug]: "Acme Inc", [select.slug]: "xl" };
    const c = await clientUpdate({ customFieldData: data });
    checkEq(c.customFieldData, data, "customFieldData");
    checkEq(c.discountId, need(discounts.checkout, "checkout discount").id, "discountId (kept)");
    checkAmounts(c, { amount: 1999, discountAmount: 200, netAmount: 1512, taxAmount: 287, totalAmount: 1799 });
  });

  await step("checkouts.clientUpdate invalid select value -> HTTPValidationError at custom_field_data", async () => {
    const created = need(checkouts.merchant, "checkout");
    const select = need(fields.select, "select custom field");
    const err = await expectError(HTTPValidationError, () => polar.checkouts.clientUpdate({
      clientSecret: created.clientSecret, checkoutUpdatePublic: { customFieldData: { [select.slug]: "not-an-option" } },
    }));
    check((err.detail ?? []).some((e) => e.loc.slice(0, 3).join(".") === `body.custom_field_data.${select.slug}`),
      `expected an error at body.custom_field_data.${select.slug}, got ${safeJson(err.detail)}`);
  });

  await step("checkouts.clientUpdate productId B -> 4900, discount 490, DE tax 704, total 4410", async () => {
    const b = need(products["checkout-b"], "checkout product B");
    const c = await clientUpdate({ productId: b.id });
    checkEq(c.productId, b.id, "productId");
    checkEq(c.productPriceId, b.prices[0].id, "productPriceId");
    checkEq(c.product.id, b.id, "product.id");
    checkEq(c.attachedCustomFields, [], "attachedCustomFields (B has none)");
    checkEq(c.discountId, need(discounts.checkout, "checkout discount").id, "discountId (unrestricted, kept)");
    // 4900 x 10 % = 490; 4410 / 1.19 = 3705.88 -> 3706, tax 704
    checkAmounts(c, { amount: 4900, discountAmount: 490, netAmount: 3706, taxAmount: 704, totalAmount: 4410 });
  });

  await step("checkouts.clientUpdate back to US-CA on B -> tax 320, total 4730", async () => {
    const c = await clientUpdate({
      customerBillingAddress: { country: "US", state: "CA", line1: "1 Market St", city: "San Francisco", postalCode: "94105" },
    });
    // 4410 x 0.0725 = 319.7 -> 320
    checkAmounts(c, { amount: 4900, discountAmount: 490, netAmount: 4410, taxAmount: 320, totalAmount: 4730 });
  });

  await step("checkouts.update (merchant) metadata -> Checkout, amounts unchanged", async () => {
    const created = need(checkouts.merchant, "checkout");
    const metadata = { kassa_check: run, order_ref: "A-1", attempt: 2, gift: false };
    const c = await polar.checkouts.update({ id: created.id, checkoutUpdate: { metadata } });
    checkEq(c.id, created.id, "id");
    checkEq(c.metadata, metadata, "metadata");
    checkEq(c.productId, need(products["checkout-b"], "checkout product B").id, "productId");
    checkEq(c.customerEmail, buyerEmail, "customerEmail");
    checkEq(c.discount?.id, need(discounts.checkout, "checkout discount").id, "discount.id");
    checkAmounts(c, { amount: 4900, discountAmount: 490, netAmount: 4410, taxAmount: 320, totalAmount: 4730 });
    checkouts.merchant = c;
  });

  await step("checkouts.get after the buyer's updates", async () => {
    const created = need(checkouts.merchant, "checkout");
    const c = await polar.checkouts.get({ id: created.id });
    checkEq(c.customerName, "Ada Lovelace", "customerName");
    checkEq(c.customerBillingAddress?.state, "US-CA", "customerBillingAddress.state");
    checkAmounts(c, { amount: 4900, discountAmount: 490, netAmount: 4410, taxAmount: 320, totalAmount: 4730 });
  });

  await step("checkouts.get random UUID -> ResourceNotFound (404)", async () => {
    await expectError(ResourceNotFound, () => polar.checkouts.get({ id: randomUUID() }));
  });

  await step("checkouts.clientGet unknown client secret -> ResourceNotFound (404)", async () => {
    await expectError(ResourceNotFound, () => polar.checkouts.clientGet({ clientSecret: `polar_c_unknown${run}` }));
  });

  await step("checkouts.create unknown product -> HTTPValidationError (422)", async () => {
    await expectError(HTTPValidationError, () => polar.checkouts.create({ products: [randomUUID()] }));
  });

  // POST /v1/checkouts/{id}/expire is Kassa's own (Polar has no such route), so it is called with plain HTTP.
  await step("expire (plain HTTP), then checkouts.update -> NotOpenCheckout (403), clientGet -> ExpiredCheckoutError (410)", async () => {
    const created = need(checkouts.merchant, "checkout");
    await expireCheckout(KASSA_URL, KASSA_TOKEN, created.id);
    const notOpen = await expectError(NotOpenCheckout, () =>
      polar.checkouts.update({ id: created.id, checkoutUpdate: { metadata: { kassa_check: run } } }));
    checkEq(notOpen.error, "NotOpenCheckout", "error");
    const expired = await expectError(ExpiredCheckoutError, () =>
      polar.checkouts.clientGet({ clientSecret: created.clientSecret }));
    checkEq(expired.error, "ExpiredCheckoutError", "error");
    const c = await polar.checkouts.get({ id: created.id });
    checkEq(c.status, "expired", "status (merchant get)");
  });

  // --- confirming checkouts and reading the results -------------------------------------
  //
  // The buyer pays with a Stripe ConfirmationToken made by Kassa's Stripe emulator (test mode: no Stripe key) with
  // a plain HTTP call, then confirms through the SDK without an organization token, as a checkout page would.
  // Payment outcomes reach Kassa by webhook, so each purchase waits for clientGet to say "succeeded" before reading
  // the order (orders.list), the subscription (subscriptions.list) and the customer portal (with the session token
  // from the confirm). Amounts by hand as above; the order's discount, net, tax and total equal the checkout's.

  const purchases = {}; // by scenario: { checkout, confirmed, succeeded, order, email, token }
  const confirmationToken = (paymentMethod) => emulatorConfirmationToken(KASSA_URL, paymentMethod);

  // Polls the buyer's view until the payment's webhook has been processed.
  async function waitForSucceeded(clientSecret, timeoutMs = 15000) {
    const deadline = Date.now() + timeoutMs;
    let c;
    for (;;) {
      c = await buyer.checkouts.clientGet({ clientSecret });
      if (c.status === "succeeded") return c;
      check(c.status === "confirmed", `status ${c.status} while waiting for succeeded`);
      if (Date.now() > deadline) throw new CheckError(`status still ${c.status} after ${timeoutMs / 1000} s`);
      await sleep(250);
    }
  }

  async function createCheckoutFor(scenario, productRole, expected) {
    const product = need(products[productRole], `product ${productRole}`);
    const c = await polar.checkouts.create({ products: [product.id], metadata: { kassa_check: run, scenario } });
    purchases[scenario] = { checkout: c, email: `buyer.${scenario}.${run}@example.com` };
    checkEq(c.status, "open", "status");
    checkEq(c.productId, product.id, "productId");
    checkAmounts(c, expected);
    return c;
  }

  // clientConfirm through the buyer's client (no organization token); checks what every confirm answers.
  async function confirm(scenario, body, expectedAmounts) {
    const p = need(purchases[scenario], `${scenario} checkout`);
    const c = await buyer.checkouts.clientConfirm({
      clientSecret: p.checkout.clientSecret,
      checkoutConfirmStripe: { customerEmail: p.email, ...body },
    });
    p.confirmed = c;
    checkEq(c.id, p.checkout.id, "id");
    checkEq(c.status, "confirmed", "status");
    checkEq(c.customerEmail, p.email, "customerEmail");
    check(typeof c.customerId === "string", `customerId should be set after confirm, got ${safeJson(c.customerId)}`);
    checkAmounts(c, expectedAmounts);
    return c;
  }

  function checkNewCustomerToken(scenario) {
    const c = purchases[scenario].confirmed;
    check(typeof c.customerSessionToken === "string" && c.customerSessionToken.startsWith("polar_cst_"),
      `customerSessionToken for a new customer should start with polar_cst_, got ${safeJson(c.customerSessionToken)}`);
    purchases[scenario].token = c.customerSessionToken;
  }

  // The order's amounts are the checkout's, and Polar's order invariants hold.
  function checkOrderAmounts(o, c) {
    checkEq(
      { discountAmount: o.discountAmount, netAmount: o.netAmount, taxAmount: o.taxAmount, totalAmount: o.totalAmount },
      { discountAmount: c.discountAmount, netAmount: c.netAmount, taxAmount: c.taxAmount ?? 0, totalAmount: c.totalAmount },
      "order amounts vs the checkout's",
    );
    checkEq(o.subtotalAmount - o.discountAmount, o.netAmount, "subtotalAmount - discountAmount = netAmount");
    checkEq(o.netAmount + o.taxAmount, o.totalAmount, "netAmount + taxAmount = totalAmount");
    checkEq(o.currency, c.currency, "currency");
    checkEq(o.refundedAmount, 0, "refundedAmount");
    checkEq(o.refundedTaxAmount, 0, "refundedTaxAmount");
  }

  // orders.list filtered by the checkout: exactly one paid order, amounts equal to the checkout's.
  async function orderOf(scenario, billingReason) {
    const p = need(purchases[scenario], `${scenario} checkout`);
    const c = need(p.succeeded, `${scenario} checkout succeeded`);
    const page = await polar.orders.list({ checkoutId: c.id, limit: 10 });
    const { items, pagination } = page.result;
    checkEq(items.length, 1, "orders of the checkout");
    checkEq(pagination.totalCount, 1, "pagination.totalCount");
    const o = items[0];
    p.order = o;
    checkEq(o.checkoutId, c.id, "checkoutId");
    checkEq(o.status, "paid", "status");
    checkEq(o.paid, true, "paid");
    checkEq(o.billingReason, billingReason, "billingReason");
    checkEq(o.productId, c.productId, "productId");
    checkEq(o.product.id, c.productId, "product.id");
    checkEq(o.customerId, p.confirmed.customerId, "customerId (the confirm's)");
    checkEq(o.customer.email, p.email, "customer.email");
    checkEq(o.discountId, c.discountId, "discountId");
    checkEq(o.metadata, { kassa_check: run, scenario }, "metadata (the checkout's)");
    check(o.items.length >= 1, "items");
    checkOrderAmounts(o, c);
    return o;
  }

  // The customer portal, with the session token from the confirm, lists the order with the same amounts.
  async function portalShowsOrder(scenario, expectedCount = 1) {
    const p = need(purchases[scenario], `${scenario} checkout`);
    const token = need(p.token, `${scenario} customer session token`);
    const o = need(p.order, `${scenario} order`);
    const page = await buyer.customerPortal.orders.list({ customerSession: token }, { limit: 10 });
    const { items, pagination } = page.result;
    checkEq(pagination.totalCount, expectedCount, "the customer's orders (pagination.totalCount)");
    const mine = items.find((x) => x.id === o.id);
    check(mine, `order ${o.id} not in the portal's list: ${safeJson(items.map((x) => x.id))}`);
    checkEq(mine.customerId, o.customerId, "customerId");
    checkEq(mine.productId, o.productId, "productId");
    checkEq(mine.subscriptionId, o.subscriptionId, "subscriptionId");
    checkEq(
      [mine.subtotalAmount, mine.discountAmount, mine.netAmount, mine.taxAmount, mine.totalAmount],
      [o.subtotalAmount, o.discountAmount, o.netAmount, o.taxAmount, o.totalAmount],
      "amounts (subtotal, discount, net, tax, total) vs orders.list",
    );
    return mine;
  }

  const deAddress = { country: "DE", line1: "Unter den Linden 1", city: "Berlin", postalCode: "10117" };
  const caAddress = { country: "US", state: "CA", line1: "1 Market St", city: "San Francisco", postalCode: "94105" };

  await step("products.create confirm product: one-time $24.99 with a required text field", async () => {
    const text = need(fields.text, "text custom field");
    await createProduct(
      "confirm-one-time",
      {
        recurringInterval: null,
        prices: [{ amountType: "fixed", priceAmount: 2499, priceCurrency: "usd" }],
        attachedCustomFields: [{ customFieldId: text.id, required: true }],
      },
      { amountType: "fixed", ...oneTime },
    );
  });

  await step("products.create confirm product: monthly $12.99", async () => {
    await createProduct(
      "confirm-monthly",
      { recurringInterval: "month", prices: [{ amountType: "fixed", priceAmount: 1299, priceCurrency: "usd" }] },
      { amountType: "fixed", type: "recurring", recurringInterval: "month" },
    );
  });

  await step("products.create confirm product: free", async () => {
    await createFreeProduct("confirm-free");
  });

  await step("products.create confirm product: one-time $10.00 (declined, then paid)", async () => {
    await createProduct("confirm-decline", {
      recurringInterval: null, prices: [{ amountType: "fixed", priceAmount: 1000, priceCurrency: "usd" }],
    }, { amountType: "fixed", ...oneTime });
  });

  await step("discounts.create confirm code (percentage 15 % once)", async () => {
    await createDiscount("confirm", { type: "percentage", duration: "once", basisPoints: 1500 });
  });

  // One-time purchase with a discount code, DE address and custom field data, all sent with the confirm.

  await step("checkouts.create one-time $24.99 -> open, 2499", async () => {
    await createCheckoutFor("one-time", "confirm-one-time",
      { amount: 2499, discountAmount: 0, netAmount: 2499, taxAmount: null, totalAmount: 2499 });
  });

  await step("checkouts.clientConfirm one-time (lower-case code, DE, custom field, pm_card_visa) -> confirmed, "
    + "polar_cst_ token; discount 375, tax 339, net 1785, total 2124", async () => {
    const d = need(discounts.confirm, "confirm discount");
    const text = need(fields.text, "text custom field");
    const c = await confirm("one-time", {
      customerName: "Ada Lovelace",
      customerBillingAddress: deAddress,
      discountCode: d.code.toLowerCase(),
      customFieldData: { [text.slug]: "Acme GmbH" },
      confirmationTokenId: await confirmationToken("pm_card_visa"),
    // 2499 x 15 % = 374.85 -> 375; 2124 / 1.19 = 1784.87 -> 1785, tax 339
    }, { amount: 2499, discountAmount: 375, netAmount: 1785, taxAmount: 339, totalAmount: 2124 });
    checkNewCustomerToken("one-time");
    checkEq(c.discountId, d.id, "discountId");
    checkEq(c.customerBillingAddress?.country, "DE", "customerBillingAddress.country");
    checkEq(c.customFieldData, { [text.slug]: "Acme GmbH" }, "customFieldData");
  });

  await step("checkouts.clientGet one-time -> succeeded within 15 s, amounts kept", async () => {
    const p = need(purchases["one-time"]?.confirmed, "confirmed one-time checkout");
    const c = await waitForSucceeded(p.clientSecret);
    purchases["one-time"].succeeded = c;
    checkAmounts(c, { amount: 2499, discountAmount: 375, netAmount: 1785, taxAmount: 339, totalAmount: 2124 });
  });

  await step("orders.list checkoutId (one-time) -> one paid purchase order, amounts equal the checkout's", async () => {
    const o = await orderOf("one-time", "purchase");
    const text = need(fields.text, "text custom field");
    checkEq(o.subtotalAmount, 2160, "subtotalAmount (net 1785 + discount 375)");
    checkEq(o.subscriptionId, null, "subscriptionId");
    checkEq(o.subscription, null, "subscription");
    checkEq(o.discount?.id, need(discounts.confirm, "confirm discount").id, "discount.id");
    checkEq(o.billingAddress?.country, "DE", "billingAddress.country");
    checkEq(o.customFieldData, { [text.slug]: "Acme GmbH" }, "customFieldData");
  });

  await step("orders.get one-time order", async () => {
    const created = need(purchases["one-time"]?.order, "one-time order");
    const o = await polar.orders.get({ id: created.id });
    checkEq(o.id, created.id, "id");
    checkOrderAmounts(o, purchases["one-time"].succeeded);
  });

  await step("customerPortal.orders.list (session token) -> the one-time order", async () => {
    await portalShowsOrder("one-time");
  });

  await step("customerPortal.customers.get (session token) -> the buyer", async () => {
    const p = need(purchases["one-time"], "one-time checkout");
    const me = await buyer.customerPortal.customers.get({ customerSession: need(p.token, "customer session token") });
    checkEq(me.id, p.confirmed.customerId, "id");
    checkEq(me.email, p.email, "email");
    checkEq(me.name, "Ada Lovelace", "name");
  });

  await step("discounts.get confirm code -> redemptionsCount 1", async () => {
    const d = await polar.discounts.get({ id: need(discounts.confirm, "confirm discount").id });
    checkEq(d.redemptionsCount, 1, "redemptionsCount");
  });

  // Monthly subscription, US-CA.

  await step("checkouts.create monthly $12.99 -> open, 1299", async () => {
    await createCheckoutFor("monthly", "confirm-monthly",
      { amount: 1299, discountAmount: 0, netAmount: 1299, taxAmount: null, totalAmount: 1299 });
  });

  await step("checkouts.clientConfirm monthly (US-CA, pm_card_visa) -> confirmed, polar_cst_ token; tax 94, total 1393",
    async () => {
      await confirm("monthly", {
        customerBillingAddress: caAddress,
        confirmationTokenId: await confirmationToken("pm_card_visa"),
      // 1299 x 0.0725 = 94.18 -> 94
      }, { amount: 1299, discountAmount: 0, netAmount: 1299, taxAmount: 94, totalAmount: 1393 });
      checkNewCustomerToken("monthly");
    });

  await step("checkouts.clientGet monthly -> succeeded within 15 s", async () => {
    const p = need(purchases.monthly?.confirmed, "confirmed monthly checkout");
    purchases.monthly.succeeded = await waitForSucceeded(p.clientSecret);
  });

  await step("subscriptions.list productId (monthly) -> one active monthly subscription", async () => {
    const p = need(purchases.monthly, "monthly checkout");
    const c = need(p.succeeded, "monthly checkout succeeded");
    const page = await polar.subscriptions.list({ productId: c.productId, limit: 10 });
    const { items } = page.result;
    checkEq(items.length, 1, "subscriptions of the product");
    const s = items[0];
    p.subscription = s;
    checkEq(s.status, "active", "status");
    checkEq(s.recurringInterval, "month", "recurringInterval");
    checkEq(s.amount, 1299, "amount");
    checkEq(s.currency, "usd", "currency");
    checkEq(s.productId, c.productId, "productId");
    checkEq(s.product.id, c.productId, "product.id");
    checkEq(s.customerId, p.confirmed.customerId, "customerId");
    checkEq(s.customer.email, p.email, "customer.email");
    checkEq(s.checkoutId, c.id, "checkoutId");
    checkEq(s.cancelAtPeriodEnd, false, "cancelAtPeriodEnd");
    checkEq(s.canceledAt, null, "canceledAt");
    check(s.startedAt instanceof Date, "startedAt");
    check(s.currentPeriodStart instanceof Date && s.currentPeriodEnd instanceof Date
      && s.currentPeriodEnd > s.currentPeriodStart, "currentPeriodStart < currentPeriodEnd");
  });

  await step("checkouts.clientUpdate another monthly checkout with the subscriber's email -> AlreadyActiveSubscriptionError (403)",
    async () => {
      const p = need(purchases.monthly?.succeeded, "monthly checkout succeeded");
      const again = await polar.checkouts.create({ products: [p.productId], metadata: { kassa_check: run } });
      const err = await expectError(AlreadyActiveSubscriptionError, () => buyer.checkouts.clientUpdate({
        clientSecret: again.clientSecret, checkoutUpdatePublic: { customerEmail: purchases.monthly.email.toUpperCase() },
      }));
      checkEq(err.error, "AlreadyActiveSubscriptionError", "error");
      checkEq(err.detail, "You already have an active subscription.", "detail");
    });

  await step("orders.list checkoutId (monthly) -> subscription_create order of the subscription, amounts equal", async () => {
    const o = await orderOf("monthly", "subscription_create");
    const s = need(purchases.monthly.subscription, "monthly subscription");
    checkEq(o.subscriptionId, s.id, "subscriptionId");
    checkEq(o.subscription?.id, s.id, "subscription.id");
    checkEq(o.subtotalAmount, 1299, "subtotalAmount");
  });

  if (at049) await step("orders.update billingName (0.49.0) -> the Order with the new billing name", async () => {
    const o = await orderOf("monthly", "subscription_create");
    const updated = await polar.orders.update({ id: o.id, orderUpdate: { billingName: "Kassa Check Billing" } });
    checkEq(updated.id, o.id, "id");
    checkEq(updated.billingName, "Kassa Check Billing", "billingName");
    checkEq(updated.totalAmount, o.totalAmount, "totalAmount");
  });

  await step("customerPortal.orders.list (session token) -> the subscription's order", async () => {
    await portalShowsOrder("monthly");
  });

  // Free product: no payment, so no confirmation token (and no billing address).

  await step("checkouts.create free -> open, 0, no payment required", async () => {
    // No payment, so no tax to compute: taxAmount is 0 rather than null (as in Polar's checkout service).
    const c = await createCheckoutFor("free", "confirm-free",
      { amount: 0, discountAmount: 0, netAmount: 0, taxAmount: 0, totalAmount: 0 });
    checkEq(c.isFreeProductPrice, true, "isFreeProductPrice");
    checkEq(c.isPaymentRequired, false, "isPaymentRequired");
    checkEq(c.isPaymentFormRequired, false, "isPaymentFormRequired");
  });

  await step("checkouts.clientConfirm free (email only, no confirmation token) -> confirmed, polar_cst_ token", async () => {
    await confirm("free", {}, { amount: 0, discountAmount: 0, netAmount: 0, taxAmount: 0, totalAmount: 0 });
    checkNewCustomerToken("free");
  });

  await step("checkouts.clientGet free -> succeeded within 15 s", async () => {
    const p = need(purchases.free?.confirmed, "confirmed free checkout");
    purchases.free.succeeded = await waitForSucceeded(p.clientSecret);
  });

  await step("orders.list checkoutId (free) -> one purchase order of 0", async () => {
    const o = await orderOf("free", "purchase");
    checkEq(o.totalAmount, 0, "totalAmount");
  });

  await step("customerPortal.orders.list (session token) -> the free order", async () => {
    await portalShowsOrder("free");
  });

  // A declined card, then a good one, on the same checkout.

  await step("checkouts.create one-time $10.00 -> open, 1000", async () => {
    await createCheckoutFor("decline", "confirm-decline",
      { amount: 1000, discountAmount: 0, netAmount: 1000, taxAmount: null, totalAmount: 1000 });
  });

  await step("checkouts.clientConfirm pm_card_chargeDeclined -> PaymentError (400), checkout stays open, no order", async () => {
    const p = need(purchases.decline, "decline checkout");
    const ctoken = await confirmationToken("pm_card_chargeDeclined");
    const err = await expectError(PaymentError, () => buyer.checkouts.clientConfirm({
      clientSecret: p.checkout.clientSecret,
      checkoutConfirmStripe: { customerEmail: p.email, customerBillingAddress: caAddress, confirmationTokenId: ctoken },
    }));
    checkEq(err.error, "PaymentError", "error");
    check(typeof err.detail === "string" && err.detail.length > 0, "detail should be a non-empty string");
    const c = await buyer.checkouts.clientGet({ clientSecret: p.checkout.clientSecret });
    checkEq(c.status, "open", "status after the decline (clientGet)");
    checkEq((await polar.checkouts.get({ id: p.checkout.id })).status, "open", "status after the decline (merchant get)");
    await sleep(1000); // a late payment_intent.payment_failed webhook must not create anything either
    const orders = await polar.orders.list({ checkoutId: p.checkout.id });
    checkEq(orders.result.items.length, 0, "orders of the checkout after the decline");
  });

  await step("checkouts.clientConfirm again with pm_card_visa -> confirmed, polar_cst_ token; US-CA tax 73, total 1073",
    async () => {
      await confirm("decline", {
        customerBillingAddress: caAddress,
        confirmationTokenId: await confirmationToken("pm_card_visa"),
      // 1000 x 0.0725 = 72.5 -> 73 (half away from zero)
      }, { amount: 1000, discountAmount: 0, netAmount: 1000, taxAmount: 73, totalAmount: 1073 });
      checkNewCustomerToken("decline");
    });

  await step("checkouts.clientGet after the good card -> succeeded within 15 s", async () => {
    const p = need(purchases.decline?.confirmed, "confirmed decline checkout");
    purchases.decline.succeeded = await waitForSucceeded(p.clientSecret);
  });

  await step("orders.list checkoutId (declined, then paid) -> exactly one order, amounts equal", async () => {
    await orderOf("decline", "purchase");
  });

  await step("customerPortal.orders.list (session token) -> the order paid with the good card", async () => {
    await portalShowsOrder("decline");
  });

  // A buyer whose email is already a customer's: the order goes to that customer, but the confirm grants no session.

  await step("checkouts.clientConfirm free with the one-time buyer's email -> confirmed, customerSessionToken \"\"", async () => {
    const first = need(purchases["one-time"]?.confirmed, "confirmed one-time checkout");
    const free = { amount: 0, discountAmount: 0, netAmount: 0, taxAmount: 0, totalAmount: 0 };
    await createCheckoutFor("existing", "confirm-free", free);
    purchases.existing.email = purchases["one-time"].email;
    const c = await confirm("existing", {}, free);
    checkEq(c.customerSessionToken, "", "customerSessionToken (email matched an existing customer)");
    checkEq(c.customerId, first.customerId, "customerId (the existing customer)");
    purchases.existing.succeeded = await waitForSucceeded(c.clientSecret);
    await orderOf("existing", "purchase");
  });

  await step("customerPortal.orders.list (one-time buyer's token) -> now both of the buyer's orders", async () => {
    const p = need(purchases["one-time"], "one-time checkout");
    const second = need(purchases.existing?.order, "order of the existing customer");
    const page = await buyer.customerPortal.orders.list({ customerSession: need(p.token, "token") }, { limit: 10 });
    checkEq(page.result.pagination.totalCount, 2, "the customer's orders");
    checkEq(page.result.items.map((o) => o.id).sort(), [p.order.id, second.id].sort(), "order ids");
  });


  // --- customers, customer sessions, subscriptions and the portal ------------------------------------------------

  const customers = {};
  const customerEmail = `customer.${run}@example.com`;
  const externalId = `kassa-check-${run}`;

  await step("customers.create (email, name, externalId, billing address, metadata)", async () => {
    const c = await polar.customers.create({
      email: customerEmail, name: "Grace Hopper", externalId, metadata: { kassa_check: run },
      billingAddress: { country: "DE", line1: "Unter den Linden 1", city: "Berlin", postalCode: "10117" },
    });
    customers.created = c;
    checkEq(c.email, customerEmail, "email");
    checkEq(c.name, "Grace Hopper", "name");
    checkEq(c.externalId, externalId, "externalId");
    checkEq(c.metadata, { kassa_check: run }, "metadata");
    checkEq(c.billingAddress?.country, "DE", "billingAddress.country");
    check(c.createdAt instanceof Date, "createdAt is not a datetime");
  });

  await step("customers.create same email again -> HTTPValidationError (422)", async () => {
    await expectError(HTTPValidationError, () => polar.customers.create({ email: customerEmail }));
  });

  await step("customers.get / getExternal", async () => {
    const created = need(customers.created, "customer");
    checkEq((await polar.customers.get({ id: created.id })).email, customerEmail, "get: email");
    checkEq((await polar.customers.getExternal({ externalId })).id, created.id, "getExternal: id");
  });

  await step("customers.list email filter (.result)", async () => {
    const created = need(customers.created, "customer");
    const page = await polar.customers.list({ email: customerEmail, limit: 10 });
    checkEq(page.result.items.map((c) => c.id), [created.id], "customers with the email");
    checkEq(page.result.pagination.totalCount, 1, "pagination.totalCount");
  });

  await step("customers.update name, metadata / updateExternal name", async () => {
    const created = need(customers.created, "customer");
    const c = await polar.customers.update({
      id: created.id, customerUpdate: { name: "Grace B. Hopper", metadata: { kassa_check: run, updated: true } },
    });
    checkEq(c.name, "Grace B. Hopper", "name");
    checkEq(c.metadata, { kassa_check: run, updated: true }, "metadata");
    const body = { name: "Rear Admiral Hopper" };
    const e = await polar.customers.updateExternal(at049
      ? { externalId, customerUpdateExternalID: body } : { externalId, customerUpdate: body });
    checkEq(e.name, "Rear Admiral Hopper", "updateExternal: name");
  });

  await step("customerSessions.create customerId -> polar_cst_ token; customerPortal.customers.get with it", async () => {
    const created = need(customers.created, "customer");
    const session = await polar.customerSessions.create({ customerId: created.id });
    check(typeof session.token === "string" && session.token.startsWith("polar_cst_"),
      `token should start with polar_cst_, got ${safeJson(session.token)}`);
    checkEq(session.customerId, created.id, "customerId");
    check(session.expiresAt instanceof Date && session.expiresAt.getTime() > Date.now(), "expiresAt in the future");
    const me = await buyer.customerPortal.customers.get({ customerSession: session.token });
    checkEq(me.id, created.id, "portal: id");
    checkEq(me.email, customerEmail, "portal: email");
  });

  await step("customerSessions.create by external id", async () => {
    const created = need(customers.created, "customer");
    // 0.32.10 sends customer_external_id; 0.49.0 external_customer_id (Polar's newer name).
    const session = await polar.customerSessions.create(at049
      ? { externalCustomerId: externalId } : { customerExternalId: externalId });
    checkEq(session.customerId, created.id, "customerId");
    check(session.token.startsWith("polar_cst_"), "token starts with polar_cst_");
  });

  await step("customers.get random UUID -> ResourceNotFound (404)", async () => {
    await expectError(ResourceNotFound, () => polar.customers.get({ id: randomUUID() }));
  });

  await step("customers.delete, then customers.get -> ResourceNotFound", async () => {
    const created = need(customers.created, "customer");
    const res = await polar.customers.delete({ id: created.id });
    check(res === undefined, `delete should resolve to undefined (204), got ${safeJson(res)}`);
    await expectError(ResourceNotFound, () => polar.customers.get({ id: created.id }));
  });

  await step("subscriptions.get (the monthly subscription)", async () => {
    const sub = need(purchases.monthly?.subscription, "monthly subscription");
    const s = await polar.subscriptions.get({ id: sub.id });
    checkEq(s.id, sub.id, "id");
    checkEq(s.status, "active", "status");
    checkEq(s.amount, 1299, "amount");
  });

  await step("customerPortal.subscriptions.list / get (monthly buyer's token)", async () => {
    const p = need(purchases.monthly, "monthly checkout");
    const sub = need(p.subscription, "monthly subscription");
    const token = need(p.token, "monthly customer session token");
    const page = await buyer.customerPortal.subscriptions.list({ customerSession: token }, { limit: 10 });
    checkEq(page.result.items.map((x) => x.id), [sub.id], "the customer's subscriptions");
    const s = await buyer.customerPortal.subscriptions.get({ customerSession: token }, { id: sub.id });
    checkEq(s.id, sub.id, "id");
    checkEq(s.status, "active", "status");
  });

  await step("customerPortal.orders.get (one-time buyer's token); another customer's order -> ResourceNotFound",
    async () => {
      const p = need(purchases["one-time"], "one-time checkout");
      const o = need(p.order, "one-time order");
      const token = need(p.token, "one-time customer session token");
      const mine = await buyer.customerPortal.orders.get({ customerSession: token }, { id: o.id });
      checkEq(mine.id, o.id, "id");
      checkEq(mine.totalAmount, o.totalAmount, "totalAmount");
      const other = need(purchases.monthly?.order, "monthly order");
      await expectError(ResourceNotFound, () =>
        buyer.customerPortal.orders.get({ customerSession: token }, { id: other.id }));
    });

  return summary();
}
