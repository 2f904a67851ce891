// The conformance check with @polar-sh/sdk 1.0.1 (npm alias sdk-1-0) and its 2026-10 client:
// createPolar({ accessToken, baseUrl }) from "@polar-sh/sdk/2026-10", which sends `Polar-Version: 2026-10` and
// does not validate responses at run time. The steps run the lifecycle of check.mjs (catalog, checkouts, confirmed
// purchases, orders, subscriptions, customers, customer sessions, portal) with 2026-10's calls: a fixed price of
// 0 as the free price, customerSessions.create({ external_customer_id, return_url }), customers.getState /
// getStateExternal and products.delete. Every response (and every expected error body) is recorded, and after the
// run lib/typecheck.mjs type-checks each against the SDK's own TypeScript type for that method with tsc --strict:
// one "types ..." line per response, counted like the steps.
//
//   KASSA_URL=http://127.0.0.1:8000 KASSA_TOKEN=polar_oat_... node check-1.0.mjs

import { randomUUID } from "node:crypto";
import {
  CheckError, check, checkEq, need, expectError, truncate, safeJson, sleep,
  confirmationToken as emulatorConfirmationToken, expireCheckout,
} from "./lib/harness.mjs";
import { createCheck, errors } from "./lib/sdk-1.0.mjs";

const {
  url: KASSA_URL, token: KASSA_TOKEN, polar, buyer, asCustomer, versions, recorded, rec, call, expectApiError,
  startReceiver, verifyDeliveries, finish, step, pass, fail,
} = createCheck("check-1.0.mjs");

// --- shared state -------------------------------------------------------------------------------------------------

const run = Date.now().toString(36);
const tag = `kassa-check-${run}`;
const fields = {};
const products = {};
const discounts = {};
const checkouts = {};
const purchases = {};
const hour = 3600 * 1000;
const startsAt = new Date(Math.floor(Date.now() / 1000) * 1000 - hour).toISOString();
const endsAt = new Date(Date.parse(startsAt) + 30 * 24 * hour).toISOString();
const confirmationToken = (pm) => emulatorConfirmationToken(KASSA_URL, pm);

console.log(`Kassa SDK conformance check, @polar-sh/sdk 1.0.1 (2026-10 client), server ${KASSA_URL}, run ${run}`);

// --- custom fields ------------------------------------------------------------------------------------------------

for (const [type, properties] of [
  ["text", { form_label: "Your company", textarea: false, min_length: 2, max_length: 50 }],
  ["select", { form_label: "Plan size", options: [{ value: "s", label: "Small" }, { value: "xl", label: "Extra large" }] }],
  ["checkbox", { form_label: "I accept the terms" }],
]) {
  await step(`customFields.create ${type}`, async () => {
    const f = await call("customFields.create", polar.customFields.create({
      type, slug: `${tag}-${type}`, name: `${tag} ${type}`, properties, metadata: { kassa_check: run },
    }), type);
    fields[type] = f;
    checkEq(f.type, type, "type");
    checkEq(f.slug, `${tag}-${type}`, "slug");
    checkEq(f.metadata, { kassa_check: run }, "metadata");
  });
}

await step("customFields.list query / get / update", async () => {
  const page = await call("customFields.list", polar.customFields.list({ query: tag, limit: 10 }));
  checkEq(page.items.length, Object.keys(fields).length, "items matching query");
  checkEq(page.pagination.total_count, Object.keys(fields).length, "pagination.total_count");
  const text = need(fields.text, "text custom field");
  checkEq((await call("customFields.get", polar.customFields.get(text.id))).id, text.id, "get: id");
  const f = await call("customFields.update", polar.customFields.update(text.id, {
    type: "text", name: `${tag} text renamed`, properties: { form_label: "Company name", max_length: 80 },
  }));
  checkEq(f.name, `${tag} text renamed`, "name");
  checkEq(f.properties.max_length, 80, "properties.max_length");
});

await step("customFields.delete checkbox, then get -> ResourceNotFound", async () => {
  const checkbox = need(fields.checkbox, "checkbox custom field");
  checkEq(await polar.customFields.delete(checkbox.id), undefined, "delete resolves to undefined (204)");
  await expectApiError(errors.ResourceNotFound, () => polar.customFields.get(checkbox.id), "deleted custom field");
  delete fields.checkbox;
});

// --- products -----------------------------------------------------------------------------------------------------

async function createProduct(role, body, check1 = () => {}) {
  const p = await call("products.create", polar.products.create({ ...body, name: `${tag} ${role}` }), role);
  products[role] = p;
  checkEq(p.name, `${tag} ${role}`, "name");
  checkEq(p.is_archived, false, "is_archived");
  checkEq(p.prices.length, 1, "prices.length");
  checkEq(p.prices[0].product_id, p.id, "prices[0].product_id");
  check1(p);
  return p;
}
const fixed = (amount) => ({ amount_type: "fixed", price_amount: amount, price_currency: "usd" });

const receiverUrl = await startReceiver();
const hook = {};
const REQUIRED_EVENTS = ["checkout.created", "checkout.updated", "order.created", "order.paid", "subscription.created",
  "subscription.active", "customer.created"];

await step("webhooks.createWebhookEndpoint to a loopback receiver", async () => {
  const endpoint = await call("webhooks.createWebhookEndpoint", polar.webhooks.createWebhookEndpoint({
    url: receiverUrl, format: "raw", events: REQUIRED_EVENTS,
  }));
  check(endpoint.secret.startsWith("whsec_") || endpoint.secret.startsWith("polar_whs_"), `secret: ${endpoint.secret.slice(0, 10)}...`);
  checkEq([...endpoint.events].sort(), [...REQUIRED_EVENTS].sort(), "events");
  hook.endpoint = endpoint;
});

await step("products.create one-time fixed $15.00", async () => {
  await createProduct("one-time", { prices: [fixed(1500)] }, (p) => {
    checkEq(p.is_recurring, false, "is_recurring");
    checkEq(p.prices[0].price_amount, 1500, "prices[0].price_amount");
  });
});

await step("products.create monthly fixed $9.00", async () => {
  await createProduct("monthly", { recurring_interval: "month", prices: [fixed(900)] }, (p) => {
    checkEq(p.recurring_interval, "month", "recurring_interval");
    checkEq(p.is_recurring, true, "is_recurring");
  });
});

await step("products.create custom (pay what you want) price", async () => {
  await createProduct("pwyw", {
    prices: [{ amount_type: "custom", price_currency: "usd", minimum_amount: 500, maximum_amount: 10000, preset_amount: 2000 }],
  }, (p) => checkEq(p.prices[0].amount_type, "custom", "prices[0].amount_type"));
});

// 2026-10 has no "free" price type: a free product is a fixed price of 0.
await step("products.create free: fixed price_amount 0 (2026-10's free price)", async () => {
  await createProduct("free", { prices: [fixed(0)] }, (p) => {
    checkEq(p.prices[0].amount_type, "fixed", "prices[0].amount_type");
    checkEq(p.prices[0].price_amount, 0, "prices[0].price_amount");
  });
});

await step("products.create with attached custom fields and metadata", async () => {
  const text = need(fields.text, "text custom field");
  const select = need(fields.select, "select custom field");
  await createProduct("with-fields", {
    prices: [fixed(2500)], metadata: { kassa_check: run, seats: 5 },
    attached_custom_fields: [{ custom_field_id: text.id, required: true }, { custom_field_id: select.id, required: false }],
  }, (p) => {
    checkEq(p.attached_custom_fields.map((a) => a.custom_field_id), [text.id, select.id], "attached_custom_fields");
    checkEq(p.attached_custom_fields.map((a) => a.custom_field.type), ["text", "select"], "custom_field.type");
    checkEq(p.metadata, { kassa_check: run, seats: 5 }, "metadata");
  });
});

await step("products.list query, is_recurring; iterList", async () => {
  const page = await call("products.list", polar.products.list({ query: tag, limit: 100 }));
  checkEq(page.items.length, Object.keys(products).length, "products matching query");
  const recurring = await call("products.list", polar.products.list({ query: tag, is_recurring: true }), "is_recurring");
  checkEq(recurring.items.map((p) => p.id), [need(products.monthly, "monthly product").id], "recurring products");
  const all = [];
  for await (const p of polar.products.iterList({ query: tag, limit: 2 })) all.push(p);
  checkEq(all.length, Object.keys(products).length, "iterList over pages of 2");
});

await step("products.get / update (name, metadata, keep price {id}) / archive", async () => {
  const monthly = need(products.monthly, "monthly product");
  checkEq((await call("products.get", polar.products.get(monthly.id))).id, monthly.id, "get: id");
  const p = await call("products.update", polar.products.update(monthly.id, {
    name: `${tag} monthly renamed`, metadata: { kassa_check: run, plan: "pro" }, prices: [{ id: monthly.prices[0].id }],
  }));
  checkEq(p.name, `${tag} monthly renamed`, "name");
  checkEq(p.prices.map((x) => x.id), [monthly.prices[0].id], "price kept");
  const archived = await call("products.update", polar.products.update(need(products.pwyw, "pwyw").id, { is_archived: true }), "archive");
  checkEq(archived.is_archived, true, "is_archived");
});

await step("products.delete (DELETE /v1/products/{id}), then get -> ResourceNotFound", async () => {
  const p = await createProduct("to-delete", { prices: [fixed(700)] });
  checkEq(p.is_deletable, true, "is_deletable (never sold)");
  checkEq(await polar.products.delete(p.id), undefined, "delete resolves to undefined (204)");
  await expectApiError(errors.ResourceNotFound, () => polar.products.get(p.id), "deleted product");
  delete products["to-delete"];
});

await step("products.get random UUID -> ResourceNotFound body", async () => {
  const err = await expectApiError(errors.ResourceNotFound, () => polar.products.get(randomUUID()));
  checkEq(err.error?.error, "ResourceNotFound", "error");
  check(typeof err.error?.detail === "string", "detail is a string");
});

await step("products.create invalid body -> HTTPValidationError body (detail[].loc/msg/type)", async () => {
  const err = await expectApiError(errors.HTTPValidationError, () => polar.products.create({
    name: "", prices: [fixed(-100)],
  }));
  check(Array.isArray(err.error?.detail) && err.error.detail.length > 0, "detail is a non-empty list");
});

// --- discounts ----------------------------------------------------------------------------------------------------

async function createDiscount(role, body) {
  const code = `K${run}${role.replace(/[^a-z0-9]/gi, "")}`.toUpperCase().slice(0, 30);
  const d = await call("discounts.create", polar.discounts.create({
    name: `${tag} ${role}`, code, starts_at: startsAt, ends_at: endsAt, max_redemptions: 100,
    metadata: { kassa_check: run, role }, ...body,
  }), role);
  discounts[role] = d;
  checkEq(d.type, body.type, "type");
  checkEq(d.duration, body.duration, "duration");
  checkEq(d.code?.toUpperCase(), code, "code");
  checkEq(d.redemptions_count, 0, "redemptions_count");
  return d;
}

await step("discounts.create fixed once (product restriction)", async () => {
  const d = await createDiscount("fixed-once", {
    type: "fixed", duration: "once", amount: 500, currency: "usd", products: [need(products["one-time"], "one-time").id],
  });
  checkEq(d.products.map((p) => p.id), [products["one-time"].id], "products[].id");
});

await step("discounts.create percentage repeating (duration_in_months 6)", async () => {
  const d = await createDiscount("pct-repeating", { type: "percentage", duration: "repeating", duration_in_months: 6, basis_points: 1500 });
  checkEq(d.duration_in_months, 6, "duration_in_months");
});

await step("discounts.list / get / update / delete", async () => {
  const page = await call("discounts.list", polar.discounts.list({ query: tag, limit: 100 }));
  checkEq(page.items.length, Object.keys(discounts).length, "discounts matching query");
  const d = need(discounts["pct-repeating"], "repeating discount");
  checkEq((await call("discounts.get", polar.discounts.get(d.id))).basis_points, 1500, "get: basis_points");
  const u = await call("discounts.update", polar.discounts.update(d.id, { name: `${tag} renamed`, max_redemptions: 5 }));
  checkEq(u.max_redemptions, 5, "max_redemptions");
  const once = need(discounts["fixed-once"], "fixed once discount");
  checkEq(await polar.discounts.delete(once.id), undefined, "delete resolves to undefined");
  await expectApiError(errors.ResourceNotFound, () => polar.discounts.get(once.id), "deleted discount");
  delete discounts["fixed-once"];
});

// --- checkout sessions (amounts as in check.mjs: US-CA 7.25 % exclusive, DE 19 % inclusive) ---------------------

function checkAmounts(c, [amount, discount, net, tax, total]) {
  checkEq([c.amount, c.discount_amount, c.net_amount, c.tax_amount, c.total_amount], [amount, discount, net, tax, total],
    "amounts [amount, discount_amount, net_amount, tax_amount, total_amount]");
  checkEq(c.currency, "usd", "currency");
}
const caAddress = { country: "US", state: "CA", line1: "1 Market St", city: "San Francisco", postal_code: "94105" };
const deAddress = { country: "DE", line1: "Unter den Linden 1", city: "Berlin", postal_code: "10117" };

await step("products.create checkout products A ($19.99, required text field) and B ($49.00); 10 % code", async () => {
  await createProduct("checkout-a", {
    prices: [fixed(1999)], attached_custom_fields: [{ custom_field_id: need(fields.text, "text field").id, required: true }],
  });
  await createProduct("checkout-b", { prices: [fixed(4900)] });
  await createDiscount("checkout", { type: "percentage", duration: "once", basis_points: 1000 });
});

await step("checkouts.create [A, B] -> open, A selected, 1999", async () => {
  const a = need(products["checkout-a"], "product A");
  const b = need(products["checkout-b"], "product B");
  const c = await call("checkouts.create", polar.checkouts.create({ products: [a.id, b.id], metadata: { kassa_check: run } }));
  checkouts.merchant = c;
  checkEq(c.status, "open", "status");
  checkEq(c.product_id, a.id, "product_id");
  checkEq(c.products.map((p) => p.id), [a.id, b.id], "products[].id");
  checkAmounts(c, [1999, 0, 1999, null, 1999]);
  check(typeof c.client_secret === "string" && c.client_secret.length > 0, "client_secret");
});

await step("checkouts.get / list product_id", async () => {
  const created = need(checkouts.merchant, "checkout");
  checkEq((await call("checkouts.get", polar.checkouts.get(created.id))).id, created.id, "get: id");
  const page = await call("checkouts.list", polar.checkouts.list({ product_id: created.product_id }));
  checkEq(page.items.map((c) => c.id), [created.id], "checkouts of product A");
});

await step("checkouts.clientGet (buyer) -> CheckoutPublic with organization", async () => {
  const created = need(checkouts.merchant, "checkout");
  const c = await call("checkouts.clientGet", buyer.checkouts.clientGet(created.client_secret));
  checkEq(c.id, created.id, "id");
  checkEq(c.organization?.id, created.organization_id, "organization.id");
});

async function clientUpdate(body, expected, note) {
  const created = need(checkouts.merchant, "checkout");
  const c = await call("checkouts.clientUpdate", buyer.checkouts.clientUpdate(created.client_secret, body), note);
  checkEq(c.status, "open", "status");
  if (expected) checkAmounts(c, expected);
  return c;
}

await step("checkouts.clientUpdate email, name, US-CA -> tax 145, total 2144", async () => {
  const c = await clientUpdate({ customer_email: `buyer.${run}@example.com`, customer_name: "Ada Lovelace",
    customer_billing_address: caAddress }, [1999, 0, 1999, 145, 2144], "US-CA");
  checkEq(c.customer_billing_address?.state, "US-CA", "customer_billing_address.state");
});

await step("checkouts.clientUpdate DE + discount code -> discount 200, tax 287, total 1799", async () => {
  const d = need(discounts.checkout, "checkout discount");
  const c = await clientUpdate({ customer_billing_address: deAddress, discount_code: d.code.toLowerCase() },
    [1999, 200, 1512, 287, 1799], "DE, code");
  checkEq(c.discount_id, d.id, "discount_id");
});

await step("checkouts.clientUpdate unknown code -> HTTPValidationError body at discount_code", async () => {
  const created = need(checkouts.merchant, "checkout");
  const err = await expectApiError(errors.HTTPValidationError,
    () => buyer.checkouts.clientUpdate(created.client_secret, { discount_code: `NOPE${run}` }), "unknown code");
  check((err.error?.detail ?? []).some((e) => e.loc.join(".") === "body.discount_code"),
    `expected an error at body.discount_code, got ${safeJson(err.error)}`);
});

await step("checkouts.clientUpdate product_id B -> 4900, discount 490, tax 704, total 4410", async () => {
  const c = await clientUpdate({ product_id: need(products["checkout-b"], "B").id }, [4900, 490, 3706, 704, 4410], "product B");
  checkEq(c.product_id, products["checkout-b"].id, "product_id");
});

await step("checkouts.update (merchant) metadata", async () => {
  const created = need(checkouts.merchant, "checkout");
  const c = await call("checkouts.update", polar.checkouts.update(created.id, { metadata: { kassa_check: run, ref: "A-1" } }));
  checkEq(c.metadata, { kassa_check: run, ref: "A-1" }, "metadata");
  checkAmounts(c, [4900, 490, 3706, 704, 4410]);
});

await step("checkouts.get random UUID -> 404; clientGet unknown secret -> 404", async () => {
  await expectApiError(errors.ResourceNotFound, () => polar.checkouts.get(randomUUID()), "checkout");
  await expectApiError(errors.ResourceNotFound, () => buyer.checkouts.clientGet(`polar_c_unknown${run}`), "client secret");
});

await step("expire (plain HTTP), then checkouts.update -> 403 NotOpenCheckout, clientGet -> 410 ExpiredCheckoutError", async () => {
  const created = need(checkouts.merchant, "checkout");
  await expireCheckout(KASSA_URL, KASSA_TOKEN, created.id);
  const notOpen = await expectApiError(errors.CheckoutsUpdate403Error,
    () => polar.checkouts.update(created.id, { metadata: { kassa_check: run } }), "expired checkout");
  checkEq(notOpen.error?.error, "NotOpenCheckout", "error");
  const expired = await expectApiError(errors.ExpiredCheckoutError, () => buyer.checkouts.clientGet(created.client_secret));
  checkEq(expired.error?.error, "ExpiredCheckoutError", "error");
});

// --- confirmed purchases --------------------------------------------------------------------------------------------

async function waitForSucceeded(clientSecret, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const c = await buyer.checkouts.clientGet(clientSecret);
    if (c.status === "succeeded") return rec("checkouts.clientGet", c, "succeeded");
    check(c.status === "confirmed", `status ${c.status} while waiting for succeeded`);
    if (Date.now() > deadline) throw new CheckError(`status still ${c.status} after ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

async function purchase(scenario, productRole, body, expected) {
  const product = need(products[productRole], `product ${productRole}`);
  const c = await call("checkouts.create", polar.checkouts.create({ products: [product.id], metadata: { kassa_check: run, scenario } }), scenario);
  const p = { checkout: c, email: `buyer.${scenario}.${run}@example.com` };
  purchases[scenario] = p;
  const confirmed = await call("checkouts.clientConfirm", buyer.checkouts.clientConfirm(c.client_secret,
    { customer_email: p.email, ...body }), scenario);
  p.confirmed = confirmed;
  checkEq(confirmed.status, "confirmed", "status");
  checkAmounts(confirmed, expected);
  check(typeof confirmed.customer_session_token === "string" && confirmed.customer_session_token.startsWith("polar_cst_"),
    `customer_session_token should start with polar_cst_, got ${safeJson(confirmed.customer_session_token)}`);
  p.token = confirmed.customer_session_token;
  p.succeeded = await waitForSucceeded(c.client_secret);
  const orders = await call("orders.list", polar.orders.list({ checkout_id: c.id }), scenario);
  checkEq(orders.items.length, 1, "orders of the checkout");
  p.order = orders.items[0];
  checkEq(p.order.status, "paid", "order status");
  checkEq(p.order.total_amount, expected[4], "order total_amount");
  return p;
}

await step("purchase one-time $24.99 (15 % code, DE, custom field) -> order total 2124", async () => {
  const text = need(fields.text, "text field");
  await createProduct("confirm-one-time", { prices: [fixed(2499)],
    attached_custom_fields: [{ custom_field_id: text.id, required: true }] });
  const d = await createDiscount("confirm", { type: "percentage", duration: "once", basis_points: 1500 });
  const p = await purchase("one-time", "confirm-one-time", {
    customer_name: "Ada Lovelace", customer_billing_address: deAddress, discount_code: d.code.toLowerCase(),
    custom_field_data: { [text.slug]: "Acme GmbH" }, confirmation_token_id: await confirmationToken("pm_card_visa"),
  }, [2499, 375, 1785, 339, 2124]);
  checkEq(p.order.billing_reason, "purchase", "billing_reason");
});

await step("orders.get; customerPortal.orders.list / get and customers.get with the session token", async () => {
  const p = need(purchases["one-time"], "one-time purchase");
  const o = need(p.order, "one-time order");
  checkEq((await call("orders.get", polar.orders.get(o.id))).id, o.id, "orders.get: id");
  const mine = await call("customerPortal.orders.list", buyer.customerPortal.orders.list({}, asCustomer(p.token)));
  checkEq(mine.items.map((x) => x.id), [o.id], "the customer's orders");
  checkEq((await call("customerPortal.orders.get", buyer.customerPortal.orders.get(o.id, asCustomer(p.token)))).id, o.id, "portal order id");
  const me = await call("customerPortal.customers.get", buyer.customerPortal.customers.get(asCustomer(p.token)));
  checkEq(me.email, p.email, "portal customer email");
});

await step("orders.update and customerPortal.orders.update billing_name -> the order with the new name", async () => {
  const p = need(purchases["one-time"], "one-time purchase");
  const o = need(p.order, "one-time order");
  const merchant = await call("orders.update", polar.orders.update(o.id, { billing_name: "Ada King" }));
  checkEq(merchant.billing_name, "Ada King", "orders.update: billing_name");
  const portal = await call("customerPortal.orders.update",
    buyer.customerPortal.orders.update(o.id, { billing_name: "Augusta Ada King" }, asCustomer(p.token)));
  checkEq(portal.billing_name, "Augusta Ada King", "customerPortal.orders.update: billing_name");
});

await step("purchase monthly $12.99 (US-CA) -> active subscription, subscription_create order", async () => {
  await createProduct("confirm-monthly", { recurring_interval: "month", prices: [fixed(1299)] });
  const p = await purchase("monthly", "confirm-monthly", {
    customer_billing_address: caAddress, confirmation_token_id: await confirmationToken("pm_card_visa"),
  }, [1299, 0, 1299, 94, 1393]);
  checkEq(p.order.billing_reason, "subscription_create", "billing_reason");
  const subs = await call("subscriptions.list", polar.subscriptions.list({ product_id: p.checkout.product_id }));
  checkEq(subs.items.length, 1, "subscriptions of the product");
  p.subscription = subs.items[0];
  checkEq(p.subscription.status, "active", "status");
  checkEq(p.subscription.amount, 1299, "amount");
});

await step("subscriptions.get; customerPortal.subscriptions.list / get", async () => {
  const p = need(purchases.monthly, "monthly purchase");
  const s = need(p.subscription, "subscription");
  checkEq((await call("subscriptions.get", polar.subscriptions.get(s.id))).id, s.id, "subscriptions.get: id");
  const mine = await call("customerPortal.subscriptions.list", buyer.customerPortal.subscriptions.list({}, asCustomer(p.token)));
  checkEq(mine.items.map((x) => x.id), [s.id], "the customer's subscriptions");
  checkEq((await call("customerPortal.subscriptions.get", buyer.customerPortal.subscriptions.get(s.id, asCustomer(p.token)))).id,
    s.id, "portal subscription id");
});

await step("purchase the free product (fixed 0, no confirmation token) -> order of 0", async () => {
  need(products.free, "free product");
  await purchase("free", "free", {}, [0, 0, 0, 0, 0]);
});

await step("clientConfirm pm_card_chargeDeclined -> PaymentError body (400)", async () => {
  await createProduct("confirm-decline", { prices: [fixed(1000)] });
  const c = await call("checkouts.create", polar.checkouts.create({ products: [products["confirm-decline"].id] }), "decline");
  const err = await expectApiError(errors.PaymentError, async () => buyer.checkouts.clientConfirm(c.client_secret, {
    customer_email: `buyer.decline.${run}@example.com`, customer_billing_address: caAddress,
    confirmation_token_id: await confirmationToken("pm_card_chargeDeclined"),
  }));
  checkEq(err.error?.error, "PaymentError", "error");
  checkEq((await buyer.checkouts.clientGet(c.client_secret)).status, "open", "status after the decline");
});

// --- customers, customer state, customer sessions -------------------------------------------------------------------

const customers = {};
const externalId = `kassa-check-${run}`;
const customerEmail = `customer.${run}@example.com`;

await step("customers.create (individual) / get / getExternal / list / update / updateExternal", async () => {
  const c = await call("customers.create", polar.customers.create({
    email: customerEmail, name: "Grace Hopper", external_id: externalId, billing_address: deAddress,
    metadata: { kassa_check: run },
  }));
  customers.created = c;
  checkEq(c.external_id, externalId, "external_id");
  checkEq(c.type, "individual", "type");
  checkEq((await call("customers.get", polar.customers.get(c.id))).id, c.id, "get: id");
  checkEq((await call("customers.getExternal", polar.customers.getExternal(externalId))).id, c.id, "getExternal: id");
  const page = await call("customers.list", polar.customers.list({ email: customerEmail }));
  checkEq(page.items.map((x) => x.id), [c.id], "customers with the email");
  checkEq((await call("customers.update", polar.customers.update(c.id, { name: "Grace B. Hopper" }))).name, "Grace B. Hopper", "update: name");
  checkEq((await call("customers.updateExternal", polar.customers.updateExternal(externalId, { name: "Admiral Hopper" }))).name,
    "Admiral Hopper", "updateExternal: name");
});

await step("checkoutLinks.create / get / update / list; its url redirects (307) to a new open checkout, prefilled", async () => {
  const product = need(products["one-time"], "one-time product");
  const link = await call("checkoutLinks.create", polar.checkoutLinks.create({
    payment_processor: "stripe", products: [product.id], label: `${run} link`, allow_discount_codes: true,
    metadata: { kassa_check: run },
  }));
  check(link.client_secret.startsWith("polar_cl_"), "client_secret starts with polar_cl_");
  checkEq(link.products.map((p) => p.id), [product.id], "products[].id");
  checkEq((await call("checkoutLinks.get", polar.checkoutLinks.get(link.id))).id, link.id, "get: id");
  checkEq((await call("checkoutLinks.update", polar.checkoutLinks.update(link.id, { label: `${run} link 2` }))).label,
    `${run} link 2`, "update: label");
  const page = await call("checkoutLinks.list", polar.checkoutLinks.list({ product_id: product.id }));
  check(page.items.some((x) => x.id === link.id), "listed by product_id");
  const email = `link-${run}@example.com`;
  // The link's url is on PUBLIC_BASE_URL; the request goes to the server under test, at the same path.
  const redirect = new URL(new URL(link.url).pathname, KASSA_URL);
  redirect.searchParams.set("customer_email", email);
  const response = await fetch(redirect, { redirect: "manual", headers: { "Polar-Version": "2026-10" } });
  checkEq(response.status, 307, "redirect status");
  const location = response.headers.get("location") ?? "";
  const secret = location.split("/checkout/")[1]?.split(/[/?#]/)[0];
  check(secret, `Location is a checkout url: ${location}`);
  const checkout = await call("checkouts.clientGet", buyer.checkouts.clientGet(secret), "from a checkout link");
  checkEq(checkout.status, "open", "status");
  checkEq(checkout.customer_email, email, "customer_email prefilled");
  checkEq(checkout.product_id, product.id, "product_id");
});

await step("customers.getState / getStateExternal", async () => {
  const c = need(customers.created, "customer");
  const state = await call("customers.getState", polar.customers.getState(c.id));
  checkEq(state.id, c.id, "id");
  check(Array.isArray(state.active_subscriptions) && Array.isArray(state.granted_benefits), "active_subscriptions, granted_benefits");
  checkEq((await call("customers.getStateExternal", polar.customers.getStateExternal(externalId))).id, c.id, "external: id");
});

await step("customers.getState of a buyer with a subscription -> active_subscriptions", async () => {
  const p = need(purchases.monthly, "monthly purchase");
  const state = await call("customers.getState", polar.customers.getState(p.confirmed.customer_id), "subscriber");
  checkEq((state.active_subscriptions ?? []).map((s) => s.id), [need(p.subscription, "subscription").id], "active_subscriptions[].id");
});

await step("customerSessions.create({ external_customer_id, return_url }) -> portal customers.get", async () => {
  const c = need(customers.created, "customer");
  const s = await call("customerSessions.create", polar.customerSessions.create({
    external_customer_id: externalId, return_url: "https://example.com/account",
  }), "external_customer_id");
  checkEq(s.customer_id, c.id, "customer_id");
  checkEq(s.return_url, "https://example.com/account", "return_url");
  check(s.token.startsWith("polar_cst_"), "token starts with polar_cst_");
  const me = await call("customerPortal.customers.get", buyer.customerPortal.customers.get(asCustomer(s.token)), "session by external id");
  checkEq(me.id, c.id, "portal: id");
});

await step("customerSessions.create({ customer_id })", async () => {
  const c = need(customers.created, "customer");
  const s = await call("customerSessions.create", polar.customerSessions.create({ customer_id: c.id }), "customer_id");
  checkEq(s.customer_id, c.id, "customer_id");
});

await step("customers.get random UUID -> 404; customers.delete, then get -> 404", async () => {
  await expectApiError(errors.ResourceNotFound, () => polar.customers.get(randomUUID()), "customer");
  const c = need(customers.created, "customer");
  checkEq(await polar.customers.delete(c.id), undefined, "delete resolves to undefined");
  await expectApiError(errors.ResourceNotFound, () => polar.customers.get(c.id), "deleted customer");
});

await step("webhooks: the purchases' events arrive, each verified by validateEvent and by standardwebhooks", async () => {
  await verifyDeliveries(need(hook.endpoint, "webhook endpoint"), REQUIRED_EVENTS);
});

await step("every request sent Polar-Version: 2026-10", async () => {
  checkEq([...versions], ["2026-10"], "Polar-Version headers sent");
});

finish(import.meta.url);
