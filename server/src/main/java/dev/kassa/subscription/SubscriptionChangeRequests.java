package dev.kassa.subscription;

import dev.kassa.platform.web.JsonFields;
import dev.kassa.platform.web.Metadata;
import dev.kassa.platform.web.ValidationErrors;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Reads Polar's {@code SubscriptionUpdate} and {@code CustomerSubscriptionUpdate} bodies. Both are unions of
 * shapes that forbid extra keys; the shape is the one named by the first of its distinguishing keys present
 * (so {@code {}} is an update that changes nothing), and a key of another shape is pydantic's
 * {@code extra_forbidden}. Shape errors are one 422; what depends on the subscription is left to the service.
 */
final class SubscriptionChangeRequests {

    static final List<String> CANCELLATION_REASONS = List.of("customer_service", "low_quality", "missing_features",
            "switched_service", "too_complex", "too_expensive", "unused", "other");
    static final List<String> PRORATION_BEHAVIORS = List.of("invoice", "prorate", "next_period", "reset");
    private static final long MAX_INT32 = 2_147_483_647L;

    static final String PRODUCT_CHANGE = "Changing the product of a subscription is not supported by Kassa yet.";
    static final String DISCOUNT_CHANGE = "Changing the discount of a subscription is not supported by Kassa yet.";
    static final String TRIAL_CHANGE = "Changing the trial of a subscription is not supported by Kassa yet.";
    static final String PERIOD_CHANGE = "Changing the billing period of a subscription is not supported by Kassa yet.";
    static final String PAUSE = "Pausing a subscription is not supported by Kassa yet.";

    private SubscriptionChangeRequests() {
    }

    /** What a request asks of one subscription. */
    sealed interface Change {
        record Cancel(String reason, String comment) implements Change {
        }

        record Uncancel() implements Change {
        }

        record Revoke(String reason, String comment) implements Change {
        }

        record SetMetadata(Map<String, Object> metadata) implements Change {
        }

        record Nothing() implements Change {
        }

        record Seats() implements Change {
        }

        record Units() implements Change {
        }

        record CancelScheduledPause() implements Change {
        }

        record Resume() implements Change {
        }

        record ClearPendingUpdate() implements Change {
        }

        /** A change Kassa does not make yet: a 422 at {@code body.<field>}. */
        record Unsupported(String field, Object input, String message) implements Change {
        }

        /** The portal's plan change, gated by {@code customer_portal_settings.subscription.update_plan}. */
        record PortalProduct(UUID productId) implements Change {
        }

        record PortalSeats() implements Change {
        }

        record PortalUnits() implements Change {
        }

        record PortalPauseOrResume() implements Change {
        }
    }

    /** {@code PATCH /v1/subscriptions/{id}}. */
    static Change merchant(JsonNode body) {
        ValidationErrors errors = new ValidationErrors();
        JsonFields f = JsonFields.body(body, errors);
        Change change;
        if (f.has("revoke")) {
            allowOnly(f, "revoke", "customer_cancellation_reason", "customer_cancellation_comment");
            literalTrue(f, "revoke");
            change = new Change.Revoke(reason(f, "customer_cancellation_reason"), comment(f, "customer_cancellation_comment"));
        } else if (f.has("cancel_at_period_end")) {
            allowOnly(f, "cancel_at_period_end", "customer_cancellation_reason", "customer_cancellation_comment");
            Boolean cancel = f.bool("cancel_at_period_end", true, false);
            String reason = reason(f, "customer_cancellation_reason");
            String comment = comment(f, "customer_cancellation_comment");
            change = Boolean.FALSE.equals(cancel) ? new Change.Uncancel() : new Change.Cancel(reason, comment);
        } else if (f.has("seats")) {
            allowOnly(f, "seats", "proration_behavior");
            f.integer("seats", true, false, 1L, MAX_INT32);
            f.enumValue("proration_behavior", false, true, PRORATION_BEHAVIORS);
            change = new Change.Seats();
        } else if (f.has("units")) {
            allowOnly(f, "units", "proration_behavior");
            f.integer("units", true, false, 1L, MAX_INT32);
            f.enumValue("proration_behavior", false, true, PRORATION_BEHAVIORS);
            change = new Change.Units();
        } else if (f.has("current_billing_period_end")) {
            allowOnly(f, "current_billing_period_end");
            f.datetime("current_billing_period_end", true, false);
            change = new Change.Unsupported("current_billing_period_end", f.raw("current_billing_period_end"), PERIOD_CHANGE);
        } else if (f.has("pause_at_period_end") || f.has("resume") || f.has("pending_update")) {
            change = pauseResumeOrClear(f, false);
        } else {
            change = base(f);
        }
        errors.throwIfAny();
        return change;
    }

    /** {@code PATCH /v1/customer-portal/subscriptions/{id}}. */
    static Change portal(JsonNode body) {
        ValidationErrors errors = new ValidationErrors();
        JsonFields f = JsonFields.body(body, errors);
        Change change;
        if (f.has("product_id")) {
            allowOnly(f, "product_id");
            change = new Change.PortalProduct(f.uuid("product_id", true, false));
        } else if (f.has("seats")) {
            allowOnly(f, "seats");
            f.integer("seats", true, false, 1L, MAX_INT32);
            change = new Change.PortalSeats();
        } else if (f.has("units")) {
            allowOnly(f, "units");
            f.integer("units", true, false, 1L, MAX_INT32);
            change = new Change.PortalUnits();
        } else if (f.has("pause_at_period_end") || f.has("resume") || f.has("pending_update")) {
            change = pauseResumeOrClear(f, true);
        } else {
            allowOnly(f, "cancel_at_period_end", "cancellation_reason", "cancellation_comment");
            Boolean cancel = f.bool("cancel_at_period_end", false, true);
            String reason = reason(f, "cancellation_reason");
            String comment = comment(f, "cancellation_comment");
            change = cancel == null ? new Change.Nothing()
                    : cancel ? new Change.Cancel(reason, comment) : new Change.Uncancel();
        }
        errors.throwIfAny();
        return change;
    }

    private static Change pauseResumeOrClear(JsonFields f, boolean portal) {
        if (f.has("pause_at_period_end")) {
            allowOnly(f, "pause_at_period_end", "resumes_at");
            Boolean pause = f.bool("pause_at_period_end", true, false);
            f.datetime("resumes_at", false, true);
            if (portal) {
                return new Change.PortalPauseOrResume();
            }
            return Boolean.TRUE.equals(pause) ? new Change.Unsupported("pause_at_period_end", true, PAUSE)
                    : new Change.CancelScheduledPause();
        }
        if (f.has("resume")) {
            allowOnly(f, "resume");
            literalTrue(f, "resume");
            return portal ? new Change.PortalPauseOrResume() : new Change.Resume();
        }
        allowOnly(f, "pending_update");
        if (!f.isNull("pending_update")) {
            f.problem("pending_update", "none_required", "Input should be None");
        }
        return new Change.ClearPendingUpdate();
    }

    /** Polar's {@code SubscriptionUpdateBase}: Kassa changes the metadata, and says so for the rest. */
    private static Change base(JsonFields f) {
        allowOnly(f, "metadata", "product_id", "proration_behavior", "discount_id", "trial_end");
        UUID productId = f.uuid("product_id", false, true);
        f.enumValue("proration_behavior", false, true, PRORATION_BEHAVIORS);
        f.uuid("discount_id", false, true);
        boolean trialEnd = trialEnd(f);
        Map<String, Object> metadata = Metadata.read(f, "metadata");
        if (productId != null) {
            return new Change.Unsupported("product_id", productId.toString(), PRODUCT_CHANGE);
        }
        if (f.has("discount_id")) {
            return new Change.Unsupported("discount_id", f.raw("discount_id"), DISCOUNT_CHANGE);
        }
        if (trialEnd) {
            return new Change.Unsupported("trial_end", f.raw("trial_end"), TRIAL_CHANGE);
        }
        return metadata == null ? new Change.Nothing() : new Change.SetMetadata(metadata);
    }

    /** {@code trial_end}: a datetime, {@code "now"} or null; true when it asks for a change. */
    private static boolean trialEnd(JsonFields f) {
        if (!f.has("trial_end") || f.isNull("trial_end")) {
            return false;
        }
        JsonNode value = f.raw("trial_end");
        if (value.isString() && value.stringValue().equals("now")) {
            return true;
        }
        return f.datetime("trial_end", false, true) != null;
    }

    private static String reason(JsonFields f, String name) {
        return f.enumValue(name, false, true, CANCELLATION_REASONS);
    }

    private static String comment(JsonFields f, String name) {
        return f.string(name, false, true, 0, Integer.MAX_VALUE);
    }

    private static void literalTrue(JsonFields f, String name) {
        JsonNode value = f.raw(name);
        if (!(value.isBoolean() && value.booleanValue())) {
            f.problem(name, "literal_error", "Input should be True");
        }
    }

    private static void allowOnly(JsonFields f, String... names) {
        Set<String> allowed = Set.of(names);
        for (String key : f.node().propertyNames()) {
            if (!allowed.contains(key)) {
                f.problem(key, "extra_forbidden", "Extra inputs are not permitted");
            }
        }
    }
}
