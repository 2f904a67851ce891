package dev.kassa.customfield;

import dev.kassa.customfield.CustomField.CheckboxProperties;
import dev.kassa.customfield.CustomField.DateProperties;
import dev.kassa.customfield.CustomField.NumberProperties;
import dev.kassa.customfield.CustomField.Properties;
import dev.kassa.customfield.CustomField.SelectProperties;
import dev.kassa.customfield.CustomField.TextProperties;
import dev.kassa.platform.json.Json;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for custom_fields. Every read skips soft-deleted rows. */
@Repository
class CustomFieldRepository {

    /** Sort keys (already checked against the allowed properties) to columns. */
    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "created_at", "created_at", "slug", "slug", "name", "name", "type", "type");

    private final JdbcClient jdbc;

    CustomFieldRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(CustomField field) {
        jdbc.sql("""
                INSERT INTO custom_fields (id, organization_id, type, slug, name, properties, user_metadata, created_at)
                VALUES (:id, :organizationId, :type, :slug, :name, CAST(:properties AS jsonb), CAST(:metadata AS jsonb), :createdAt)
                """)
                .param("id", field.id())
                .param("organizationId", field.organizationId())
                .param("type", field.type())
                .param("slug", field.slug())
                .param("name", field.name())
                .param("properties", Json.write(field.properties()))
                .param("metadata", Json.write(field.metadata()))
                .param("createdAt", Timestamp.from(field.createdAt()))
                .update();
    }

    void update(CustomField field) {
        jdbc.sql("""
                UPDATE custom_fields
                SET slug = :slug, name = :name, properties = CAST(:properties AS jsonb),
                    user_metadata = CAST(:metadata AS jsonb), modified_at = :modifiedAt
                WHERE id = :id AND deleted_at IS NULL
                """)
                .param("id", field.id())
                .param("slug", field.slug())
                .param("name", field.name())
                .param("properties", Json.write(field.properties()))
                .param("metadata", Json.write(field.metadata()))
                .param("modifiedAt", Timestamp.from(field.modifiedAt()))
                .update();
    }

    void softDelete(UUID id, Instant now) {
        jdbc.sql("UPDATE custom_fields SET deleted_at = :now, modified_at = :now WHERE id = :id AND deleted_at IS NULL")
                .param("id", id)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** The row, locked for the rest of the transaction. */
    Optional<CustomField> findForUpdate(UUID organizationId, UUID id) {
        return jdbc.sql("""
                SELECT * FROM custom_fields
                WHERE id = :id AND organization_id = :organizationId AND deleted_at IS NULL
                FOR UPDATE
                """)
                .param("id", id)
                .param("organizationId", organizationId)
                .query(CustomFieldRepository::map)
                .optional();
    }

    Optional<CustomField> find(UUID organizationId, UUID id) {
        return jdbc.sql("""
                SELECT * FROM custom_fields
                WHERE id = :id AND organization_id = :organizationId AND deleted_at IS NULL
                """)
                .param("id", id)
                .param("organizationId", organizationId)
                .query(CustomFieldRepository::map)
                .optional();
    }

    List<CustomField> findAll(UUID organizationId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT * FROM custom_fields
                WHERE organization_id = :organizationId AND id IN (:ids) AND deleted_at IS NULL
                """)
                .param("organizationId", organizationId)
                .param("ids", List.copyOf(ids))
                .query(CustomFieldRepository::map)
                .list();
    }

    boolean slugTaken(UUID organizationId, String slug, UUID exceptId) {
        return jdbc.sql("""
                SELECT EXISTS (
                    SELECT 1 FROM custom_fields
                    WHERE organization_id = :organizationId AND slug = :slug AND deleted_at IS NULL
                      AND (CAST(:exceptId AS uuid) IS NULL OR id <> CAST(:exceptId AS uuid))
                )
                """)
                .param("organizationId", organizationId)
                .param("slug", slug)
                .param("exceptId", exceptId)
                .query(Boolean.class)
                .single();
    }

    /** One page of the organization's fields; {@code query} matches name or slug, case-insensitively. */
    List<CustomField> list(UUID organizationId, String query, List<String> types, List<QueryParams.Sort> sorting, PageRequest page) {
        List<String> orderBy = new ArrayList<>();
        for (QueryParams.Sort sort : sorting) {
            orderBy.add(sort.sql(SORT_COLUMNS.get(sort.property())));
        }
        orderBy.add("id ASC");
        return jdbc.sql("""
                SELECT * FROM custom_fields
                WHERE %s
                ORDER BY %s
                LIMIT :limit OFFSET :offset
                """.formatted(FILTER, String.join(", ", orderBy)))
                .param("organizationId", organizationId)
                .param("query", query)
                .param("types", types.isEmpty() ? null : String.join(",", types))
                .param("limit", page.limit())
                .param("offset", page.offset())
                .query(CustomFieldRepository::map)
                .list();
    }

    long count(UUID organizationId, String query, List<String> types) {
        return jdbc.sql("SELECT count(*) FROM custom_fields WHERE " + FILTER)
                .param("organizationId", organizationId)
                .param("query", query)
                .param("types", types.isEmpty() ? null : String.join(",", types))
                .query(Long.class)
                .single();
    }

    private static final String FILTER = """
            organization_id = :organizationId AND deleted_at IS NULL
              AND (CAST(:query AS text) IS NULL
                   OR strpos(lower(name), lower(CAST(:query AS text))) > 0
                   OR strpos(lower(slug), lower(CAST(:query AS text))) > 0)
              AND (CAST(:types AS text) IS NULL OR type = ANY (string_to_array(CAST(:types AS text), ',')))
            """;

    private static CustomField map(ResultSet rs, int row) throws SQLException {
        Timestamp modified = rs.getTimestamp("modified_at");
        CustomField.Common common = new CustomField.Common(
                rs.getTimestamp("created_at").toInstant(),
                modified == null ? null : modified.toInstant(),
                rs.getObject("id", UUID.class),
                Json.readMap(rs.getString("user_metadata")),
                rs.getString("slug"),
                rs.getString("name"),
                rs.getObject("organization_id", UUID.class));
        String storedType = rs.getString("type");
        CustomFieldType type = CustomFieldType.fromWireName(storedType)
                .orElseThrow(() -> new IllegalStateException("Unknown custom field type " + storedType));
        Map<String, Object> stored = Json.readMap(rs.getString("properties"));
        Properties properties = switch (type) {
            case TEXT -> Json.convert(stored, TextProperties.class);
            case NUMBER -> Json.convert(stored, NumberProperties.class);
            case DATE -> Json.convert(stored, DateProperties.class);
            case CHECKBOX -> Json.convert(stored, CheckboxProperties.class);
            case SELECT -> Json.convert(stored, SelectProperties.class);
        };
        return CustomField.of(common, properties);
    }
}
