package dev.kassa.customfield;

import dev.kassa.auth.OrganizationAccess;
import dev.kassa.auth.RequireScopes;
import dev.kassa.auth.Scope;
import dev.kassa.platform.web.JsonBody;
import dev.kassa.platform.web.ListResource;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Polar's /v1/custom-fields: HTTP only, the rules live in {@link CustomFieldService}. */
@RestController
class CustomFieldController {

    private final CustomFieldService service;

    CustomFieldController(CustomFieldService service) {
        this.service = service;
    }

    @GetMapping({"/v1/custom-fields", "/v1/custom-fields/"})
    @RequireScopes({Scope.CUSTOM_FIELDS_READ, Scope.CUSTOM_FIELDS_WRITE})
    ListResource<CustomField> list(@RequestParam MultiValueMap<String, String> params, OrganizationAccess access) {
        return service.list(access, CustomFieldRequests.list(params));
    }

    @PostMapping({"/v1/custom-fields", "/v1/custom-fields/"})
    @ResponseStatus(HttpStatus.CREATED)
    @RequireScopes(Scope.CUSTOM_FIELDS_WRITE)
    CustomField create(@JsonBody JsonNode body, OrganizationAccess access) {
        return service.create(access, CustomFieldRequests.create(body));
    }

    @GetMapping("/v1/custom-fields/{id}")
    @RequireScopes({Scope.CUSTOM_FIELDS_READ, Scope.CUSTOM_FIELDS_WRITE})
    CustomField get(@PathVariable UUID id, OrganizationAccess access) {
        return service.get(access, id);
    }

    @PatchMapping("/v1/custom-fields/{id}")
    @RequireScopes(Scope.CUSTOM_FIELDS_WRITE)
    CustomField update(@PathVariable UUID id, @JsonBody JsonNode body, OrganizationAccess access) {
        return service.update(access, id, CustomFieldRequests.update(body));
    }

    @DeleteMapping("/v1/custom-fields/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequireScopes(Scope.CUSTOM_FIELDS_WRITE)
    void delete(@PathVariable UUID id, OrganizationAccess access) {
        service.delete(access, id);
    }
}
