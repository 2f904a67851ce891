package dev.kassa.paymentmethod;

import dev.kassa.auth.CustomerAccess;
import dev.kassa.auth.RequireCustomerSession;
import dev.kassa.paymentmethod.schemas.CustomerPaymentMethod;
import dev.kassa.paymentmethod.schemas.CustomerPaymentMethodCreateResponse;
import dev.kassa.platform.web.InputFormats;
import dev.kassa.platform.web.JsonBody;
import dev.kassa.platform.web.JsonFields;
import dev.kassa.platform.web.ListResource;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams;
import dev.kassa.platform.web.ValidationErrors;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The customer portal's payment methods: {@code /v1/customer-portal/customers/me/payment-methods}. */
@RestController
class PaymentMethodController {

    private final PaymentMethodService methods;

    PaymentMethodController(PaymentMethodService methods) {
        this.methods = methods;
    }

    @GetMapping("/v1/customer-portal/customers/me/payment-methods")
    @RequireCustomerSession
    ListResource<CustomerPaymentMethod> list(CustomerAccess access, @RequestParam MultiValueMap<String, String> params) {
        QueryParams query = new QueryParams(params);
        PageRequest page = query.page();
        query.errors().throwIfAny();
        return methods.list(access.organizationId(), access.customerId(), page);
    }

    @PostMapping("/v1/customer-portal/customers/me/payment-methods")
    @ResponseStatus(HttpStatus.CREATED)
    @RequireCustomerSession
    CustomerPaymentMethodCreateResponse add(CustomerAccess access, @JsonBody JsonNode body) {
        ValidationErrors errors = new ValidationErrors();
        JsonFields fields = JsonFields.body(body, errors);
        String token = fields.string("confirmation_token_id", true, false, 1, 255);
        Boolean setDefault = fields.bool("set_default", true, false);
        String returnUrl = InputFormats.httpUrl(fields.string("return_url", true, false, 1, 2083), fields.loc("return_url"), errors);
        errors.throwIfAny();
        return methods.add(access.organizationId(), access.customerId(), token, setDefault, returnUrl);
    }

    @PostMapping("/v1/customer-portal/customers/me/payment-methods/confirm")
    @ResponseStatus(HttpStatus.CREATED)
    @RequireCustomerSession
    CustomerPaymentMethodCreateResponse confirm(CustomerAccess access, @JsonBody JsonNode body) {
        ValidationErrors errors = new ValidationErrors();
        JsonFields fields = JsonFields.body(body, errors);
        String setupIntentId = fields.string("setup_intent_id", true, false, 1, 255);
        Boolean setDefault = fields.bool("set_default", true, false);
        errors.throwIfAny();
        return methods.confirm(access.organizationId(), access.customerId(), setupIntentId, setDefault);
    }

    @DeleteMapping("/v1/customer-portal/customers/me/payment-methods/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequireCustomerSession
    void delete(CustomerAccess access, @PathVariable UUID id) {
        methods.delete(access.organizationId(), access.customerId(), id);
    }
}
