/**
 * Refunds of orders (Polar's {@code refund/} domain): {@code POST /v1/refunds/} and {@code GET /v1/refunds/}. A
 * refund reserves its amount under the order's row lock before Stripe is asked, so concurrent refunds never exceed
 * the order; Stripe's answer, its webhooks or the reconciliation's look-up settle it.
 */
package dev.kassa.refund;
