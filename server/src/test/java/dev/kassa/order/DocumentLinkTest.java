package dev.kassa.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.kassa.order.DocumentLinks.Kind;
import dev.kassa.platform.config.KassaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The signed download links: HMAC-SHA256 with the installation's key, 10 minutes, 403 when forged or expired. */
class DocumentLinkTest extends OrderDocumentTestSupport {

    @Autowired
    OrderDocumentRepository repository;
    @Autowired
    KassaSettings settings;
    @Autowired
    DocumentLinks links;

    private String invoiceUrl(Order order) {
        as(tenant).post("/v1/orders/" + order.id() + "/invoice").then().statusCode(202);
        return as(tenant).get("/v1/orders/" + order.id() + "/invoice").then().extract().path("url");
    }

    /** The signature as the README documents it, written out independently. */
    private String signature(String kind, UUID orderId, String fileName, long expires) throws Exception {
        byte[] key = jdbc.sql("SELECT secret FROM signing_keys WHERE name = 'order_document_links'")
                .query((rs, n) -> rs.getBytes(1)).single();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] digest = mac.doFinal((kind + "\n" + orderId + "\n" + fileName + "\n" + expires).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private String path(Order order) {
        return "/documents/invoice/" + order.id() + "/Invoice-" + invoiceNumber(order) + ".pdf";
    }

    @Test
    void aLinkExpiresTenMinutesAfterItIsGivenAndIsSignedWithTheInstallationsKey() throws Exception {
        Order order = order();
        String url = invoiceUrl(order);
        long expires = Long.parseLong(url.replaceAll(".*[?&]expires=([0-9]+).*", "$1"));

        assertThat(expires - Instant.now().getEpochSecond()).isBetween(590L, 600L);
        assertThat(url).endsWith("&signature=" + signature("invoice", order.id(), "Invoice-" + invoiceNumber(order) + ".pdf", expires));
    }

    @Test
    void anExpiredLinkIsForbidden() throws Exception {
        Order order = order();
        invoiceUrl(order);
        long past = Instant.now().getEpochSecond() - 1;
        String fileName = "Invoice-" + invoiceNumber(order) + ".pdf";

        anonymous().get(path(order) + "?expires=" + past + "&signature=" + signature("invoice", order.id(), fileName, past))
                .then().statusCode(403)
                .body("error", equalTo("ExpiredDocumentLink"))
                .body("detail", equalTo("This download link has expired: request a new one."));
    }

    @Test
    void aForgedOrAlteredLinkIsForbidden() {
        Order order = order();
        Order other = order();
        String url = invoiceUrl(order);
        invoiceUrl(other);
        String query = url.substring(url.indexOf('?'));
        String expires = url.replaceAll(".*[?&]expires=([0-9]+).*", "$1");

        for (String forged : List.of(
                path(order) + query.replace("signature=", "signature=x"),
                path(order) + "?expires=" + (Long.parseLong(expires) + 3600) + query.substring(query.indexOf("&signature")),
                path(other) + query,
                path(order).replace(".pdf", "-copy.pdf") + query,
                path(order).replace("/invoice/", "/receipt/") + query,
                path(order),
                path(order) + "?expires=soon&signature=abc")) {
            anonymous().get(forged).then().statusCode(403).body("error", equalTo("InvalidDocumentLink"));
        }
    }

    @Test
    void malformedPathsAndDocumentsThatDoNotExistAreNotFound() {
        Order order = order();
        String url = invoiceUrl(order);
        String query = url.substring(url.indexOf('?'));

        anonymous().get("/documents/statement/" + order.id() + "/x.pdf" + query).then().statusCode(404);
        anonymous().get("/documents/invoice/not-a-uuid/x.pdf" + query).then().statusCode(404);
        UUID unknown = UUID.randomUUID();
        String signed = links.url(Kind.INVOICE, unknown, "Invoice-X.pdf");
        anonymous().get(signed.substring("http://localhost:8000".length())).then().statusCode(404)
                .body("error", equalTo("ResourceNotFound"));
    }

    @Test
    void aLinkSignedByOneNodeIsValidOnAnotherAndAfterARestart() {
        Order order = order();
        String url = invoiceUrl(order);
        DocumentLinks otherNode = new DocumentLinks(repository, settings, Clock.systemUTC());
        String fileName = "Invoice-" + invoiceNumber(order) + ".pdf";
        String expires = url.replaceAll(".*[?&]expires=([0-9]+).*", "$1");
        String signature = url.replaceAll(".*[?&]signature=([^&]+).*", "$1");

        assertThat(otherNode.verify(Kind.INVOICE, order.id(), fileName, expires, signature))
                .isEqualTo(DocumentLinks.Verdict.VALID);
    }
}
