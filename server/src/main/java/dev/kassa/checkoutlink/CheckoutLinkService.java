package dev.kassa.checkoutlink;

import dev.kassa.auth.OrganizationAccess;
import dev.kassa.checkout.CreateCheckoutFromLink;
import dev.kassa.checkout.schemas.Checkout;
import dev.kassa.checkoutlink.CheckoutLinkCommands.CheckoutLinkCreate;
import dev.kassa.checkoutlink.CheckoutLinkCommands.CheckoutLinkUpdate;
import dev.kassa.checkoutlink.CheckoutLinkRepository.ListFilter;
import dev.kassa.discount.Discount;
import dev.kassa.discount.schemas.DiscountEmbeds;
import dev.kassa.discount.DiscountService;
import dev.kassa.platform.config.KassaSettings;
import dev.kassa.platform.crypto.ChecksummedTokens;
import dev.kassa.platform.web.ListResource;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams.Sort;
import dev.kassa.platform.web.RequestValidationError;
import dev.kassa.platform.web.ResourceNotFound;
import dev.kassa.platform.web.ValidationErrors;
import dev.kassa.product.Product;
import dev.kassa.product.ProductPrice;
import dev.kassa.product.ProductService;
import dev.kassa.product.schemas.ProductSchemas;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Checkout links: the merchant API (Polar's {@code CheckoutLinkService}) and the checkouts a link opens. */
@Service
public class CheckoutLinkService {

    static final String CLIENT_SECRET_PREFIX = "polar_cl_";
    static final String DISCOUNT_NOT_APPLICABLE = "Discount does not exist or is not applicable to this product.";
    static final String SEATS_NOT_SUPPORTED = "Seats can only be preconfigured when all products use seat-based pricing.";
    static final String UNITS_NOT_SUPPORTED = "Units can only be preconfigured when all products use unit-based pricing.";

    private final CheckoutLinkRepository links;
    private final ProductService products;
    private final DiscountService discounts;
    private final CreateCheckoutFromLink checkouts;
    private final KassaSettings settings;
    private final Clock clock;

    CheckoutLinkService(CheckoutLinkRepository links, ProductService products, DiscountService discounts,
            CreateCheckoutFromLink checkouts, KassaSettings settings, Clock clock) {
        this.links = links;
        this.products = products;
        this.discounts = discounts;
        this.checkouts = checkouts;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    dev.kassa.checkoutlink.schemas.CheckoutLink create(OrganizationAccess access, CheckoutLinkCreate command) {
        UUID organizationId = access.organizationId();
        List<UUID> productIds = switch (command.shape()) {
            case PRODUCTS, PRODUCT -> validatedProducts(organizationId, command.productIds());
            case PRICE -> List.of(validatedPrice(organizationId, command.productPriceId()));
        };
        if (command.discountId() != null) {
            validatedDiscount(organizationId, command.discountId(), productIds);
        }
        checkSeatsAndUnits(command.seats(), command.units());
        CheckoutLink link = new CheckoutLink(UUID.randomUUID(), organizationId, ChecksummedTokens.generate(CLIENT_SECRET_PREFIX),
                "stripe", command.label(), command.allowDiscountCodes(), command.requireBillingAddress(), command.discountId(),
                command.successUrl(), command.returnUrl(), command.trialInterval(), command.trialIntervalCount(), command.metadata(),
                productIds, now(), null);
        links.insert(link);
        return view(link);
    }

    @Transactional(readOnly = true)
    dev.kassa.checkoutlink.schemas.CheckoutLink get(OrganizationAccess access, UUID id) {
        return view(links.findById(access.organizationId(), id).orElseThrow(ResourceNotFound::new));
    }

    @Transactional(readOnly = true)
    ListResource<dev.kassa.checkoutlink.schemas.CheckoutLink> list(OrganizationAccess access, List<UUID> productIds, PageRequest page,
            List<Sort> sorting) {
        ListFilter filter = new ListFilter(access.organizationId(), productIds);
        long total = links.count(filter);
        List<CheckoutLink> found = links.list(filter, page, sorting);
        Set<UUID> allProducts = new HashSet<>();
        Set<UUID> allDiscounts = new HashSet<>();
        found.forEach(link -> {
            allProducts.addAll(link.productIds());
            if (link.discountId() != null) {
                allDiscounts.add(link.discountId());
            }
        });
        Map<UUID, Product> productsById = products.findProducts(access.organizationId(), allProducts);
        Map<UUID, Discount> discountsById = liveDiscounts(access.organizationId(), allDiscounts);
        return ListResource.of(found.stream().map(link -> view(link, productsById, discountsById)).toList(), total, page);
    }

    @Transactional
    dev.kassa.checkoutlink.schemas.CheckoutLink update(OrganizationAccess access, UUID id, CheckoutLinkUpdate command) {
        UUID organizationId = access.organizationId();
        CheckoutLink current = links.findByIdForUpdate(organizationId, id).orElseThrow(ResourceNotFound::new);
        List<UUID> productIds = current.productIds();
        String trialInterval = current.trialInterval();
        Integer trialIntervalCount = current.trialIntervalCount();
        if (command.productIds() != null) {
            productIds = validatedProducts(organizationId, command.productIds());
            // Polar drops the trial when no product of the link is recurring any more.
            if (products.findProducts(organizationId, productIds).values().stream().noneMatch(Product::recurring)) {
                trialInterval = null;
                trialIntervalCount = null;
            }
        }
        UUID discountId = current.discountId();
        if (command.discountId().present()) {
            discountId = command.discountId().value();
            if (discountId != null) {
                validatedDiscount(organizationId, discountId, productIds);
            }
        }
        checkSeatsAndUnits(command.seats().value(), command.units().value());
        if (command.trialInterval().present()) {
            trialInterval = command.trialInterval().value();
        }
        if (command.trialIntervalCount().present()) {
            trialIntervalCount = command.trialIntervalCount().value();
        }
        CheckoutLink updated = new CheckoutLink(current.id(), organizationId, current.clientSecret(), current.paymentProcessor(),
                command.label().present() ? command.label().value() : current.label(),
                command.allowDiscountCodes() != null ? command.allowDiscountCodes() : current.allowDiscountCodes(),
                command.requireBillingAddress() != null ? command.requireBillingAddress() : current.requireBillingAddress(),
                discountId,
                command.successUrl().present() ? command.successUrl().value() : current.successUrl(),
                command.returnUrl().present() ? command.returnUrl().value() : current.returnUrl(),
                trialInterval, trialIntervalCount,
                command.metadata() != null ? command.metadata() : current.metadata(),
                productIds, current.createdAt(), now());
        links.update(updated);
        if (command.productIds() != null) {
            links.replaceProducts(id, productIds);
        }
        return view(updated);
    }

    /** Soft delete: the link disappears from the API and its URL answers 404. */
    @Transactional
    void delete(OrganizationAccess access, UUID id) {
        CheckoutLink current = links.findByIdForUpdate(access.organizationId(), id).orElseThrow(ResourceNotFound::new);
        links.softDelete(current.id(), now());
    }

    /**
     * {@code GET /v1/checkout-links/{client_secret}/redirect}: a new checkout from the link and the buyer's prefill.
     * Not one transaction: the checkout is made as every checkout is, by the checkout domain (which fetches tax
     * outside its transactions).
     */
    Checkout open(String clientSecret, CreateCheckoutFromLink.Prefill prefill) {
        CheckoutLink link = links.findByClientSecret(clientSecret).orElseThrow(ResourceNotFound::new);
        return checkouts.create(new CreateCheckoutFromLink.LinkSettings(link.organizationId(), link.productIds(), link.discountId(),
                link.allowDiscountCodes(), link.requireBillingAddress(), link.trialInterval(), link.trialIntervalCount(),
                link.successUrl(), link.returnUrl(), link.metadata()), prefill);
    }

    /** Polar's {@code _get_validated_products}: every problem at {@code ["body", "products", index]}, in one 422. */
    private List<UUID> validatedProducts(UUID organizationId, List<UUID> ids) {
        Map<UUID, Product> found = products.findProducts(organizationId, ids);
        ValidationErrors errors = new ValidationErrors();
        for (int i = 0; i < ids.size(); i++) {
            Product product = found.get(ids.get(i));
            if (product == null) {
                errors.add("value_error", List.of("body", "products", i), "Product does not exist.", ids.get(i).toString());
            } else if (product.archived()) {
                errors.add("value_error", List.of("body", "products", i), "Product is archived.", ids.get(i).toString());
            }
        }
        errors.throwIfAnyFromService();
        return ids;
    }

    private UUID validatedPrice(UUID organizationId, UUID priceId) {
        ProductPrice price = products.findPrice(organizationId, priceId).orElseThrow(() -> priceError("Price does not exist.", priceId));
        if (price.archived()) {
            throw priceError("Price is archived.", priceId);
        }
        Product product = products.findProducts(organizationId, List.of(price.productId())).get(price.productId());
        if (product == null || product.archived()) {
            throw priceError("Product is archived.", priceId);
        }
        return product.id();
    }

    private static RequestValidationError priceError(String message, UUID priceId) {
        return RequestValidationError.service("value_error", List.of("body", "product_price_id"), message, priceId.toString());
    }

    /** The discount must be the organization's and apply to one of the link's products (it need not be redeemable now). */
    private void validatedDiscount(UUID organizationId, UUID discountId, List<UUID> productIds) {
        boolean applicable = discounts.findById(organizationId, discountId)
                .filter(d -> d.productIds().isEmpty() || d.productIds().stream().anyMatch(productIds::contains))
                .isPresent();
        if (!applicable) {
            throw RequestValidationError.service("value_error", List.of("body", "discount_id"), DISCOUNT_NOT_APPLICABLE,
                    discountId.toString());
        }
    }

    /** Kassa has no seat- or unit-based prices, so no link can lock seats or units (Polar's answer for such products). */
    private static void checkSeatsAndUnits(Integer seats, Integer units) {
        ValidationErrors errors = new ValidationErrors();
        if (seats != null) {
            errors.add("value_error", List.of("body", "seats"), SEATS_NOT_SUPPORTED, seats);
        }
        if (units != null) {
            errors.add("value_error", List.of("body", "units"), UNITS_NOT_SUPPORTED, units);
        }
        errors.throwIfAnyFromService();
    }

    private dev.kassa.checkoutlink.schemas.CheckoutLink view(CheckoutLink link) {
        return view(link, products.findProducts(link.organizationId(), link.productIds()),
                liveDiscounts(link.organizationId(), link.discountId() == null ? List.of() : List.of(link.discountId())));
    }

    private Map<UUID, Discount> liveDiscounts(UUID organizationId, Collection<UUID> ids) {
        Map<UUID, Discount> live = new HashMap<>();
        for (UUID id : ids) {
            discounts.findById(organizationId, id).ifPresent(d -> live.put(id, d));
        }
        return live;
    }

    private dev.kassa.checkoutlink.schemas.CheckoutLink view(CheckoutLink link, Map<UUID, Product> productsById,
            Map<UUID, Discount> discountsById) {
        Discount discount = link.discountId() == null ? null : discountsById.get(link.discountId());
        return new dev.kassa.checkoutlink.schemas.CheckoutLink(link.id(), link.createdAt(), link.modifiedAt(), link.trialInterval(),
                link.trialIntervalCount(), link.metadata(), link.paymentProcessor(), link.clientSecret(), link.successUrl(),
                link.returnUrl(), link.label(), link.allowDiscountCodes(), link.requireBillingAddress(), link.discountId(), null, null,
                link.organizationId(),
                link.productIds().stream().filter(productsById::containsKey).map(id -> ProductSchemas.checkoutLink(productsById.get(id))).toList(),
                discount == null ? null : DiscountEmbeds.base(discount),
                settings.publicBaseUrlWithoutTrailingSlash() + "/v1/checkout-links/" + link.clientSecret() + "/redirect");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
