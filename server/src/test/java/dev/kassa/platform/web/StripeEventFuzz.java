package dev.kassa.platform.web;

import dev.kassa.support.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Malformed events to Stripe's webhook route, most of them correctly signed (only a holder of the signing secret can
 * get past the signature, so that is where the parsing must hold): text PostgreSQL cannot store, invalid JSON and
 * UTF-8, wrong types, oversized bodies, bad signatures and timestamps.
 */
final class StripeEventFuzz {

    private static final List<String> TYPES = List.of("payment_intent.succeeded", "payment_intent.payment_failed",
            "payment_intent.processing", "payment_intent.requires_action", "payment_intent.canceled", "charge.refunded",
            "refund.updated", "refund.failed", "setup_intent.succeeded", "unknown.type", "kassa.internal");

    private final String secret;
    private final Random random;

    StripeEventFuzz(String secret, long seed) {
        this.secret = secret;
        this.random = new Random(seed ^ 0x5EED);
    }

    /** Sends {@code count} events, handing each description and answer to {@code check}; answers how many were sent. */
    int send(RawHttp http, int count, BiConsumer<String, RawHttp.Response> check) throws IOException {
        for (int i = 0; i < count; i++) {
            String id = "evt_fuzz_" + Long.toHexString(random.nextLong());
            String type = TYPES.get(random.nextInt(TYPES.size()));
            String object = pick(List.of("{\"id\":\"pi_fuzz\",\"object\":\"payment_intent\",\"metadata\":{}}",
                    "{\"id\":\"pi_\\u0000\",\"object\":\"payment_intent\"}", "{\"id\":\"pi_\\ud800\"}", "{\"id\":12}", "[]", "null",
                    "{\"id\":\"re_fuzz\",\"object\":\"refund\",\"status\":\"failed\",\"amount\":1e400}",
                    "{\"id\":\"pi_x\",\"metadata\":{\"kassa_checkout_id\":\"not-a-uuid\",\"kassa_attempt_id\":\"\\u0000\"}}",
                    "{\"id\":\"pi_x\",\"amount\":-1,\"amount_received\":99999999999999999999,\"currency\":\"\\udfff\"}"));
            String event = "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"" + type + "\",\"created\":1700000000,"
                    + "\"data\":{\"object\":" + object + "}}";
            byte[] body;
            String description;
            int roll = random.nextInt(100);
            if (roll < 10) {
                body = pick(List.of("{", "[]", "null", "\"x\"", "{\"id\":1,\"type\":2}", "{\"type\":\"x\"}", ""))
                        .getBytes(StandardCharsets.UTF_8);
                description = "bad JSON";
            } else if (roll < 20) {
                body = event.replace("\"object\":\"event\"", "\"object\":\"event\",\"note\":\"\\u0000\"").getBytes(StandardCharsets.UTF_8);
                description = "NUL escape";
            } else if (roll < 30) {
                body = event.replace("\"object\":\"event\"", "\"\\ud800\":\"lone\"").getBytes(StandardCharsets.UTF_8);
                description = "lone surrogate key";
            } else if (roll < 35) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                raw.writeBytes(event.substring(0, event.length() - 1).getBytes(StandardCharsets.UTF_8));
                raw.writeBytes(new byte[] {',', '"', 'x', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 0, '"', '}'});
                body = raw.toByteArray();
                description = "invalid UTF-8 and a raw NUL";
            } else if (roll < 40) {
                body = event.replace("\"object\":\"event\"", "\"object\":\"event\",\"pad\":\"" + "p".repeat(2 * 1024 * 1024) + "\"")
                        .getBytes(StandardCharsets.UTF_8);
                description = "2 MiB";
            } else {
                body = event.getBytes(StandardCharsets.UTF_8);
                description = "object " + object;
            }
            String signature = signature(body, roll);
            String head = "POST /v1/integrations/stripe/webhook HTTP/1.1\r\nContent-Type: application/json"
                    + (signature == null ? "" : "\r\nStripe-Signature: " + signature);
            check.accept("Stripe event <" + description + (roll >= 90 ? "; bad signature" : "") + "> " + type + " "
                    + (body.length > 300 ? new String(body, 0, 300, StandardCharsets.UTF_8) + "..." : new String(body, StandardCharsets.UTF_8)),
                    http.send(head, body));
        }
        return count;
    }

    private String signature(byte[] body, int roll) {
        long now = System.currentTimeMillis() / 1000;
        if (roll >= 95) {
            return pick(java.util.Arrays.asList(null, "", "t=1,v1=00", "garbage", "t=" + now + ",v1=" + "0".repeat(64)));
        }
        long timestamp = roll >= 90 ? now - 3_600 : now;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
