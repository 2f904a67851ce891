/**
 * The buyer's hosted checkout page at a checkout's {@code url} ({@code /checkout/{client_secret}}) and its
 * confirmation page, server-rendered HTML with a small script that talks only to the public client API; and
 * {@code /embed.js}, Kassa's own copy of Polar's embed script API, for merchants who open the page in an iframe.
 */
package dev.kassa.checkoutpage;
