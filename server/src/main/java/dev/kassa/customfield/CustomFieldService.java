package dev.kassa.customfield;

import dev.kassa.auth.OrganizationAccess;
import dev.kassa.customfield.CustomFieldRequests.Create;
import dev.kassa.customfield.CustomFieldRequests.ListQuery;
import dev.kassa.customfield.CustomFieldRequests.Update;
import dev.kassa.platform.web.ListResource;
import dev.kassa.platform.web.RequestValidationError;
import dev.kassa.platform.web.ResourceNotFound;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Custom fields of an organization. Other domains use {@link #findByIds} (products attach fields, checkouts
 * validate {@code custom_field_data} against them).
 */
@Service
public class CustomFieldService {

    static final String SLUG_EXISTS = "Custom field with this slug already exists.";
    static final String TYPE_CHANGED = "The type of a custom field can't be changed.";

    private final CustomFieldRepository fields;
    private final Clock clock;

    CustomFieldService(CustomFieldRepository fields, Clock clock) {
        this.fields = fields;
        this.clock = clock;
    }

    /** The organization's non-deleted fields among {@code ids}, by id; unknown ids are simply absent. */
    @Transactional(readOnly = true)
    public Map<UUID, CustomField> findByIds(UUID organizationId, Collection<UUID> ids) {
        Map<UUID, CustomField> result = new LinkedHashMap<>();
        for (CustomField field : fields.findAll(organizationId, ids)) {
            result.put(field.id(), field);
        }
        return result;
    }

    @Transactional
    CustomField create(OrganizationAccess access, Create create) {
        UUID organizationId = access.requireOwnOrganization(create.organizationId(), List.of("body", "organization_id"));
        if (fields.slugTaken(organizationId, create.slug(), null)) {
            throw slugExists(create.slug());
        }
        CustomField.Common common = new CustomField.Common(now(), null, UUID.randomUUID(), create.metadata(),
                create.slug(), create.name(), organizationId);
        CustomField field = CustomField.of(common, create.properties());
        try {
            fields.insert(field);
        } catch (DuplicateKeyException e) {
            // a concurrent create won the race for the slug
            throw slugExists(create.slug());
        }
        return field;
    }

    @Transactional(readOnly = true)
    ListResource<CustomField> list(OrganizationAccess access, ListQuery query) {
        access.requireOwnOrganizations(query.organizationIds(), "organization_id");
        List<String> types = query.types().stream().map(CustomFieldType::wireName).toList();
        List<CustomField> items = fields.list(access.organizationId(), query.query(), types, query.sorting(), query.page());
        long total = fields.count(access.organizationId(), query.query(), types);
        return ListResource.of(items, total, query.page());
    }

    @Transactional(readOnly = true)
    CustomField get(OrganizationAccess access, UUID id) {
        return fields.find(access.organizationId(), id).orElseThrow(ResourceNotFound::new);
    }

    @Transactional
    CustomField update(OrganizationAccess access, UUID id, Update update) {
        CustomField field = fields.findForUpdate(access.organizationId(), id).orElseThrow(ResourceNotFound::new);
        if (field.typeOf() != update.type()) {
            throw RequestValidationError.service("value_error", List.of("body", "type"), TYPE_CHANGED, update.type().wireName());
        }
        String slug = update.slug() == null ? field.slug() : update.slug();
        if (!slug.equals(field.slug()) && fields.slugTaken(field.organizationId(), slug, field.id())) {
            throw slugExists(slug);
        }
        CustomField updated = field.with(
                slug,
                update.name() == null ? field.name() : update.name(),
                update.properties() == null ? field.properties() : update.properties(),
                update.metadata() == null ? field.metadata() : update.metadata(),
                now());
        try {
            fields.update(updated);
        } catch (DuplicateKeyException e) {
            throw slugExists(slug);
        }
        return updated;
    }

    @Transactional
    void delete(OrganizationAccess access, UUID id) {
        CustomField field = fields.findForUpdate(access.organizationId(), id).orElseThrow(ResourceNotFound::new);
        fields.softDelete(field.id(), now());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static RequestValidationError slugExists(String slug) {
        return RequestValidationError.service("value_error", List.of("body", "slug"), SLUG_EXISTS, slug);
    }
}
