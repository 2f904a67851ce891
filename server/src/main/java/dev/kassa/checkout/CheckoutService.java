package dev.kassa.checkout;

import dev.kassa.checkout.schemas.Checkout;
import dev.kassa.checkout.schemas.CheckoutPublic;
import dev.kassa.auth.OrganizationAccess;
import dev.kassa.checkout.CheckoutCommands.CheckoutUpdate;
import dev.kassa.checkout.CheckoutRepository.ListFilter;
import dev.kassa.platform.config.KassaSettings;
import dev.kassa.platform.db.LockNotAvailable;
import dev.kassa.platform.web.ListResource;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams.Sort;
import dev.kassa.platform.web.ResourceNotFound;
import dev.kassa.tax.TaxCalculator;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checkout sessions before confirmation: read, list, update and expire, for the merchant (token) and the buyer
 * (client secret); creating one is {@link CreateCheckout}, confirming it {@link ConfirmCheckout}. Each public method
 * is one transaction, or (when it needs Stripe Tax) one per {@link TaxQuotes} round, with the tax fetched between
 * them and never while a transaction is open.
 *
 * <p>Updates lock the checkout row with {@code FOR UPDATE NOWAIT}: a held lock answers 409 CheckoutLocked at once.
 */
@Service
public class CheckoutService {


    private final CheckoutRepository checkouts;
    private final UpdateCheckout updates;
    private final TaxCalculator taxCalculator;
    private final KassaSettings settings;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final CheckoutContexts contexts;
    private final CheckoutEvents events;
    private final CheckoutWebhooks webhooks;

    CheckoutService(CheckoutRepository checkouts, UpdateCheckout updates, TaxCalculator taxCalculator, KassaSettings settings,
            Clock clock, TransactionTemplate transactions, CheckoutContexts contexts, CheckoutEvents events,
            CheckoutWebhooks webhooks) {
        this.events = events;
        this.webhooks = webhooks;
        this.checkouts = checkouts;
        this.updates = updates;
        this.taxCalculator = taxCalculator;
        this.settings = settings;
        this.clock = clock;
        this.transactions = transactions;
        this.contexts = contexts;
    }




    // ---------------------------------------------------------------- merchant



    @Transactional(readOnly = true)
    public Checkout get(OrganizationAccess access, UUID id) {
        CheckoutRow row = checkouts.findById(access.organizationId(), id).orElseThrow(ResourceNotFound::new);
        CheckoutContext context = contexts.load(row);
        return CheckoutSchemas.merchant(row, context, CheckoutDerivedState.flags(row, context), settings);
    }

    @Transactional(readOnly = true)
    public ListResource<Checkout> list(ListFilter filter, PageRequest page, List<Sort> sorting) {
        long total = checkouts.count(filter);
        List<CheckoutRow> rows = checkouts.list(filter, page, sorting);
        Map<UUID, CheckoutContext> loaded = contexts.loadAll(filter.organizationId(), rows);
        List<Checkout> items = rows.stream()
                .map(row -> CheckoutSchemas.merchant(row, loaded.get(row.id), CheckoutDerivedState.flags(row, loaded.get(row.id)), settings))
                .toList();
        return ListResource.of(items, total, page);
    }

    public Checkout update(OrganizationAccess access, UUID id, CheckoutUpdate command, List<String> seatFields) {
        return TaxQuotes.run(transactions, taxCalculator, quotes -> {
            CheckoutRow row = lock(() -> checkouts.findByIdForUpdateNowait(access.organizationId(), id));
            CheckoutContext context = updates.apply(row, command, seatFields, UpdateCheckout.Mode.MERCHANT, quotes).context();
            return CheckoutSchemas.merchant(row, context, CheckoutDerivedState.flags(row, context), settings);
        });
    }

    /** Kassa's addition, as Stripe has: ends an open checkout now. */
    @Transactional
    public Checkout expire(OrganizationAccess access, UUID id) {
        CheckoutRow row = lock(() -> checkouts.findByIdForUpdateNowait(access.organizationId(), id));
        Instant now = now();
        CheckoutRules.expireIfDue(row, now);
        CheckoutRules.requireOpen(row);
        row.status = CheckoutStatus.EXPIRED;
        row.expiresAt = now;
        row.modifiedAt = now;
        checkouts.update(row);
        events.expired(row.id);
        webhooks.expired(row.organizationId, row.id);
        CheckoutContext context = contexts.load(row);
        return CheckoutSchemas.merchant(row, context, CheckoutDerivedState.flags(row, context), settings);
    }

    // ---------------------------------------------------------------- buyer

    /**
     * The buyer's view. An open checkout past its expiry, or an expired one, answers 410. Polar answers 410 for
     * every status once the time has passed (a quirk): Kassa keeps showing confirmed and succeeded checkouts, so
     * a buyer returning to the confirmation page after the deadline sees their purchase, not an error.
     */
    @Transactional(readOnly = true)
    public CheckoutPublic clientGet(String clientSecret) {
        CheckoutRow row = checkouts.findByClientSecret(clientSecret).orElseThrow(ResourceNotFound::new);
        if (isExpiredForBuyer(row, now())) {
            throw new ExpiredCheckoutError();
        }
        CheckoutContext context = contexts.load(row);
        return CheckoutSchemas.client(row, context, CheckoutDerivedState.flags(row, context), settings);
    }

    public CheckoutPublic clientUpdate(String clientSecret, CheckoutUpdate command, List<String> seatFields) {
        return TaxQuotes.run(transactions, taxCalculator, quotes -> {
            CheckoutRow row = lockForBuyer(clientSecret);
            CheckoutContext context = updates.apply(row, command, seatFields, UpdateCheckout.Mode.CLIENT, quotes).context();
            return CheckoutSchemas.client(row, context, CheckoutDerivedState.flags(row, context), settings);
        });
    }

    /**
     * The buyer's page was opened in an iframe on {@code origin} (already validated as an origin by the page): an
     * open checkout without an embed origin remembers it. Answers the checkout's embed origin afterwards. A held
     * lock answers 409 CheckoutLocked, as everywhere; the page then renders without storing.
     */
    @Transactional
    public String clientRememberEmbedOrigin(String clientSecret, String origin) {
        CheckoutRow row = lockForBuyer(clientSecret);
        if (row.status == CheckoutStatus.OPEN && row.embedOrigin == null) {
            row.embedOrigin = origin;
            row.modifiedAt = now();
            checkouts.update(row);
        }
        return row.embedOrigin;
    }

    /** Runs a use case that may need Stripe Tax in its own transaction, the tax fetched outside it (see {@link TaxQuotes}). */
    <T> T withTaxQuotes(java.util.function.Function<TaxQuotes, T> useCase) {
        return TaxQuotes.run(transactions, taxCalculator, useCase);
    }

    // ---------------------------------------------------------------- the update algorithm (reference 7.4)


    // ---------------------------------------------------------------- derived state







    // ---------------------------------------------------------------- rule helpers










    static boolean isExpiredForBuyer(CheckoutRow row, Instant now) {
        return row.status == CheckoutStatus.EXPIRED || (row.status == CheckoutStatus.OPEN && !row.expiresAt.isAfter(now));
    }

    /** The buyer's checkout, row-locked NOWAIT: 404 unknown, 409 locked elsewhere, 410 expired. */
    CheckoutRow lockForBuyer(String clientSecret) {
        CheckoutRow row = lock(() -> checkouts.findByClientSecretForUpdateNowait(clientSecret));
        if (isExpiredForBuyer(row, now())) {
            throw new ExpiredCheckoutError();
        }
        return row;
    }

    private CheckoutRow lock(java.util.function.Supplier<Optional<CheckoutRow>> query) {
        try {
            return query.get().orElseThrow(ResourceNotFound::new);
        } catch (LockNotAvailable e) {
            throw new CheckoutLocked();
        }
    }




    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
