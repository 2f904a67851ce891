package dev.kassa.refund;

import dev.kassa.platform.web.JsonFields;
import dev.kassa.platform.web.Metadata;
import dev.kassa.platform.web.ValidationErrors;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Reads Polar's {@code RefundCreate} with pydantic's errors. */
final class RefundRequests {

    /** Polar's {@code ManualRefundReason}: {@code dispute_prevention} is for refunds Polar makes itself. */
    static final List<String> MANUAL_REASONS = List.of("duplicate", "fraudulent", "customer_request", "service_disruption",
            "satisfaction_guarantee", "other");

    private RefundRequests() {
    }

    record RefundCreate(UUID orderId, String reason, long amount, String comment, boolean revokeBenefits,
            Map<String, Object> metadata) {
    }

    static RefundCreate create(JsonNode body) {
        ValidationErrors errors = new ValidationErrors();
        JsonFields fields = JsonFields.body(body, errors);
        Map<String, Object> metadata = Metadata.read(fields, "metadata");
        UUID orderId = fields.uuid("order_id", true, false);
        String reason = reason(fields);
        Long amount = fields.integer("amount", true, false, null, null);
        if (amount != null && amount <= 0) {
            fields.problem("amount", "greater_than", "Input should be greater than 0");
        }
        String comment = fields.string("comment", false, true, 0, Integer.MAX_VALUE);
        Boolean revokeBenefits = fields.bool("revoke_benefits", false, false);
        errors.throwIfAny();
        return new RefundCreate(orderId, reason, amount, comment, Boolean.TRUE.equals(revokeBenefits),
                metadata == null ? Map.of() : metadata);
    }

    /** A pydantic {@code Literal}: its error is {@code literal_error}. */
    private static String reason(JsonFields fields) {
        JsonNode value = fields.raw("reason");
        if (value == null) {
            fields.errors().add("missing", fields.loc("reason"), "Field required", fields.node());
            return null;
        }
        if (!value.isString() || !MANUAL_REASONS.contains(value.stringValue())) {
            fields.problem("reason", "literal_error", JsonFields.expected("Input should be ", MANUAL_REASONS));
            return null;
        }
        return value.stringValue();
    }
}
