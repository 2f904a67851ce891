// Issue 11's check with @polar-sh/sdk 1.0.1 (2026-10 client): what happens to a subscription after its checkout.
// A monthly subscription bought with a 3-month repeating discount is renewed by moving its time forward (Kassa's
// test-mode POST /v1/test-helpers/subscriptions/{id}/advance, plain HTTP: no SDK has it); its renewal orders are
// paid, discounted for months 2 and 3 and at full price after; a subscription whose saved card fails
// (pm_card_chargeCustomerFail) goes past_due, is fixed by a card the buyer adds in the portal, and another one ends
// after the last retry; the buyer cancels at period end and uncancels in the portal; the merchant revokes; an order
// is refunded partly then fully, and two concurrent full refunds of another order give one refund; every step's
// webhook arrives and verifies. Every response is type-checked as in check-1.0.mjs.
//
//   KASSA_URL=http://127.0.0.1:8000 KASSA_TOKEN=polar_oat_... node check-1.0-billing.mjs

import { check, checkEq, need, confirmationToken as emulatorConfirmationToken, sleep, CheckError } from "./lib/harness.mjs";
import { createCheck, errors } from "./lib/sdk-1.0.mjs";

const {
  url: KASSA_URL, token: KASSA_TOKEN, polar, buyer, asCustomer, versions, rec, call, expectApiError, startReceiver,
  verifyDeliveries, finish, step,
} = createCheck("check-1.0-billing.mjs");

const run = Date.now().toString(36);
const tag = `kassa-billing-${run}`;
const confirmationToken = (pm) => emulatorConfirmationToken(KASSA_URL, pm);
const caAddress = { country: "US", state: "CA", line1: "1 Market St", city: "San Francisco", postal_code: "94105" };
const state = {};

console.log(`Kassa SDK billing check, @polar-sh/sdk 1.0.1 (2026-10 client), server ${KASSA_URL}, run ${run}`);

// Moves the subscription to its next due moment and runs what is due (test mode only).
async function advance(subscriptionId, note) {
  const response = await fetch(`${KASSA_URL}/v1/test-helpers/subscriptions/${subscriptionId}/advance`, {
    method: "POST", headers: { Authorization: `Bearer ${KASSA_TOKEN}` },
  });
  const text = await response.text();
  check(response.status === 200, `advance: HTTP ${response.status} ${text}`);
  // The answer is a Subscription: type-checked as subscriptions.get's.
  return rec("subscriptions.get", JSON.parse(text), `advanced${note ? `: ${note}` : ""}`);
}

async function waitFor(what, probe, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new CheckError(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

async function buy(productId, body, scenario) {
  const checkout = await call("checkouts.create", polar.checkouts.create({ products: [productId], metadata: { scenario } }), scenario);
  const confirmed = await call("checkouts.clientConfirm", buyer.checkouts.clientConfirm(checkout.client_secret, {
    customer_email: `${scenario}.${run}@example.com`, customer_billing_address: caAddress, ...body,
  }), scenario);
  await waitFor(`${scenario} succeeded`, async () => (await buyer.checkouts.clientGet(checkout.client_secret)).status === "succeeded");
  const orders = await call("orders.list", polar.orders.list({ checkout_id: checkout.id }), scenario);
  checkEq(orders.items.length, 1, "orders of the checkout");
  return { checkout, confirmed, token: confirmed.customer_session_token, order: orders.items[0] };
}

async function subscriptionOf(purchase) {
  const subs = await call("subscriptions.list", polar.subscriptions.list({ customer_id: purchase.confirmed.customer_id }));
  checkEq(subs.items.length, 1, "the customer's subscriptions");
  return subs.items[0];
}

async function ordersOf(subscriptionId) {
  const page = await call("orders.list", polar.orders.list({ subscription_id: subscriptionId, sorting: ["created_at"], limit: 100 }),
    "of a subscription");
  return page.items;
}

// --- a merchant's webhook endpoint for every event of this check ----------------------------------------------------

const EVENTS = ["order.created", "order.paid", "order.updated", "order.refunded", "subscription.created",
  "subscription.active", "subscription.updated", "subscription.canceled", "subscription.uncanceled",
  "subscription.revoked", "subscription.past_due", "refund.created", "refund.updated", "customer.state_changed"];
// refund.updated is sent when a refund's status changes after its creation: these card refunds succeed at once.
const EXPECTED_EVENTS = EVENTS.filter((type) => type !== "refund.updated");

await step("webhooks.createWebhookEndpoint for subscription, order and refund events", async () => {
  state.endpoint = await call("webhooks.createWebhookEndpoint", polar.webhooks.createWebhookEndpoint({
    url: await startReceiver(), format: "raw", events: EVENTS,
  }));
});

// --- renewals with a 3-month repeating discount ---------------------------------------------------------------------

await step("buy a $10.00 monthly plan with a 20 % discount repeating 3 months -> first order 800 + tax", async () => {
  state.monthly = await call("products.create", polar.products.create({
    name: `${tag} monthly`, recurring_interval: "month",
    prices: [{ amount_type: "fixed", price_amount: 1000, price_currency: "usd" }],
  }), "monthly");
  const discount = await call("discounts.create", polar.discounts.create({
    name: `${tag} 20 % for 3 months`, code: `B${run}`.toUpperCase().slice(0, 20), type: "percentage", basis_points: 2000,
    duration: "repeating", duration_in_months: 3,
  }));
  state.discount = discount;
  const p = await buy(state.monthly.id, { discount_code: discount.code, confirmation_token_id: await confirmationToken("pm_card_visa") },
    "renewals");
  state.renewals = p;
  checkEq([p.order.subtotal_amount, p.order.discount_amount, p.order.net_amount], [1000, 200, 800], "first order amounts");
  checkEq(p.order.billing_reason, "subscription_create", "billing_reason");
  state.renewalSubscription = await subscriptionOf(p);
  checkEq(state.renewalSubscription.status, "active", "status");
  checkEq(state.renewalSubscription.discount_id, discount.id, "discount_id");
});

for (const [month, discounted] of [[2, true], [3, true], [4, false]]) {
  await step(`advance to month ${month} -> a paid subscription_cycle order, ${discounted ? "discounted (800)" : "full price (1000)"}`, async () => {
    const before = need(state.renewalSubscription, "subscription");
    const after = await advance(before.id, `month ${month}`);
    checkEq(after.status, "active", "status");
    check(Date.parse(after.current_period_end) > Date.parse(after.current_period_start), "period end after start");
    const orders = await ordersOf(before.id);
    checkEq(orders.length, month, "orders of the subscription");
    const renewal = orders[orders.length - 1];
    checkEq(renewal.billing_reason, "subscription_cycle", "billing_reason");
    checkEq(renewal.status, "paid", "status");
    checkEq([renewal.subtotal_amount, renewal.discount_amount, renewal.net_amount],
      discounted ? [1000, 200, 800] : [1000, 0, 1000], "renewal amounts [subtotal, discount, net]");
    checkEq(renewal.total_amount, renewal.net_amount + renewal.tax_amount, "total = net + tax");
    check(renewal.tax_amount > 0, "tax recalculated for US-CA");
    state.renewalSubscription = after;
  });
}

// --- a card that fails on renewal: past_due, fixed in the portal; another ended after the last retry -------------

await step("buy the monthly plan with pm_card_chargeCustomerFail -> active", async () => {
  const p = await buy(need(state.monthly, "monthly product").id,
    { confirmation_token_id: await confirmationToken("pm_card_chargeCustomerFail") }, "failing-card");
  state.failing = p;
  state.failingSubscription = await subscriptionOf(p);
  checkEq(state.failingSubscription.status, "active", "status");
});

await step("advance: the renewal is declined -> past_due, the order pending", async () => {
  const s = await advance(need(state.failingSubscription, "subscription").id, "declined renewal");
  checkEq(s.status, "past_due", "status");
  const orders = await ordersOf(s.id);
  checkEq(orders.map((o) => [o.billing_reason, o.status]), [["subscription_create", "paid"], ["subscription_cycle", "pending"]],
    "orders [billing_reason, status]");
  state.failingSubscription = s;
});

await step("the buyer adds a working card in the portal as the default; the retry pays the order -> active", async () => {
  const p = need(state.failing, "failing purchase");
  const listed = await call("customerPortal.customers.listPaymentMethods",
    buyer.customerPortal.customers.listPaymentMethods({}, asCustomer(p.token)));
  checkEq(listed.items.length, 1, "saved payment methods before");
  const added = await call("customerPortal.customers.addPaymentMethod", buyer.customerPortal.customers.addPaymentMethod({
    confirmation_token_id: await confirmationToken("pm_card_visa"), set_default: true, return_url: "https://example.com/account",
  }, asCustomer(p.token)));
  checkEq(added.status, "succeeded", "status");
  const me = await call("customerPortal.customers.get", buyer.customerPortal.customers.get(asCustomer(p.token)));
  checkEq(me.default_payment_method_id, added.payment_method.id, "default_payment_method_id");
  const s = await waitFor("the retry", async () => {
    const current = await polar.subscriptions.get(state.failingSubscription.id);
    return current.status === "active" ? current : null;
  });
  rec("subscriptions.get", s, "recovered");
  const orders = await ordersOf(s.id);
  checkEq(orders.map((o) => o.status), ["paid", "paid"], "orders paid");
  state.failingSubscription = s;
});

await step("a subscription whose card keeps failing ends after the last dunning retry", async () => {
  const p = await buy(need(state.monthly, "monthly product").id,
    { confirmation_token_id: await confirmationToken("pm_card_chargeCustomerFail") }, "dunning");
  let s = await subscriptionOf(p);
  s = await advance(s.id, "first failure");
  checkEq(s.status, "past_due", "status after the declined renewal");
  const statuses = [];
  for (let retry = 1; retry <= 10 && s.status === "past_due"; retry++) {
    s = await advance(s.id, `retry ${retry}`);
    statuses.push(s.status);
  }
  checkEq(s.status, "canceled", "status after the last retry");
  check(s.ended_at !== null, "ended_at set");
  check(statuses.length >= 1 && statuses.length <= 10, `retries: ${statuses.join(", ")}`);
  state.dunningSubscription = s;
});

// --- cancel and uncancel in the portal, revoke by the merchant -------------------------------------------------------

await step("customerPortal.subscriptions.cancel -> cancel_at_period_end; update { cancel_at_period_end: false } uncancels", async () => {
  const p = need(state.renewals, "renewal purchase");
  const s = need(state.renewalSubscription, "subscription");
  const canceled = await call("customerPortal.subscriptions.cancel", buyer.customerPortal.subscriptions.cancel(s.id, asCustomer(p.token)));
  checkEq([canceled.status, canceled.cancel_at_period_end, canceled.ends_at], ["active", true, s.current_period_end],
    "[status, cancel_at_period_end, ends_at]");
  check(canceled.canceled_at !== null, "canceled_at set");
  const uncanceled = await call("customerPortal.subscriptions.update", buyer.customerPortal.subscriptions.update(s.id,
    { cancel_at_period_end: false }, asCustomer(p.token)));
  checkEq([uncanceled.status, uncanceled.cancel_at_period_end, uncanceled.ends_at, uncanceled.canceled_at],
    ["active", false, null, null], "[status, cancel_at_period_end, ends_at, canceled_at]");
});

await step("subscriptions.update { cancel_at_period_end: true } then advance -> ended, no renewal order", async () => {
  const s = need(state.failingSubscription, "subscription");
  const canceled = await call("subscriptions.update", polar.subscriptions.update(s.id, {
    cancel_at_period_end: true, customer_cancellation_reason: "too_expensive",
  }));
  checkEq([canceled.cancel_at_period_end, canceled.customer_cancellation_reason], [true, "too_expensive"], "canceled");
  const ended = await advance(s.id, "end of the canceled period");
  checkEq(ended.status, "canceled", "status");
  check(ended.ended_at !== null, "ended_at set");
  checkEq((await ordersOf(s.id)).length, 2, "no renewal order after the cancellation");
});

await step("subscriptions.revoke -> canceled now; the customer state has no active subscription", async () => {
  const s = need(state.renewalSubscription, "subscription");
  const revoked = await call("subscriptions.revoke", polar.subscriptions.revoke(s.id));
  checkEq(revoked.status, "canceled", "status");
  check(revoked.ended_at !== null && revoked.canceled_at !== null, "ended_at and canceled_at set");
  const customerState = await call("customers.getState", polar.customers.getState(revoked.customer_id));
  checkEq(customerState.active_subscriptions.map((x) => x.id), [], "active_subscriptions");
  await expectApiError(errors.AlreadyCanceledSubscription, () => polar.subscriptions.revoke(s.id), "revoked twice");
});

// --- refunds ---------------------------------------------------------------------------------------------------------

async function oneTimeOrder(scenario) {
  const product = state.oneTime ?? (state.oneTime = await call("products.create", polar.products.create({
    name: `${tag} one-time`, prices: [{ amount_type: "fixed", price_amount: 5000, price_currency: "usd" }],
  }), "one-time"));
  return (await buy(product.id, { confirmation_token_id: await confirmationToken("pm_card_visa") }, scenario)).order;
}

await step("refunds.create 1000 of a $50.00 order -> partially_refunded; then the rest -> refunded", async () => {
  const order = await oneTimeOrder("refund");
  state.refundOrder = order;
  const partial = await call("refunds.create", polar.refunds.create({ order_id: order.id, reason: "customer_request", amount: 1000 }));
  checkEq([partial.order_id, partial.amount, partial.status], [order.id, 1000, "succeeded"], "[order_id, amount, status]");
  let current = await call("orders.get", polar.orders.get(order.id), "partially refunded");
  checkEq([current.status, current.refunded_amount], ["partially_refunded", 1000], "[status, refunded_amount]");
  const rest = await call("refunds.create", polar.refunds.create({
    order_id: order.id, reason: "customer_request", amount: order.net_amount - 1000,
  }), "the rest");
  checkEq(rest.status, "succeeded", "status");
  current = await call("orders.get", polar.orders.get(order.id), "refunded");
  checkEq([current.status, current.refunded_amount], ["refunded", order.net_amount], "[status, refunded_amount]");
  const listed = await call("refunds.list", polar.refunds.list({ order_id: order.id }));
  checkEq(listed.items.map((r) => r.amount).sort((a, b) => a - b), [1000, order.net_amount - 1000].sort((a, b) => a - b),
    "refunds of the order");
  await expectApiError(errors.RefundedAlready, () => polar.refunds.create({ order_id: order.id, reason: "other", amount: 1 }),
    "fully refunded order");
});

await step("two concurrent refunds of a whole order -> one refund, the other refused", async () => {
  const order = await oneTimeOrder("concurrent-refund");
  const results = await Promise.allSettled([1, 2].map(() => polar.refunds.create({
    order_id: order.id, reason: "duplicate", amount: order.net_amount,
  })));
  const ok = results.filter((r) => r.status === "fulfilled");
  checkEq(ok.length, 1, `refunds made (${results.map((r) => (r.status === "fulfilled" ? "ok" : r.reason?.constructor?.name)).join(", ")})`);
  rec("refunds.create", ok[0].value, "concurrent");
  const current = await call("orders.get", polar.orders.get(order.id), "concurrent refunds");
  checkEq([current.status, current.refunded_amount], ["refunded", order.net_amount], "[status, refunded_amount]");
});

// --- webhooks --------------------------------------------------------------------------------------------------------

await step("webhooks: every step's event arrived and verifies", async () => {
  const events = await verifyDeliveries(need(state.endpoint, "webhook endpoint"), EXPECTED_EVENTS);
  const of = (type, id) => events.filter((e) => e.type === type && e.data.id === id);
  const renewal = need(state.renewalSubscription, "renewal subscription");
  check(of("subscription.updated", renewal.id).length >= 3, "subscription.updated for each renewal");
  checkEq(of("subscription.revoked", renewal.id).length, 1, "subscription.revoked once");
  checkEq(of("subscription.past_due", need(state.failingSubscription, "failing").id).length, 1, "subscription.past_due once");
  checkEq(of("order.refunded", need(state.refundOrder, "refund order").id).length, 2, "order.refunded for each refund");
});

await step("every SDK request sent Polar-Version: 2026-10", async () => {
  checkEq([...versions], ["2026-10"], "Polar-Version headers sent");
});

finish(import.meta.url);
