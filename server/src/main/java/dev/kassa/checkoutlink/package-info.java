/**
 * Checkout links (Polar's {@code checkout_link}): shareable links that open a fresh checkout session each time a
 * buyer follows them, with the link's products and settings and the buyer's prefill from the query string.
 */
@NullMarked
package dev.kassa.checkoutlink;

import org.jspecify.annotations.NullMarked;
