package dev.kassa.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.support.ApiTest;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code GET /docs}: Swagger UI from the jar, on {@code /openapi.json}, with nothing fetched from elsewhere. */
class DocsPageTest extends ApiTest {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    @Test
    void theDocsPageIsSwaggerUiServedFromTheJarWithoutAToken() {
        String page = RestAssured.given().port(port).get("/docs").then().statusCode(200).contentType("text/html;charset=UTF-8")
                .extract().asString();

        List<String> assets = ASSET.matcher(page).results().map(m -> m.group(1)).toList();
        assertThat(assets).containsExactly("/webjars/swagger-ui/" + DocsController.swaggerUiVersion() + "/favicon-32x32.png",
                "/webjars/swagger-ui/" + DocsController.swaggerUiVersion() + "/swagger-ui.css",
                "/webjars/swagger-ui/" + DocsController.swaggerUiVersion() + "/swagger-ui-bundle.js", "/docs/start.js");
        assertThat(page).doesNotContain("://");
        for (String asset : assets) {
            assertThat(RestAssured.given().port(port).get(asset).then().statusCode(200).extract().asByteArray()).isNotEmpty();
        }
    }

    @Test
    void theViewerLoadsKassasDocumentAndNotSwaggersOnlineValidator() {
        String start = RestAssured.given().port(port).get("/docs/start.js").then().statusCode(200).extract().asString();

        assertThat(start).contains("url: \"/openapi.json\"").contains("validatorUrl: null");
    }

    @Test
    void theDocsPageAllowsOnlyKassasOwnScriptsAndConnections() {
        String policy = RestAssured.given().port(port).get("/docs").then().statusCode(200).extract().header("Content-Security-Policy");

        assertThat(policy).startsWith("default-src 'self';").doesNotContain("script-src").doesNotContain("connect-src");
    }

    @Test
    void theDocsAndTheMetricsAreNotPartOfTheApiDocument() {
        Map<String, Object> paths = RestAssured.given().port(port).get("/openapi.json").then().statusCode(200).extract().path("paths");

        assertThat(paths.keySet()).noneMatch(path -> path.startsWith("/docs") || path.startsWith("/metrics") || path.startsWith("/webjars"));
    }
}
