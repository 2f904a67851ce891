/** Pure checkout pricing: the amounts breakdown and the payment flags, on integer minor units. JDK and money only. */
package dev.kassa.pricing;
