// Kassa's embed script: the API of Polar's @polar-sh/checkout embed (window.Polar.EmbedCheckout, data-polar-checkout
// triggers, data-auto-init), written for Kassa. It accepts the checkout's messages only from the Kassa origin this
// script was loaded from, and only from the iframe it opened.
(() => {
  "use strict";

  const MESSAGE_TYPE = "POLAR_CHECKOUT";
  const currentScript = document.currentScript;
  const kassaOrigin = currentScript && currentScript.src ? new URL(currentScript.src, location.href).origin : location.origin;

  class EmbedCheckout {
    constructor(iframe, loader) {
      this.iframe = iframe;
      this.loader = loader;
      this.loaded = false;
      this.closable = true;
      this.eventTarget = new EventTarget();
      this.windowMessageListener = this.handleWindowMessage.bind(this);
      window.addEventListener("message", this.windowMessageListener);
    }

    /** Sends a checkout event to the embedding page (used inside the checkout's iframe). */
    static postMessage(message, targetOrigin) {
      window.parent.postMessage(Object.assign({}, message, { type: MESSAGE_TYPE }), targetOrigin);
    }

    /**
     * Opens the checkout at `url` (a checkout's url or a checkout link) in a full-page iframe. Resolves with the
     * instance once the checkout has loaded.
     */
    static create(url, options) {
      if (typeof options === "string") options = { theme: options };
      options = options || {};
      const dark = options.theme === "dark";

      const loader = document.createElement("div");
      loader.setAttribute("role", "status");
      loader.textContent = "Loading checkout…";
      Object.assign(loader.style, {
        position: "fixed", inset: "0", display: "flex", alignItems: "center", justifyContent: "center",
        zIndex: "2147483646", background: "rgba(0, 0, 0, 0.5)", color: "#fff", font: "16px system-ui, sans-serif",
      });
      document.body.appendChild(loader);
      document.body.dataset.polarPreviousOverflow = document.body.style.overflow || "";
      document.body.style.overflow = "hidden";

      const target = new URL(url, location.href);
      target.searchParams.set("embed", "true");
      target.searchParams.set("embed_origin", location.origin);
      if (options.theme) target.searchParams.set("theme", options.theme);

      const iframe = document.createElement("iframe");
      iframe.src = target.toString();
      iframe.title = "Checkout";
      Object.assign(iframe.style, {
        position: "fixed", top: "0", left: "0", width: "100%", height: "100%", border: "none",
        zIndex: "2147483647", backgroundColor: "transparent", colorScheme: dark ? "dark" : "normal",
      });
      iframe.allow = "payment 'self' " + kassaOrigin + "; publickey-credentials-get 'self' " + kassaOrigin + ";";
      document.body.appendChild(iframe);

      const checkout = new EmbedCheckout(iframe, loader);
      if (options.onLoaded) checkout.addEventListener("loaded", options.onLoaded, { once: true });
      return new Promise((resolve) => {
        checkout.addEventListener("loaded", () => resolve(checkout), { once: true });
      });
    }

    /** Opens the checkout from every element with `data-polar-checkout` (a link's href, or the attribute's value). */
    static init() {
      document.querySelectorAll("[data-polar-checkout]").forEach((element) => {
        element.removeEventListener("click", EmbedCheckout.checkoutElementClickHandler);
        element.addEventListener("click", EmbedCheckout.checkoutElementClickHandler);
      });
    }

    static checkoutElementClickHandler(event) {
      event.preventDefault();
      let element = event.target;
      while (element && !element.hasAttribute("data-polar-checkout")) element = element.parentElement;
      if (!element) return;
      const url = element.getAttribute("href") || element.getAttribute("data-polar-checkout");
      const theme = element.getAttribute("data-polar-checkout-theme");
      EmbedCheckout.create(url, theme ? { theme: theme } : undefined);
    }

    /** Removes the checkout from the page. */
    close() {
      window.removeEventListener("message", this.windowMessageListener);
      if (this.loader.isConnected) this.loader.remove();
      if (this.iframe.isConnected) this.iframe.remove();
      document.body.style.overflow = document.body.dataset.polarPreviousOverflow || "";
      delete document.body.dataset.polarPreviousOverflow;
    }

    addEventListener(type, listener, options) {
      this.eventTarget.addEventListener(type, listener, options);
    }

    removeEventListener(type, listener) {
      this.eventTarget.removeEventListener(type, listener);
    }

    handleLoaded() {
      if (this.loaded) return;
      if (this.loader.isConnected) this.loader.remove();
      this.loaded = true;
    }

    handleClose() {
      if (this.closable) this.close();
    }

    handleConfirmed() {
      this.closable = false;
    }

    handleSuccess(message) {
      this.closable = true;
      if (message.redirect) window.location.href = message.successURL;
    }

    /** Listeners hear each message first (a cancelable CustomEvent); the default action runs unless prevented. */
    handleWindowMessage(messageEvent) {
      if (messageEvent.origin !== kassaOrigin || messageEvent.source !== this.iframe.contentWindow) return;
      const data = messageEvent.data;
      if (!data || data.type !== MESSAGE_TYPE) return;
      const event = new CustomEvent(data.event, { detail: data, cancelable: true });
      this.eventTarget.dispatchEvent(event);
      if (event.defaultPrevented) return;
      switch (data.event) {
        case "loaded": this.handleLoaded(); break;
        case "close": this.handleClose(); break;
        case "confirmed": this.handleConfirmed(); break;
        case "success": this.handleSuccess(data); break;
        default: break;
      }
    }
  }

  window.Polar = Object.assign({}, window.Polar || {}, { EmbedCheckout: EmbedCheckout });

  if (currentScript && currentScript.hasAttribute("data-auto-init")) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => EmbedCheckout.init());
    else EmbedCheckout.init();
  }
})();
