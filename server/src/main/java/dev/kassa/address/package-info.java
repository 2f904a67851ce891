/**
 * Pure billing address and tax ID rules of checkout sessions, as Polar applies them: countries, address
 * normalization, the billing address field modes and the tax ID formats with their check digits.
 */
package dev.kassa.address;
