package dev.kassa.auth;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccessTokenRepository {

    private final JdbcClient jdbc;

    AccessTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID organizationId, String tokenHash, Set<Scope> scopes, String comment, Instant createdAt, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO organization_access_tokens (id, organization_id, token_hash, scopes, comment, created_at, expires_at)
                VALUES (:id, :organizationId, :tokenHash, :scopes, :comment, :createdAt, :expiresAt)
                """)
                .param("id", id)
                .param("organizationId", organizationId)
                .param("tokenHash", tokenHash)
                .param("scopes", scopes.stream().map(Scope::wireName).sorted().collect(Collectors.joining(" ")))
                .param("comment", comment)
                .param("createdAt", java.sql.Timestamp.from(createdAt))
                .param("expiresAt", expiresAt == null ? null : java.sql.Timestamp.from(expiresAt))
                .update();
    }

    /** Looks a token up by the hash of the presented secret, through the unique index. */
    Optional<StoredToken> findActiveByHash(String tokenHash, Instant now) {
        return jdbc.sql("""
                SELECT t.id, t.organization_id, t.token_hash, t.scopes
                FROM organization_access_tokens t
                JOIN organizations o ON o.id = t.organization_id
                WHERE t.token_hash = :tokenHash
                  AND t.revoked_at IS NULL
                  AND (t.expires_at IS NULL OR t.expires_at > :now)
                """)
                .param("tokenHash", tokenHash)
                .param("now", java.sql.Timestamp.from(now))
                .query((rs, n) -> new StoredToken(
                        rs.getObject("id", UUID.class),
                        rs.getObject("organization_id", UUID.class),
                        rs.getString("token_hash"),
                        parseScopes(rs.getString("scopes"))))
                .optional();
    }

    boolean revoke(UUID id, Instant now) {
        return jdbc.sql("UPDATE organization_access_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .param("id", id)
                .param("now", java.sql.Timestamp.from(now))
                .update() == 1;
    }

    boolean exists(UUID id) {
        return jdbc.sql("SELECT count(*) FROM organization_access_tokens WHERE id = :id").param("id", id)
                .query(Long.class).single() > 0;
    }

    private static Set<Scope> parseScopes(String scopes) {
        return Arrays.stream(scopes.split(" "))
                .map(Scope::fromWireName)
                .flatMap(Optional::stream)
                .collect(Collectors.toUnmodifiableSet());
    }

    record StoredToken(UUID id, UUID organizationId, String tokenHash, Set<Scope> scopes) {
    }
}
