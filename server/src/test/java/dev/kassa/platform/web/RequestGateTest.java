package dev.kassa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.platform.json.Json;
import dev.kassa.support.ApiTest;
import dev.kassa.support.RawHttp;
import dev.kassa.support.TestData.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What reaches no service: a query, path, content type or body text that Kassa refuses at the door, in Polar's shape,
 * and the odd but harmless inputs it lets through.
 */
class RequestGateTest extends ApiTest {

    private Tenant tenant;
    private RawHttp http;

    @BeforeEach
    void setUp() {
        tenant = data.tenant();
        http = new RawHttp(port);
    }

    private RawHttp.Response get(String target) throws Exception {
        return http.send("GET " + target + " HTTP/1.1\r\nAuthorization: Bearer " + tenant.token(), null);
    }

    private RawHttp.Response post(String target, String contentType, String body) throws Exception {
        return http.send("POST " + target + " HTTP/1.1\r\nAuthorization: Bearer " + tenant.token()
                + (contentType == null ? "" : "\r\nContent-Type: " + contentType), body.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> json(RawHttp.Response response) {
        return Json.readMap(response.body());
    }

    private static Map<String, Object> problem(String type, List<Object> loc, String msg, Object input) {
        java.util.Map<String, Object> problem = new java.util.LinkedHashMap<>();
        problem.put("type", type);
        problem.put("loc", loc);
        problem.put("msg", msg);
        problem.put("input", input);
        return problem;
    }

    @Test
    void aQueryChunkWithoutANameIsIgnored() throws Exception {
        RawHttp.Response response = get("/v1/checkouts/?=0&&limit=5");

        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response)).containsEntry("items", List.of());
    }

    @Test
    void aNulCharacterInTheQueryIsA422BeforeAnyQueryRuns() throws Exception {
        RawHttp.Response response = get("/v1/checkouts/?query=a%00b");

        assertThat(response.status()).isEqualTo(422);
        assertThat(json(response)).isEqualTo(Map.of("error", "RequestValidationError", "detail", List.of(problem("string_unicode",
                List.of("query", "query"), "Input should be a valid string, NUL characters are not allowed", "a%00b"))));
    }

    @Test
    void aQueryThatIsNotUtf8IsA422() throws Exception {
        RawHttp.Response response = get("/v1/products/?query=%FF");

        assertThat(response.status()).isEqualTo(422);
        assertThat(json(response)).isEqualTo(Map.of("error", "RequestValidationError", "detail", List.of(problem("string_unicode",
                List.of("query", "query"), "Input should be a valid string, unable to parse raw data as a unicode string", "%FF"))));
    }

    @Test
    void aPathTheContainerRefusesIsPolarsBadRequestInJson() throws Exception {
        for (String path : List.of("/v1/customers/external/a%00b", "/v1/customers/external/a%FFb", "/v1/orders/a%2Fb")) {
            RawHttp.Response response = get(path);

            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.header("content-type")).as(path).startsWith("application/json");
            assertThat(json(response)).as(path).isEqualTo(Map.of("error", "BadRequest", "detail", "Bad Request"));
        }
    }

    @Test
    void aWildcardContentTypeIsIgnoredAndTheBodyReadAsJson() throws Exception {
        RawHttp.Response response = post("/v1/customers/", "*/*", "{\"email\":\"wildcard@example.com\"}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(json(response)).containsEntry("email", "wildcard@example.com");
    }

    @Test
    void aNulCharacterInABodyStringIsA422AtItsLocation() throws Exception {
        RawHttp.Response response = post("/v1/customers/", "application/json",
                "{\"email\":\"nul@example.com\",\"name\":\"a\\u0000b\"}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(json(response)).isEqualTo(Map.of("error", "RequestValidationError", "detail", List.of(problem("string_unicode",
                List.of("body", "name"), "Input should be a valid string, NUL characters are not allowed", "a\uFFFDb"))));
        assertThat(get("/v1/customers/?email=nul%40example.com").body()).contains("\"items\":[]");
    }

    @Test
    void aLoneSurrogateInAMetadataValueIsA422NotStoredAsAQuestionMark() throws Exception {
        RawHttp.Response response = post("/v1/customers/", "application/json",
                "{\"email\":\"surrogate@example.com\",\"metadata\":{\"k\":\"v\\ud800\"}}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(json(response)).isEqualTo(Map.of("error", "RequestValidationError", "detail", List.of(problem("string_unicode",
                List.of("body", "metadata", "k"),
                "Input should be a valid string, unable to parse raw data as a unicode string (lone surrogate)", "v\uFFFD"))));
        assertThat(get("/v1/customers/?email=surrogate%40example.com").body()).contains("\"items\":[]");
    }

    @Test
    void aNumberTooLargeForADoubleIsA422() throws Exception {
        RawHttp.Response response = post("/v1/checkouts/", "application/json", "{\"products\":[],\"amount\":1e400}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(json(response)).isEqualTo(Map.of("error", "RequestValidationError", "detail", List.of(problem("finite_number",
                List.of("body", "amount"), "Input should be a finite number", "Infinity"))));
    }

    @Test
    void aPairOfSurrogatesIsOneCharacterAndAccepted() throws Exception {
        RawHttp.Response response = post("/v1/customers/", "application/json",
                "{\"email\":\"emoji@example.com\",\"name\":\"Ana \\ud83d\\ude00\"}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(json(response)).containsEntry("name", "Ana \uD83D\uDE00");
    }

    @Test
    void aCreateAnswersItsSuccessInJsonWhateverTheAcceptHeaderAsks() throws Exception {
        for (String accept : List.of("text/html", "application/xml", "image/png;q=1, */*;q=0")) {
            String email = "accept-" + Math.abs(accept.hashCode()) + "@example.com";
            RawHttp.Response response = http.send("POST /v1/customers/ HTTP/1.1\r\nAuthorization: Bearer " + tenant.token()
                    + "\r\nContent-Type: application/json\r\nAccept: " + accept,
                    ("{\"email\":\"" + email + "\"}").getBytes(StandardCharsets.UTF_8));

            assertThat(response.status()).as(accept).isEqualTo(201);
            assertThat(response.header("content-type")).as(accept).startsWith("application/json");
            assertThat(json(response)).as(accept).containsEntry("email", email);
        }
    }
}
