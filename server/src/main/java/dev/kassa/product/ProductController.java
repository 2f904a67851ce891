package dev.kassa.product;

import dev.kassa.auth.OrganizationAccess;
import dev.kassa.auth.RequireScopes;
import dev.kassa.auth.Scope;
import dev.kassa.platform.web.JsonBody;
import dev.kassa.platform.web.ListResource;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams;
import dev.kassa.platform.web.QueryParams.Sort;
import dev.kassa.product.schemas.Product;
import java.util.List;
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

@RestController
class ProductController {

    private static final List<String> SORT_PROPERTIES = List.of("created_at", "name", "price_amount_type", "price_amount");
    private static final List<Sort> DEFAULT_SORTING = List.of(new Sort("created_at", true));

    private final ProductService products;

    ProductController(ProductService products) {
        this.products = products;
    }

    @GetMapping({"/v1/products", "/v1/products/"})
    @RequireScopes({Scope.PRODUCTS_READ, Scope.PRODUCTS_WRITE})
    ListResource<Product> list(OrganizationAccess access, @RequestParam MultiValueMap<String, String> params) {
        QueryParams query = new QueryParams(params);
        List<UUID> organizationIds = query.uuids("organization_id");
        List<UUID> ids = query.uuids("id");
        String text = query.string("query");
        Boolean archived = query.bool("is_archived");
        Boolean recurring = query.bool("is_recurring");
        PageRequest page = query.page();
        List<Sort> sorting = query.sorting(SORT_PROPERTIES, DEFAULT_SORTING);
        query.errors().throwIfAny();
        access.requireOwnOrganizations(organizationIds, "organization_id");
        return products.list(access, new ProductRepository.ListFilter(access.organizationId(), ids, text, archived, recurring),
                page, sorting);
    }

    @PostMapping({"/v1/products", "/v1/products/"})
    @ResponseStatus(HttpStatus.CREATED)
    @RequireScopes(Scope.PRODUCTS_WRITE)
    Product create(OrganizationAccess access, @JsonBody JsonNode body) {
        return products.create(access, ProductRequests.create(body));
    }

    @GetMapping("/v1/products/{id}")
    @RequireScopes({Scope.PRODUCTS_READ, Scope.PRODUCTS_WRITE})
    Product get(OrganizationAccess access, @PathVariable UUID id) {
        return products.get(access, id);
    }

    @PatchMapping("/v1/products/{id}")
    @RequireScopes(Scope.PRODUCTS_WRITE)
    Product update(OrganizationAccess access, @PathVariable UUID id, @JsonBody JsonNode body) {
        return products.update(access, id, ProductRequests.update(body));
    }

    @DeleteMapping("/v1/products/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequireScopes(Scope.PRODUCTS_WRITE)
    void delete(OrganizationAccess access, @PathVariable UUID id) {
        products.delete(access, id);
    }
}
