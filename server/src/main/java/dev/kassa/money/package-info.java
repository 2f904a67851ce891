/** Pure money rules on {@code long} minor units: currencies and their limits, rounding, discount amounts and pay-what-you-want validation. */
package dev.kassa.money;
