package dev.kassa.organization;

import dev.kassa.platform.web.Uuids;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class OrganizationService {

    private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");

    private final OrganizationRepository organizations;
    private final Clock clock;

    OrganizationService(OrganizationRepository organizations, Clock clock) {
        this.organizations = organizations;
        this.clock = clock;
    }

    /** @throws IllegalArgumentException with a message for the operator when the name or slug is unusable */
    @Transactional
    public Organization create(String name, String slug) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("slug must be 2-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        if (organizations.findBySlug(slug).isPresent()) {
            throw new IllegalArgumentException("an organization with slug '" + slug + "' already exists");
        }
        Organization organization = new Organization(UUID.randomUUID(), name.trim(), slug, "usd",
                clock.instant().truncatedTo(ChronoUnit.MICROS), null, 0);
        organizations.insert(organization);
        return organization;
    }

    @Transactional(readOnly = true)
    public Optional<Organization> findById(UUID id) {
        return organizations.findById(id);
    }

    /** An organization by its id or, failing that, its slug. */
    @Transactional(readOnly = true)
    public Optional<Organization> findByIdOrSlug(String idOrSlug) {
        UUID id = Uuids.parse(idOrSlug);
        if (id != null) {
            return organizations.findById(id);
        }
        return organizations.findBySlug(idOrSlug);
    }

    @Transactional(readOnly = true)
    public boolean isEmpty() {
        return organizations.count() == 0;
    }

    /** The organization of a token that was just authenticated; its absence is a broken invariant. */
    @Transactional(readOnly = true)
    public Organization get(UUID id) {
        return organizations.findById(id).orElseThrow(() -> new IllegalStateException("organization " + id + " not found"));
    }
}
