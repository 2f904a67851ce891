package dev.kassa.platform.openapi;

import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /docs}: Swagger UI on {@code /openapi.json}, served from the jar (the {@code org.webjars:swagger-ui}
 * webjar under {@code /webjars/swagger-ui/<version>/}): no CDN, no call to Swagger's online validator. Not part of
 * the API document.
 */
@Hidden
@RestController
class DocsController {

    static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private final String page;

    DocsController() {
        String assets = "/webjars/swagger-ui/" + swaggerUiVersion() + "/";
        this.page = """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Kassa API</title>
                  <link rel="icon" type="image/png" href="%sfavicon-32x32.png">
                  <link rel="stylesheet" href="%sswagger-ui.css">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="%sswagger-ui-bundle.js"></script>
                  <script src="/docs/start.js"></script>
                </body>
                </html>
                """.formatted(assets, assets, assets);
    }

    @GetMapping({"/docs", "/docs/"})
    ResponseEntity<String> docs() {
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                        + "frame-ancestors 'none'")
                .body(page);
    }

    static String swaggerUiVersion() {
        try (InputStream in = DocsController.class.getClassLoader().getResourceAsStream(WEBJAR_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException(WEBJAR_PROPERTIES + " is missing: the swagger-ui webjar is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
