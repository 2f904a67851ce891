package dev.kassa.customer;

import dev.kassa.address.Address;
import dev.kassa.address.AddressInput;
import dev.kassa.customer.CustomerCommands.CustomerCreate;
import dev.kassa.customer.CustomerCommands.CustomerUpdate;
import dev.kassa.platform.web.InputFormats;
import dev.kassa.platform.web.JsonFields;
import dev.kassa.platform.web.Metadata;
import dev.kassa.platform.web.Patch;
import dev.kassa.platform.web.RequestValidationError;
import dev.kassa.platform.web.ValidationErrors;
import dev.kassa.platform.web.ValidationProblem;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Reads customer and customer-session bodies with pydantic's errors. */
final class CustomerRequests {

    static final int NAME_MAX_LENGTH = 256;
    private static final Pattern DOMAIN = Pattern.compile("^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");

    private CustomerRequests() {
    }

    static CustomerCreate create(JsonNode body) {
        ValidationErrors errors = new ValidationErrors();
        JsonFields fields = JsonFields.body(body, errors);
        Map<String, Object> metadata = Metadata.read(fields, "metadata");
        String externalId = fields.string("external_id", false, true, 0, Integer.MAX_VALUE);
        String email = email(fields, true, false);
        String name = fields.string("name", false, true, 0, NAME_MAX_LENGTH);
        Address address = AddressInput.read(fields, "billing_address");
        String taxId = taxId(fields);
        UUID organizationId = fields.uuid("organization_id", false, true);
        errors.throwIfAny();
        return new CustomerCreate(organizationId, email, externalId, name, address, taxId,
                metadata == null ? Map.of() : metadata);
    }

    static CustomerUpdate update(JsonNode body, boolean allowExternalId) {
        ValidationErrors errors = new ValidationErrors();
        JsonFields fields = JsonFields.body(body, errors);
        Map<String, Object> metadata = Metadata.read(fields, "metadata");
        Patch<String> externalId = Patch.absent();
        if (allowExternalId) {
            externalId = Patch.read(fields, "external_id", fields.string("external_id", false, true, 0, Integer.MAX_VALUE));
        }
        Patch<String> email = Patch.read(fields, "email", email(fields, false, true));
        Patch<String> name = Patch.read(fields, "name", fields.string("name", false, true, 0, NAME_MAX_LENGTH));
        Patch<Address> address = Patch.read(fields, "billing_address", AddressInput.read(fields, "billing_address"));
        Patch<String> taxId = Patch.read(fields, "tax_id", taxId(fields));
        errors.throwIfAny();
        return new CustomerUpdate(email, name, address, taxId, externalId, metadata);
    }

    static final String BY_ID = "CustomerSessionCustomerIDCreate";
    static final String BY_EXTERNAL_ID = "CustomerSessionCustomerExternalIDCreate";

    /** A customer session to create: the customer (its id, or an {@link ExternalId}) and an optional return URL. */
    record SessionCreate(Object target, String returnUrl) {
    }

    /**
     * Polar's {@code CustomerSessionCreate} union: {@code customer_id}, or {@code external_customer_id} (2026-10; its
     * alias {@code customer_external_id} is what older SDKs send), each with an optional {@code return_url}. As
     * pydantic's union, the first member that validates wins; when none does, the problems of both are reported,
     * each under its member's name.
     */
    static SessionCreate sessionCreate(JsonNode body) {
        JsonFields.body(body, new ValidationErrors());
        ValidationErrors byIdErrors = new ValidationErrors();
        SessionCreate byId = sessionById(body, List.of("body"), byIdErrors);
        if (byIdErrors.isEmpty()) {
            return byId;
        }
        ValidationErrors byExternalErrors = new ValidationErrors();
        SessionCreate byExternal = sessionByExternalId(body, List.of("body"), byExternalErrors);
        if (byExternalErrors.isEmpty()) {
            return byExternal;
        }
        ValidationErrors union = new ValidationErrors();
        sessionById(body, List.of("body", BY_ID), union);
        sessionByExternalId(body, List.of("body", BY_EXTERNAL_ID), union);
        union.throwIfAny();
        throw new IllegalStateException("unreachable");
    }

    private static SessionCreate sessionById(JsonNode body, List<Object> loc, ValidationErrors errors) {
        JsonFields fields = JsonFields.of(body, loc, errors);
        String returnUrl = returnUrl(fields);
        UUID id = fields.uuid("customer_id", true, false);
        return new SessionCreate(id, returnUrl);
    }

    private static SessionCreate sessionByExternalId(JsonNode body, List<Object> loc, ValidationErrors errors) {
        JsonFields fields = JsonFields.of(body, loc, errors);
        String returnUrl = returnUrl(fields);
        String field = !fields.has("external_customer_id") && fields.has("customer_external_id")
                ? "customer_external_id" : "external_customer_id";
        String externalId = fields.string(field, true, false, 0, Integer.MAX_VALUE);
        return new SessionCreate(externalId == null ? null : new ExternalId(externalId), returnUrl);
    }

    /** pydantic's {@code HttpUrl | None}. */
    private static String returnUrl(JsonFields fields) {
        return InputFormats.httpUrl(fields.string("return_url", false, true, 1, 10_000), fields.loc("return_url"), fields.errors());
    }

    record ExternalId(String value) {
    }

    /** A string, or the 0.32 SDK's {@code [number, format]} pair, whose number is taken (the format is re-derived). */
    private static String taxId(JsonFields fields) {
        JsonNode raw = fields.raw("tax_id");
        if (raw != null && raw.isArray()) {
            if (raw.size() >= 1 && raw.get(0).isString()) {
                return raw.get(0).stringValue();
            }
            fields.problem("tax_id", "string_type", "Input should be a valid string");
            return null;
        }
        return fields.string("tax_id", false, true, 0, Integer.MAX_VALUE);
    }

    /** pydantic's {@code EmailStr}: one @, a local part, a dotted domain. */
    private static String email(JsonFields fields, boolean required, boolean nullable) {
        String value = fields.string("email", required, nullable, 0, Integer.MAX_VALUE);
        if (value == null) {
            return null;
        }
        String email = value.strip();
        int at = email.indexOf('@');
        String problem = null;
        if (at < 0 || email.indexOf('@', at + 1) >= 0) {
            problem = "The email address is not valid. It must have exactly one @-sign.";
        } else if (at == 0) {
            problem = "There must be something before the @-sign.";
        } else if (at == email.length() - 1) {
            problem = "There must be something after the @-sign.";
        } else if (!email.substring(at + 1).contains(".")) {
            problem = "The part after the @-sign is not valid. It should have a period.";
        } else if (!DOMAIN.matcher(email.substring(at + 1)).matches() || email.substring(0, at).chars().anyMatch(Character::isWhitespace)) {
            problem = "The email address contains invalid characters.";
        }
        if (problem != null) {
            fields.problem("email", "value_error", "value is not a valid email address: " + problem);
            return null;
        }
        return email;
    }

    static RequestValidationError single(String type, List<Object> loc, String msg, Object input) {
        return new RequestValidationError(RequestValidationError.SERVICE, List.of(new ValidationProblem(type, loc, msg, input)));
    }
}
