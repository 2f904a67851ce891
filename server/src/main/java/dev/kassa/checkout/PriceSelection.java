package dev.kassa.checkout;

import dev.kassa.money.CustomAmountRule;
import dev.kassa.product.Product;
import dev.kassa.product.ProductPrice;
import java.util.List;
import java.util.Optional;

/**
 * Pure rules for choosing a product's price and computing what it costs up front (reference 3.3): a price set is
 * the product's active prices in one currency, its default price the first static one.
 */
final class PriceSelection {

    private PriceSelection() {
    }

    static List<ProductPrice> priceSet(Product product, String currency) {
        return product.prices().stream().filter(p -> p.currency().equals(currency)).toList();
    }

    /** The first currency of {@code candidates} in which the product has a price. */
    static Optional<String> firstAvailableCurrency(Product product, List<String> candidates) {
        return candidates.stream().filter(c -> !priceSet(product, c).isEmpty()).findFirst();
    }

    static Optional<ProductPrice> defaultPrice(List<ProductPrice> set) {
        return set.stream().findFirst();
    }

    /**
     * What the price costs now: a fixed amount, or for pay-what-you-want the buyer's amount, else the preset, else
     * the minimum.
     */
    static long upfrontAmount(ProductPrice price, Long customAmount) {
        return switch (price) {
            case ProductPrice.Fixed fixed -> fixed.amount();
            case ProductPrice.Custom custom -> {
                if (customAmount != null) {
                    yield customAmount;
                }
                yield custom.presetAmount() != null ? custom.presetAmount() : custom.minimumAmount();
            }
        };
    }

    /** Polar's "free" price: a fixed price of 0. A pay-what-you-want price is never free. */
    static boolean isFree(ProductPrice price) {
        return price instanceof ProductPrice.Fixed fixed && fixed.amount() == 0;
    }

    static boolean allFree(List<ProductPrice> set) {
        return !set.isEmpty() && set.stream().allMatch(PriceSelection::isFree);
    }

    /** Whether a discount can apply: some price of the set is not free. */
    static boolean discountable(List<ProductPrice> set) {
        return set.stream().anyMatch(p -> !isFree(p));
    }

    /** The buyer's pay-what-you-want amount checked against the price and the currency's limits. */
    static Optional<CustomAmountRule.Violation> checkCustomAmount(ProductPrice.Custom price, long amount) {
        return CustomAmountRule.validateAmount(price.currency(), amount, price.minimumAmount(), price.maximumAmount());
    }
}
