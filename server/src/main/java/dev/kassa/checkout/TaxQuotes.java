package dev.kassa.checkout;

import dev.kassa.tax.TaxCalculator;
import dev.kassa.tax.TaxOutcome;
import dev.kassa.tax.TaxRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stripe Tax results a use case needs, fetched with no transaction open. A use case runs its transaction with
 * {@link #run}; when it meets a tax request it has no quote for, its transaction is rolled back, the quote fetched
 * outside it, and the use case run again, now finding the quote. Only checkouts whose tax inputs changed pay for
 * a second pass; a checkout that kept changing under it answers 409 after a few rounds.
 */
final class TaxQuotes {

    private static final int MAX_ROUNDS = 3;

    private final Map<String, TaxOutcome> quotes = new LinkedHashMap<>();
    private final Map<String, TaxRequest> missing = new LinkedHashMap<>();

    /** Thrown inside the transaction to roll it back when a quote is missing. */
    static final class QuoteMissing extends RuntimeException {
        QuoteMissing() {
            super(null, null, false, false);
        }
    }

    static <T> T run(TransactionTemplate transactions, TaxCalculator calculator, Function<TaxQuotes, T> useCase) {
        TaxQuotes quotes = new TaxQuotes();
        return CheckoutContexts.rememberingAcrossRounds(() -> {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                try {
                    return transactions.execute(status -> {
                        T result = useCase.apply(quotes);
                        quotes.requireComplete();
                        return result;
                    });
                } catch (QuoteMissing e) {
                    quotes.fetchMissing(calculator);
                }
            }
            throw new CheckoutLocked();
        });
    }

    /** The quote for {@code request}, or null (and the transaction will be run again) when it is not known yet. */
    TaxOutcome lookup(TaxRequest request) {
        String hash = request.inputsHash();
        TaxOutcome known = quotes.get(hash);
        if (known == null) {
            missing.putIfAbsent(hash, request);
        }
        return known;
    }

    /** Call before anything the missing quote could change is reported (a confirm's 422 lists tax problems). */
    void requireComplete() {
        if (!missing.isEmpty()) {
            throw new QuoteMissing();
        }
    }

    private void fetchMissing(TaxCalculator calculator) {
        missing.forEach((hash, request) -> quotes.put(hash, calculator.calculate(request)));
        missing.clear();
    }
}
