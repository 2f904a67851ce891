// A stand-in for https://js.stripe.com/v3/ in CheckoutPageLiveModeBrowserTest (js.stripe.com is not reachable
// there). It implements only what Kassa's checkout page calls, the way Stripe.js answers them: Stripe(key),
// elements(options) with create("payment").mount() (an iframe from js.stripe.com, as the Payment Element),
// update() and submit(); createConfirmationToken(); retrievePaymentIntent()/retrieveSetupIntent(); and
// handleNextAction(), which shows a 3-D Secure challenge in a js.stripe.com iframe. Its requests go to
// https://api.stripe.com with the publishable key, which the test routes to the Stripe emulator. Every call is
// handed to the test (window.kassaTestRecordStripeCall); window.__fakeStripe.card is the test card "typed" into
// the element.
(() => {
  "use strict";
  const api = "https://api.stripe.com/v1/";
  const recorded = [];
  const fake = { calls: { push: (call) => {
    recorded.push(call);
    if (window.kassaTestRecordStripeCall) window.kassaTestRecordStripeCall(JSON.stringify(call));
  } }, card: "pm_card_visa" };
  window.__fakeStripe = fake;

  const plain = (value) => JSON.parse(JSON.stringify(value === undefined ? null : value));

  window.Stripe = function Stripe(key) {
    fake.calls.push(["Stripe", key]);

    async function request(method, path, params) {
      const query = new URLSearchParams(Object.assign({ key: key }, params || {}));
      // A simple CORS request (form body, no custom header), as Stripe.js makes.
      const response = method === "GET"
        ? await fetch(api + path + "?" + query.toString(), { credentials: "omit" })
        : await fetch(api + path, { method: "POST", body: query, credentials: "omit" });
      const body = await response.json();
      return response.ok ? { body: body } : { error: body.error || { message: "Stripe request failed" } };
    }

    const intentPath = (clientSecret) => {
      const id = clientSecret.split("_secret_")[0];
      return (id.startsWith("seti_") ? "setup_intents/" : "payment_intents/") + encodeURIComponent(id);
    };

    async function retrieve(clientSecret) {
      const r = await request("GET", intentPath(clientSecret), { client_secret: clientSecret });
      if (r.error) return { error: r.error };
      return clientSecret.startsWith("seti_") ? { setupIntent: r.body } : { paymentIntent: r.body };
    }

    function challenge() {
      return new Promise((resolve) => {
        const frame = document.createElement("iframe");
        frame.src = "https://js.stripe.com/v3/three-ds-challenge.html";
        frame.title = "3D Secure challenge";
        frame.style.cssText = "position:fixed;inset:10%;width:80%;height:60%;background:#fff;border:1px solid #888;z-index:9";
        const listener = (event) => {
          if (event.origin !== "https://js.stripe.com" || event.source !== frame.contentWindow) return;
          window.removeEventListener("message", listener);
          frame.remove();
          resolve(event.data && event.data.outcome);
        };
        window.addEventListener("message", listener);
        document.body.appendChild(frame);
      });
    }

    return {
      elements(options) {
        fake.calls.push(["elements", plain(options)]);
        return {
          create(type, createOptions) {
            fake.calls.push(["create", type, plain(createOptions)]);
            return {
              mount(selector) {
                fake.calls.push(["mount", selector]);
                const frame = document.createElement("iframe");
                frame.src = "https://js.stripe.com/v3/elements-inner-payment.html";
                frame.title = "Secure payment input frame";
                frame.style.cssText = "width:100%;height:3rem;border:0";
                document.querySelector(selector).appendChild(frame);
              },
            };
          },
          update(updateOptions) {
            fake.calls.push(["update", plain(updateOptions)]);
          },
          async submit() {
            fake.calls.push(["submit"]);
            return {};
          },
        };
      },

      async createConfirmationToken(options) {
        fake.calls.push(["createConfirmationToken", plain(options.params)]);
        if (!options.elements) return { error: { message: "elements is required" } };
        const r = await request("POST", "test_helpers/confirmation_tokens", { payment_method: fake.card });
        return r.error ? { error: r.error } : { confirmationToken: r.body };
      },

      retrievePaymentIntent(clientSecret) {
        fake.calls.push(["retrievePaymentIntent", clientSecret.split("_secret_")[0]]);
        return retrieve(clientSecret);
      },

      retrieveSetupIntent(clientSecret) {
        fake.calls.push(["retrieveSetupIntent", clientSecret.split("_secret_")[0]]);
        return retrieve(clientSecret);
      },

      async handleNextAction(options) {
        fake.calls.push(["handleNextAction", options.clientSecret.split("_secret_")[0]]);
        const outcome = await challenge();
        const id = options.clientSecret.split("_secret_")[0];
        const kind = id.startsWith("seti_") ? "setup_intents/" : "payment_intents/";
        const r = await request("POST", "test_helpers/" + kind + encodeURIComponent(id) + "/authenticate",
          { outcome: outcome === "succeed" ? "succeed" : "fail" });
        if (r.error) return { error: r.error };
        if (outcome !== "succeed") {
          return { error: { type: "card_error", code: "payment_intent_authentication_failure",
            message: "We are unable to authenticate your payment method. Please choose a different payment method and try again." } };
        }
        return retrieve(options.clientSecret);
      },
    };
  };
})();
