package dev.kassa.organization;

import dev.kassa.auth.AccessTokenService;
import dev.kassa.auth.AccessTokenService.IssuedToken;
import dev.kassa.platform.config.KassaSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * On the first start on the embedded database, when there is no organization at all, creates a "Demo"
 * organization so a newcomer can call the API at once. Its full-scope token is printed once and written to
 * {@code KASSA_DATA_DIR/demo-token} (mode 0600); only its hash is in the database.
 */
@Component
@ConditionalOnProperty(name = "kassa.mode", havingValue = "serve", matchIfMissing = true)
class DemoOrganizationBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoOrganizationBootstrap.class);
    static final String TOKEN_FILE = "demo-token";

    private final KassaSettings settings;
    private final OrganizationService organizations;
    private final AccessTokenService tokens;

    DemoOrganizationBootstrap(KassaSettings settings, OrganizationService organizations, AccessTokenService tokens) {
        this.settings = settings;
        this.organizations = organizations;
        this.tokens = tokens;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!settings.embeddedDatabase() || !organizations.isEmpty()) {
            return;
        }
        Organization demo = organizations.create("Demo", "demo");
        IssuedToken token = tokens.issue(demo.id(), AccessTokenService.allScopes(), null, "Demo organization token");
        Path file = settings.dataDir().resolve(TOKEN_FILE);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, token.token() + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        String banner = """

                ================================================================================
                 Created the Demo organization (id %s, slug "demo").
                 Its access token, with every scope, is shown this once and saved in %s:

                   %s

                 Try: curl -H "Authorization: Bearer $(cat %s)" %s/v1/products/
                ================================================================================
                """.formatted(demo.id(), file, token.token(), file, settings.publicBaseUrlWithoutTrailingSlash());
        System.out.println(banner);
        log.info("Demo organization {} created; token written to {}", demo.id(), file);
    }
}
