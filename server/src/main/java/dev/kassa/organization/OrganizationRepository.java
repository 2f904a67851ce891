package dev.kassa.organization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OrganizationRepository {

    private final JdbcClient jdbc;

    OrganizationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Organization organization) {
        jdbc.sql("""
                INSERT INTO organizations (id, name, slug, default_presentment_currency, created_at)
                VALUES (:id, :name, :slug, :currency, :createdAt)
                """)
                .param("id", organization.id())
                .param("name", organization.name())
                .param("slug", organization.slug())
                .param("currency", organization.defaultPresentmentCurrency())
                .param("createdAt", Timestamp.from(organization.createdAt()))
                .update();
    }

    Optional<Organization> findById(UUID id) {
        return jdbc.sql("SELECT * FROM organizations WHERE id = :id").param("id", id).query(OrganizationRepository::map).optional();
    }

    Optional<Organization> findBySlug(String slug) {
        return jdbc.sql("SELECT * FROM organizations WHERE lower(slug) = lower(:slug)").param("slug", slug)
                .query(OrganizationRepository::map).optional();
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM organizations").query(Long.class).single();
    }

    private static Organization map(ResultSet rs, int row) throws SQLException {
        Timestamp modified = rs.getTimestamp("modified_at");
        return new Organization(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("slug"),
                rs.getString("default_presentment_currency"),
                rs.getTimestamp("created_at").toInstant(),
                modified == null ? null : modified.toInstant(),
                rs.getLong("catalog_version"));
    }
}
