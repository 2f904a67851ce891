// Kassa's checkout page: keeps the server-rendered page current while the buyer types, through the public client
// API only (GET/PATCH /v1/checkouts/client/{secret}, .../confirm, .../stream). No build step, no dependencies.
(() => {
  "use strict";

  const root = document.getElementById("checkout") || document.getElementById("confirmation");
  if (!root) return;
  const secret = root.dataset.clientSecret;
  const api = "/v1/checkouts/client/" + encodeURIComponent(secret);
  const embedOrigin = root.dataset.embedOrigin || null;
  const streamAvailable = root.dataset.stream === "true";
  const embedQuery = embedOrigin ? location.search : "";

  // ------------------------------------------------------------------ embedding (Polar's messages)

  function postToParent(event, extra) {
    if (!embedOrigin || window.parent === window) return;
    window.parent.postMessage(Object.assign({ type: "POLAR_CHECKOUT", event: event }, extra || {}), embedOrigin);
  }

  const closeButton = document.getElementById("close");
  if (closeButton) closeButton.addEventListener("click", () => postToParent("close"));
  // Escape closes the embed when the key is released, not pressed: the frame then goes away after the whole key
  // press reached it (a frame removed between keydown and keyup leaves the browser delivering keyup to nothing).
  // Only an Escape whose keydown reached the page counts (not one a native select's picker used to close itself).
  let escapeDown = false;
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") escapeDown = !e.defaultPrevented && !e.isComposing;
  });
  document.addEventListener("keyup", (e) => {
    if (e.key !== "Escape") return;
    const close = escapeDown && embedOrigin;
    escapeDown = false;
    if (close) postToParent("close");
  });
  window.addEventListener("blur", () => { escapeDown = false; });

  // ------------------------------------------------------------------ API

  // Kassa-Client: checkout-page asks Kassa to answer errors as 200 with the real status in Kassa-Status and Polar's
  // body unchanged, so the browser logs no failed load for a decline, a 422, a 409 or a 410 the page handles.
  async function call(method, url, body) {
    const init = { method: method, headers: { Accept: "application/json", "Kassa-Client": "checkout-page" },
      credentials: "omit", cache: "no-store" };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, init);
    } catch (networkError) {
      return { ok: false, status: 0, body: null };
    }
    let json = null;
    try {
      json = await response.json();
    } catch (notJson) {
      json = null;
    }
    const status = Number(response.headers.get("Kassa-Status")) || response.status;
    return { ok: status >= 200 && status < 300, status: status, body: json };
  }

  /** Whether the checkout's payment waits for 3-D Secure (Kassa says so in payment_processor_metadata). */
  function awaitsAction(c) {
    const metadata = (c && c.payment_processor_metadata) || {};
    return c && c.status === "confirmed" && metadata.intent_status === "requires_action" && !!metadata.intent_client_secret;
  }

  /**
   * Waits for the payment's outcome: the event stream when Kassa serves it (Polar's messages
   * {"id","key","payload"}, closed with {"type":"reconnect"}), always with a poll of the client GET as the
   * fallback. Resolves with the checkout once it is no longer "confirmed" (succeeded, or open again), or once
   * alsoWhen(checkout) holds.
   */
  function waitForOutcome(alsoWhen) {
    return new Promise((resolve) => {
      let done = false;
      let source = null;
      let timer = null;
      let checks = 0;
      const finish = (checkout) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (source) source.close();
        resolve(checkout);
      };
      const check = async () => {
        const r = await call("GET", api);
        if (r.ok && r.body && (r.body.status !== "confirmed" || (alsoWhen && alsoWhen(r.body)))) finish(r.body);
        else if (r.status === 410) finish({ status: "expired" });
      };
      const poll = async () => {
        if (done) return;
        checks++;
        await check();
        if (!done) timer = setTimeout(poll, source ? 3000 : checks < 30 ? 700 : 2000);
      };
      const openStream = () => {
        if (!streamAvailable || typeof EventSource === "undefined") return;
        source = new EventSource(api + "/stream");
        source.onmessage = (message) => {
          let data;
          try {
            data = JSON.parse(message.data);
          } catch (ignored) {
            return;
          }
          if (data && data.type === "reconnect") {
            source.close();
            source = null;
            if (!done) openStream();
            return;
          }
          if (data && (data.key === "checkout.updated" || data.key === "checkout.order_created")) check();
        };
        source.onerror = () => {
          if (source && source.readyState === EventSource.CLOSED) source = null;
        };
      };
      openStream();
      poll();
    });
  }

  // ------------------------------------------------------------------ the confirmation page

  if (root.id === "confirmation") {
    if (root.dataset.status === "confirmed") {
      // A payment that turns out to wait for 3-D Secure is finished on the checkout page, which shows the step.
      waitForOutcome(awaitsAction).then((checkout) => {
        if (checkout.status === "succeeded") location.reload();
        else location.replace(root.dataset.checkoutPath + embedQuery);
      });
    }
    postToParent("loaded");
    return;
  }

  // ------------------------------------------------------------------ the checkout page

  const form = document.getElementById("checkout-form");
  const payButton = document.getElementById("pay");
  const formError = document.getElementById("form-error");
  const testMode = root.dataset.testMode === "true";
  const emulatorBase = root.dataset.emulatorBase || "/_stripe";
  const locale = root.dataset.locale || "en-US";
  const zeroDecimal = ["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "vnd", "vuv", "xaf", "xof", "xpf"];
  const vatCountries = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT",
    "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "GB", "NO", "CH"];
  let checkout = JSON.parse(document.getElementById("checkout-data").textContent);
  let busy = false;

  const byId = (id) => document.getElementById(id);
  const perMajor = () => (zeroDecimal.includes(checkout.currency) ? 1 : 100);

  function money(minor) {
    const currency = checkout.currency.toUpperCase();
    return new Intl.NumberFormat(locale, { style: "currency", currency: currency }).format(minor / perMajor());
  }

  function recurrence(product) {
    if (!product || !product.is_recurring) return "";
    const count = product.recurring_interval_count || 1;
    return count <= 1 ? " / " + product.recurring_interval : " / " + count + " " + product.recurring_interval + "s";
  }

  function payLabel(c) {
    if (!c.is_payment_form_required) return "Get it free";
    if (c.product && c.product.is_recurring) return c.trial_end ? "Start trial" : "Subscribe";
    return "Pay " + money(c.total_amount);
  }

  // ------------------------------------------------------------------ rendering what the API answered

  function render() {
    byId("total-subtotal").textContent = money(checkout.amount);
    byId("discount-line").hidden = !(checkout.discount_amount > 0);
    byId("total-discount").textContent = "\u2212" + money(checkout.discount_amount);
    const country = checkout.customer_billing_address ? checkout.customer_billing_address.country : null;
    byId("tax-label").textContent = vatCountries.includes(country) ? "VAT" : "Tax";
    byId("total-tax").textContent = checkout.tax_amount === null || checkout.tax_amount === undefined
      ? "Calculated from your address" : money(checkout.tax_amount);
    byId("total-total").textContent = money(checkout.total_amount) + recurrence(checkout.product);
    if (!busy) payButton.textContent = payLabel(checkout);
    byId("payment").hidden = !checkout.is_payment_form_required;
    renderAddressModes();
    renderDiscount();
    const business = byId("f-is_business_customer").checked;
    // A free checkout asks for no billing details (Kassa needs the address only for what is paid or saved).
    const billing = checkout.is_payment_form_required || checkout.require_billing_address || business;
    byId("business-choice").hidden = !(checkout.is_payment_form_required || checkout.require_billing_address);
    byId("billing-address").hidden = !billing;
    byId("business-fields").hidden = !business;
    setRequired(byId("f-customer_billing_name"), business);
    updateStripeAmount();
  }

  function setRequired(input, required) {
    if (!input) return;
    input.required = required;
    const label = document.querySelector('label[for="' + input.id + '"]');
    const mark = label && label.parentElement ? label.parentElement.querySelector(".req") : null;
    if (mark) mark.hidden = !required;
  }

  function labelText(input) {
    const label = document.querySelector('label[for="' + input.id + '"]');
    return label ? label.textContent.trim() : "This field";
  }

  function renderAddressModes() {
    const modes = checkout.billing_address_fields || {};
    for (const part of ["line1", "line2", "postal_code", "city"]) {
      const mode = modes[part] || "disabled";
      byId("f-customer_billing_address-" + part + "-field").hidden = mode === "disabled";
      setRequired(byId("f-customer_billing_address-" + part), mode === "required");
    }
    const country = byId("f-customer_billing_address-country").value;
    const stateMode = modes.state || "disabled";
    const stateField = byId("f-customer_billing_address-state-field");
    stateField.hidden = stateMode === "disabled";
    let state = byId("f-customer_billing_address-state");
    const wantsSelect = country === "US" || country === "CA";
    const current = state.dataset.country || (state.tagName === "SELECT" ? "?" : "");
    if (wantsSelect && (state.tagName !== "SELECT" || current !== country)) {
      const select = byId("states-" + country).content.firstElementChild.cloneNode(true);
      select.dataset.country = country;
      state.replaceWith(select);
      state = select;
    } else if (!wantsSelect && state.tagName === "SELECT") {
      const input = document.createElement("input");
      input.type = "text";
      input.id = state.id;
      input.name = "state";
      input.autocomplete = "address-level1";
      input.setAttribute("aria-describedby", state.id + "-error");
      state.replaceWith(input);
      state = input;
    }
    const label = stateField.querySelector("label");
    label.textContent = country === "CA" ? "Province" : "State";
    setRequired(state, stateMode === "required");
  }

  function renderDiscount() {
    const field = byId("discount-field");
    if (!field) return;
    const applied = !!checkout.discount;
    byId("discount-entry").hidden = applied;
    byId("discount-applied").hidden = !applied;
    if (applied) byId("discount-applied-text").textContent = (checkout.discount.code || checkout.discount.name) + " applied";
  }

  // ------------------------------------------------------------------ errors next to their fields

  function fieldFor(loc) {
    const path = (loc || []).slice(loc && loc[0] === "body" ? 1 : 0).map(String);
    for (let n = path.length; n > 0; n--) {
      const element = byId("f-" + path.slice(0, n).join("-"));
      if (element) return element;
    }
    if (path[0] === "customer_billing_address") return byId("f-customer_billing_address-line1");
    return null;
  }

  function showError(input, message) {
    const target = input ? byId(input.id + "-error") : null;
    if (!target || (input.closest("[hidden]") && input.id !== "f-confirmation_token_id")) {
      formError.textContent = message;
      return;
    }
    target.textContent = message;
    input.setAttribute("aria-invalid", "true");
  }

  function clearError(input) {
    if (!input) return;
    const target = byId(input.id + "-error");
    if (target) target.textContent = "";
    input.removeAttribute("aria-invalid");
  }

  function clearAllErrors() {
    formError.textContent = "";
    root.querySelectorAll(".error").forEach((e) => { e.textContent = ""; });
    root.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
  }

  /** A 422's detail list, each message next to the field its loc names. Answers the first field with an error. */
  function showValidationErrors(detail) {
    let first = null;
    for (const problem of Array.isArray(detail) ? detail : []) {
      const input = fieldFor(problem.loc);
      showError(input, problem.msg);
      if (!first && input) first = input;
    }
    if (!Array.isArray(detail) && typeof detail === "string") formError.textContent = detail;
    return first;
  }

  // ------------------------------------------------------------------ reading the form

  function value(id) {
    const element = byId(id);
    return element ? element.value.trim() : "";
  }

  function addressValue() {
    const country = value("f-customer_billing_address-country");
    if (!country) return undefined;
    const address = { country: country };
    for (const part of ["line1", "line2", "postal_code", "city", "state"]) {
      const field = byId("f-customer_billing_address-" + part + "-field");
      const v = value("f-customer_billing_address-" + part);
      if (v && field && !field.hidden) address[part] = v;
    }
    return address;
  }

  function customFieldValues(onlyValid) {
    const data = {};
    root.querySelectorAll("[data-custom-field]").forEach((input) => {
      if (onlyValid && !input.checkValidity()) return;
      if (input.dataset.customField === "checkbox") {
        data[input.name] = input.checked;
      } else if (input.value.trim() !== "") {
        data[input.name] = input.dataset.customField === "number" ? Number(input.value) : input.value.trim();
      } else if (!onlyValid) {
        data[input.name] = null;
      }
    });
    return data;
  }

  /** The amount field in minor units, or null when it is not a valid amount within the price's limits. */
  function amountValue() {
    const input = byId("f-amount");
    if (!input) return undefined;
    const text = input.value.trim();
    const pattern = perMajor() === 1 ? /^\d+$/ : /^\d+(\.\d{1,2})?$/;
    if (!pattern.test(text)) return null;
    const [whole, fraction = ""] = text.split(".");
    const minor = perMajor() === 1 ? Number(whole) : Number(whole) * 100 + Number((fraction + "00").slice(0, 2));
    const minimum = Number(input.dataset.minimum);
    const maximum = Number(input.dataset.maximum);
    if (minor < minimum || minor > maximum) return null;
    return minor;
  }

  function amountProblem() {
    const input = byId("f-amount");
    const minimum = Number(input.dataset.minimum);
    const maximum = Number(input.dataset.maximum);
    return "Enter an amount between " + money(minimum) + " and " + money(maximum) + ".";
  }

  function emailValue() {
    const input = byId("f-customer_email");
    const v = input.value.trim();
    if (v === "") return null;
    return input.checkValidity() && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) ? v : undefined;
  }

  /** Checks what the browser can check before asking the server, so the buyer hears about it at once. */
  function validateForConfirm() {
    let first = null;
    const fail = (input, message) => {
      showError(input, message);
      if (!first) first = input;
    };
    if (byId("f-amount") && amountValue() === null) fail(byId("f-amount"), amountProblem());
    const email = byId("f-customer_email");
    if (email.value.trim() === "") fail(email, "Enter your email address.");
    else if (emailValue() === undefined) fail(email, "Enter a valid email address, like name@example.com.");
    const inputs = form.querySelectorAll("input, select, textarea");
    for (const input of inputs) {
      if (input === email || input.id === "f-amount" || input.closest("[hidden]") || input.type === "radio") continue;
      if (!input.checkValidity()) {
        const name = labelText(input);
        if (input.validity.valueMissing) fail(input, input.type === "checkbox" ? "Please check this box to continue." : name + " is required.");
        else fail(input, input.validationMessage);
      }
    }
    return first;
  }

  /** Everything the buyer entered: what confirm needs (custom fields must be sent again in full). */
  function confirmBody() {
    const body = {
      customer_email: emailValue() || null,
      customer_name: value("f-customer_name") || null,
      is_business_customer: byId("f-is_business_customer").checked,
      custom_field_data: customFieldValues(false),
    };
    const address = addressValue();
    if (address) body.customer_billing_address = address;
    if (body.is_business_customer) {
      body.customer_billing_name = value("f-customer_billing_name") || null;
      body.customer_tax_id = value("f-customer_tax_id") || null;
    }
    const amount = amountValue();
    if (amount !== undefined && amount !== null) body.amount = amount;
    return body;
  }

  // ------------------------------------------------------------------ updates: one at a time, coalesced

  let pending = null;
  let timer = null;
  let inFlight = null;
  let refreshAfter = false;

  function queueUpdate(fields, delay, refresh) {
    pending = Object.assign(pending || {}, fields);
    if (refresh) refreshAfter = true;
    clearTimeout(timer);
    timer = setTimeout(flush, delay);
  }

  async function settle() {
    while (inFlight) await inFlight;
  }

  async function flush() {
    clearTimeout(timer);
    timer = null;
    await settle();
    if (!pending || busy) return;
    const body = pending;
    const refresh = refreshAfter;
    pending = null;
    refreshAfter = false;
    inFlight = (async () => {
      const r = await call("PATCH", api, body);
      if (r.ok) {
        checkout = r.body;
        for (const key of Object.keys(body)) clearFieldErrors(key);
        if (refresh) await refreshSections();
        render();
      } else if (r.status === 409) {
        // Another request holds the checkout for a moment: send the same fields again shortly.
        pending = Object.assign(body, pending || {});
        refreshAfter = refreshAfter || refresh;
        timer = setTimeout(flush, 400);
      } else if (r.status === 422) {
        for (const key of Object.keys(body)) clearFieldErrors(key);
        showValidationErrors(r.body && r.body.detail);
      } else {
        handleUnexpected(r);
      }
    })();
    try {
      await inFlight;
    } finally {
      inFlight = null;
    }
  }

  function clearFieldErrors(key) {
    root.querySelectorAll('[id^="f-' + key + '"]').forEach((element) => {
      if (element.matches("input, select, textarea")) clearError(element);
    });
  }

  function handleUnexpected(r) {
    if (r.status === 410) {
      showExpired();
    } else if (r.status === 403 && !(r.body && r.body.error === "NotOpenCheckout")) {
      // The buyer may not buy this (a subscription they already have, a discount they used up): say why.
      formError.textContent = (r.body && typeof r.body.detail === "string") ? r.body.detail : "This purchase is not allowed.";
    } else if (r.status === 403) {
      location.replace(root.dataset.confirmationPath + embedQuery);
    } else {
      formError.textContent = (r.body && typeof r.body.detail === "string") ? r.body.detail
        : "Something went wrong. Check your connection and try again.";
    }
  }

  function showExpired() {
    const main = document.createElement("main");
    main.className = "checkout message";
    main.id = "message";
    main.innerHTML = '<section class="card" aria-labelledby="message-title"><h1 id="message-title"></h1><p class="lead"></p></section>';
    main.querySelector("h1").textContent = "This checkout has expired";
    main.querySelector("p").textContent = "The time to complete this purchase has run out. Go back to the merchant's site to start again.";
    root.replaceWith(main);
  }

  /** After a product or price switch: the server renders the new product's summary and custom fields. */
  async function refreshSections() {
    let text;
    try {
      const response = await fetch(location.pathname + location.search, { credentials: "omit", cache: "no-store" });
      if (!response.ok) return;
      text = await response.text();
    } catch (ignored) {
      return;
    }
    const fresh = new DOMParser().parseFromString(text, "text/html");
    for (const selector of [".summary", "#custom-fields", "#discount-field"]) {
      const now = root.querySelector(selector);
      const next = fresh.querySelector(selector);
      if (now && next) now.replaceWith(document.adoptNode(next));
    }
  }

  // ------------------------------------------------------------------ the buyer's input

  root.addEventListener("input", (e) => {
    const input = e.target;
    if (busy || !input.id) return;
    if (input.id === "f-customer_email") {
      clearError(input);
      const email = emailValue();
      if (email !== undefined) queueUpdate({ customer_email: email }, 600);
    } else if (input.id === "f-customer_name") {
      queueUpdate({ customer_name: input.value.trim() || null }, 600);
    } else if (input.id === "f-customer_billing_name") {
      queueUpdate({ customer_billing_name: input.value.trim() || null }, 600);
    } else if (input.id.startsWith("f-customer_billing_address-") && input.tagName === "INPUT") {
      clearError(input);
      const address = addressValue();
      if (address) queueUpdate({ customer_billing_address: address }, 600);
    } else if (input.dataset.customField && input.dataset.customField !== "checkbox" && input.tagName !== "SELECT") {
      clearError(input);
      queueUpdate({ custom_field_data: customFieldValues(true) }, 600);
    } else if (input.id === "f-amount") {
      clearError(input);
      const amount = amountValue();
      if (amount === null) {
        if (input.value.trim() !== "") showError(input, amountProblem());
      } else {
        queueUpdate({ amount: amount }, 500);
      }
    }
  });

  root.addEventListener("change", (e) => {
    const input = e.target;
    if (busy) return;
    if (input.name === "product") {
      queueUpdate({ product_id: input.value }, 0, true);
    } else if (input.name === "price") {
      queueUpdate({ product_price_id: input.value }, 0, true);
    } else if (input.id === "f-customer_billing_address-country" || input.id === "f-customer_billing_address-state") {
      clearError(input);
      renderAddressModes();
      const address = addressValue();
      if (address) queueUpdate({ customer_billing_address: address }, 0);
    } else if (input.id === "f-is_business_customer") {
      render();
      queueUpdate({ is_business_customer: input.checked }, 0);
    } else if (input.id === "f-customer_tax_id") {
      clearError(input);
      queueUpdate({ customer_tax_id: input.value.trim() || null }, 0);
    } else if (input.dataset.customField === "checkbox" || (input.dataset.customField && input.tagName === "SELECT")) {
      clearError(input);
      queueUpdate({ custom_field_data: customFieldValues(true) }, 0);
    } else if (input.id === "f-customer_email" || input.id === "f-customer_name" || input.id === "f-amount") {
      if (timer) flush();
    }
  });

  root.addEventListener("click", (e) => {
    const target = e.target;
    if (busy) return;
    if (target.id === "discount-apply") {
      const code = value("f-discount_code");
      clearError(byId("f-discount_code"));
      if (code === "") showError(byId("f-discount_code"), "Enter a discount code.");
      else queueUpdate({ discount_code: code }, 0);
    } else if (target.id === "discount-remove") {
      queueUpdate({ discount_code: null }, 0);
    }
  });

  root.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && e.target.id === "f-discount_code") {
      e.preventDefault();
      byId("discount-apply").click();
    }
  });

  // ------------------------------------------------------------------ paying

  function setBusy(on, label) {
    busy = on;
    payButton.disabled = on;
    payButton.setAttribute("aria-busy", on ? "true" : "false");
    payButton.textContent = on ? (label || "Processing…") : payLabel(checkout);
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (busy) return;
    clearAllErrors();
    const invalid = validateForConfirm();
    if (invalid) {
      invalid.focus();
      return;
    }
    clearTimeout(timer);
    pending = null;
    await settle();
    setBusy(true);
    const body = confirmBody();
    if (checkout.is_payment_form_required) {
      const token = testMode ? await testModeToken() : await liveToken(body);
      if (!token) {
        setBusy(false);
        return;
      }
      body.confirmation_token_id = token;
    }
    const r = await call("POST", api + "/confirm", body);
    if (!r.ok) {
      setBusy(false);
      if (r.status === 422) {
        const first = showValidationErrors(r.body && r.body.detail);
        if (first) first.focus();
        if (!formError.textContent) formError.textContent = "Check the highlighted fields.";
      } else if (r.status === 400 && r.body && r.body.error === "PaymentError") {
        formError.textContent = r.body.detail || "The payment failed. Please try again with a different payment method.";
        const r2 = await call("GET", api);
        if (r2.ok) checkout = r2.body;
      } else if (r.status === 409) {
        formError.textContent = "Your checkout is being updated or a payment is in progress. Try again in a moment.";
      } else {
        handleUnexpected(r);
      }
      return;
    }
    checkout = r.body;
    postToParent("confirmed");
    await afterConfirm(checkout);
  });

  /**
   * After confirm, or on a page (re)loaded while the payment waits: shows the 3-D Secure step when the intent needs
   * it (a reloaded page first asks the intent itself, which may have moved on before Kassa heard of it), then waits
   * for the outcome.
   */
  async function afterConfirm(confirmed, reloaded) {
    const metadata = confirmed.payment_processor_metadata || {};
    if (awaitsAction(confirmed) && (!reloaded || await stillRequiresAction(metadata.intent_client_secret))) {
      const handled = testMode ? await testModeThreeDSecure(metadata.intent_client_secret)
        : await liveNextAction(metadata.intent_client_secret);
      if (!handled) return;
    }
    setBusy(true, "Processing…");
    const outcome = await waitForOutcome();
    if (outcome.status === "succeeded") {
      succeeded(outcome);
    } else if (outcome.status === "expired") {
      showExpired();
    } else {
      checkout = outcome;
      setBusy(false);
      render();
      formError.textContent = "The payment did not go through. Try again, or use another card.";
    }
  }

  function succeeded(done) {
    payButton.disabled = true;
    payButton.hidden = true;
    const defaultSuccess = root.dataset.defaultSuccess === "true";
    postToParent("success", { successURL: done.success_url, redirect: !defaultSuccess });
    if (defaultSuccess || embedOrigin) location.replace(root.dataset.confirmationPath + embedQuery);
    else location.assign(done.success_url);
  }

  // Test mode: the emulator stands in for Stripe.js (its documented test helpers, with its test-mode key).
  const emulatorAuth = "Basic " + btoa("sk_test_kassa_emulator:");

  async function emulatorPost(path, params) {
    try {
      const response = await fetch(emulatorBase + path, {
        method: "POST", credentials: "omit",
        headers: { Authorization: emulatorAuth, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(params).toString(),
      });
      return { ok: response.ok, body: await response.json() };
    } catch (e) {
      return { ok: false, body: null };
    }
  }

  function intentPath(clientSecret) {
    const intentId = clientSecret.split("_secret_")[0];
    return (intentId.startsWith("seti_") ? "setup_intents/" : "payment_intents/") + encodeURIComponent(intentId);
  }

  /** Whether the intent still waits for 3-D Secure; when that cannot be read, it is assumed to (the step is shown). */
  async function stillRequiresAction(clientSecret) {
    let intent = null;
    if (testMode) {
      try {
        const response = await fetch(emulatorBase + "/v1/" + intentPath(clientSecret),
          { credentials: "omit", cache: "no-store", headers: { Authorization: emulatorAuth } });
        if (response.ok) intent = await response.json();
      } catch (ignored) {
        intent = null;
      }
    } else if (await stripeReady) {
      const result = clientSecret.startsWith("seti_") ? await stripe.retrieveSetupIntent(clientSecret)
        : await stripe.retrievePaymentIntent(clientSecret);
      intent = result && (result.setupIntent || result.paymentIntent);
    }
    return !intent || intent.status === "requires_action";
  }

  async function testModeToken() {
    const card = form.querySelector('input[name="test_card"]:checked');
    const r = await emulatorPost("/v1/test_helpers/confirmation_tokens", { payment_method: card ? card.value : "pm_card_visa" });
    if (!r.ok || !r.body || !r.body.id) {
      formError.textContent = "The test card could not be prepared. Try again.";
      return null;
    }
    return r.body.id;
  }

  function testModeThreeDSecure(clientSecret) {
    const panel = byId("three-ds");
    panel.hidden = false;
    setBusy(true, "Waiting for 3-D Secure…");
    const approve = byId("three-ds-approve");
    approve.focus();
    return new Promise((resolve) => {
      const answer = async (outcome) => {
        approve.disabled = true;
        byId("three-ds-fail").disabled = true;
        await emulatorPost("/v1/test_helpers/" + intentPath(clientSecret) + "/authenticate", { outcome: outcome });
        panel.hidden = true;
        resolve(true);
      };
      approve.addEventListener("click", () => answer("succeed"), { once: true });
      byId("three-ds-fail").addEventListener("click", () => answer("fail"), { once: true });
    });
  }

  // Live mode: Stripe.js and the Payment Element, confirming on the server with a ConfirmationToken.
  let stripe = null;
  let elements = null;

  function elementsOptions() {
    const options = { currency: checkout.currency };
    if (checkout.is_payment_required) {
      options.mode = "payment";
      options.amount = checkout.total_amount;
    } else {
      options.mode = "setup";
    }
    if (checkout.product && checkout.product.is_recurring) options.setupFutureUsage = "off_session";
    return options;
  }

  /** Loads Stripe.js and mounts the Payment Element; resolves with whether Stripe.js is there. */
  function setupStripe() {
    if (testMode || !byId("payment-element")) return Promise.resolve(false);
    const key = (checkout.payment_processor_metadata || {}).publishable_key;
    if (!key) return Promise.resolve(false);
    return new Promise((resolve) => {
      const script = document.createElement("script");
      script.src = "https://js.stripe.com/v3/";
      script.onload = () => {
        stripe = window.Stripe(key);
        elements = stripe.elements(elementsOptions());
        elements.create("payment").mount("#payment-element");
        resolve(true);
      };
      script.onerror = () => {
        formError.textContent = "The payment form could not be loaded. Check your connection and reload the page.";
        resolve(false);
      };
      document.head.appendChild(script);
    });
  }

  function updateStripeAmount() {
    if (elements) elements.update(elementsOptions());
  }

  async function liveToken(body) {
    if (!stripe || !elements) {
      formError.textContent = "The payment form is still loading. Try again in a moment.";
      return null;
    }
    const submitted = await elements.submit();
    if (submitted.error) {
      byId("f-confirmation_token_id-error").textContent = submitted.error.message;
      return null;
    }
    const billing = { email: body.customer_email || undefined, name: body.customer_name || undefined };
    if (body.customer_billing_address) billing.address = body.customer_billing_address;
    const result = await stripe.createConfirmationToken({ elements: elements, params: { payment_method_data: { billing_details: billing } } });
    if (result.error) {
      byId("f-confirmation_token_id-error").textContent = result.error.message;
      return null;
    }
    return result.confirmationToken.id;
  }

  async function liveNextAction(clientSecret) {
    if (!(await stripeReady)) return false;
    setBusy(true, "Waiting for your bank…");
    const result = await stripe.handleNextAction({ clientSecret: clientSecret });
    if (result.error) formError.textContent = result.error.message;
    // Either way Kassa learns the intent's state from Stripe; the outcome wait below reads it.
    return true;
  }

  // ------------------------------------------------------------------ start

  render();
  const stripeReady = setupStripe();
  if (checkout.status === "confirmed") {
    // Reloaded while the payment waits for 3-D Secure (Kassa serves this page then): the buyer finishes it here.
    setBusy(true);
    afterConfirm(checkout, true);
  }
  postToParent("loaded");
})();
