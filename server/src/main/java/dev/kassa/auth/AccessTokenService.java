package dev.kassa.auth;

import dev.kassa.platform.crypto.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Organization access tokens: {@code polar_oat_} + 43 random characters, stored only as a SHA-256 hash. */
@Service
public class AccessTokenService {

    public static final String PREFIX = "polar_oat_";
    static final int RANDOM_LENGTH = 43;

    private final AccessTokenRepository tokens;
    private final Clock clock;

    AccessTokenService(AccessTokenRepository tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    public record IssuedToken(UUID id, String token, Instant expiresAt) {
    }

    public static Set<Scope> allScopes() {
        return EnumSet.allOf(Scope.class);
    }

    @Transactional
    public IssuedToken issue(UUID organizationId, Set<Scope> scopes, Duration expiresIn, String comment) {
        String token = Tokens.generate(PREFIX, RANDOM_LENGTH);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant expiresAt = expiresIn == null ? null : now.plus(expiresIn);
        tokens.insert(id, organizationId, Tokens.hash(token), scopes, comment, now, expiresAt);
        return new IssuedToken(id, token, expiresAt);
    }

    /**
     * The token's access, if it is known, unexpired and unrevoked. The lookup goes through the hash, so the
     * secret itself is never compared; the final hash comparison is constant-time all the same.
     */
    @Transactional(readOnly = true)
    public Optional<OrganizationAccess> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = Tokens.hash(token);
        return tokens.findActiveByHash(hash, clock.instant())
                .filter(stored -> Tokens.hashesEqual(stored.tokenHash(), hash))
                .map(stored -> new OrganizationAccess(stored.organizationId(), stored.id(), stored.scopes()));
    }

    /** @return false when no such token exists or it was already revoked */
    @Transactional
    public boolean revoke(UUID tokenId) {
        return tokens.revoke(tokenId, clock.instant());
    }

    @Transactional(readOnly = true)
    public boolean exists(UUID tokenId) {
        return tokens.exists(tokenId);
    }
}
