package dev.kassa.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kassa.platform.crypto.ChecksummedTokens;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which zone a request counts in and as whom; and the settings that shape it. */
class RequestIdentitiesTest {

    static final RateLimitSettings DEFAULTS = RateLimitSettings.fromEnvironment(Map.of());
    static final String SECRET = ChecksummedTokens.generate("polar_c_");
    static final String TOKEN = "polar_oat_" + "a".repeat(43);

    private static MockHttpServletRequest request(String method, String path, String remoteAddress) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServletPath(path);
        request.setRemoteAddr(remoteAddress);
        return request;
    }

    private static RequestIdentities.Identity identify(RateLimitSettings settings, MockHttpServletRequest request) {
        return new RequestIdentities(settings).of(request).orElseThrow();
    }

    @Test
    void theBuyerRoutesCountPerClientSecretEvenWithAToken() {
        MockHttpServletRequest get = request("GET", "/v1/checkouts/client/" + SECRET, "10.0.0.1");
        get.addHeader("Authorization", "Bearer " + TOKEN);

        assertThat(identify(DEFAULTS, get)).isEqualTo(new RequestIdentities.Identity(DEFAULTS.clientSecret(), "secret:" + SECRET));
        assertThat(identify(DEFAULTS, request("POST", "/v1/checkouts/custom/client/" + SECRET + "/confirm", "10.0.0.1")))
                .isEqualTo(new RequestIdentities.Identity(DEFAULTS.confirm(), "secret:" + SECRET));
    }

    @Test
    void aClientSecretKassaNeverIssuesCountsAsTheAddress() {
        assertThat(identify(DEFAULTS, request("POST", "/v1/checkouts/client/polar_c_madeup/confirm", "10.0.0.1")))
                .isEqualTo(new RequestIdentities.Identity(DEFAULTS.ip(), "ip:10.0.0.1"));
    }

    @Test
    void aMerchantOrCustomerTokenCountsPerToken() {
        MockHttpServletRequest merchant = request("GET", "/v1/orders/", "10.0.0.1");
        merchant.addHeader("Authorization", "bearer  " + TOKEN);
        MockHttpServletRequest customer = request("GET", "/v1/customer-portal/orders/", "10.0.0.1");
        customer.addHeader("Authorization", "Bearer polar_cst_" + "b".repeat(43));

        assertThat(identify(DEFAULTS, merchant)).isEqualTo(new RequestIdentities.Identity(DEFAULTS.token(), "token:" + TOKEN));
        assertThat(identify(DEFAULTS, customer).zone()).isEqualTo(DEFAULTS.token());
    }

    @Test
    void forwardingHeadersAreIgnoredUnlessTheProxyIsTrusted() {
        MockHttpServletRequest request = request("GET", "/v1/checkout-links/x/redirect", "10.0.0.1");
        request.addHeader("X-Forwarded-For", "203.0.113.9");
        request.addHeader("True-Client-IP", "203.0.113.8");
        RateLimitSettings trusting = RateLimitSettings.fromEnvironment(Map.of("RATE_LIMIT_TRUSTED_PROXIES", "10.0.0.0/8"));

        assertThat(identify(DEFAULTS, request).value()).isEqualTo("ip:10.0.0.1");
        assertThat(identify(trusting, request).value()).isEqualTo("ip:203.0.113.8");
    }

    @Test
    void behindTrustedProxiesTheRightmostUntrustedForwardedAddressIsTheClient() {
        RateLimitSettings trusting = RateLimitSettings.fromEnvironment(Map.of("RATE_LIMIT_TRUSTED_PROXIES", "10.0.0.0/8,192.168.1.1"));
        MockHttpServletRequest request = request("GET", "/v1/products/", "10.0.0.1");
        request.addHeader("X-Forwarded-For", "1.2.3.4, 203.0.113.9, 192.168.1.1");

        assertThat(identify(trusting, request).value()).isEqualTo("ip:203.0.113.9");
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() {
        assertThat(identify(DEFAULTS, request("GET", "/v1/products/", "2001:db8:1:2:aaaa::1")).value())
                .isEqualTo(identify(DEFAULTS, request("GET", "/v1/products/", "2001:db8:1:2:bbbb::9")).value())
                .isEqualTo("ip:20010db800010002::/64");
    }

    @Test
    void stripesWebhookAndRoutesOutsideTheApiAreNotLimited() {
        RequestIdentities identities = new RequestIdentities(DEFAULTS);

        assertThat(identities.of(request("POST", "/v1/integrations/stripe/webhook", "10.0.0.1"))).isEmpty();
        assertThat(identities.of(request("GET", "/v1x/products", "10.0.0.1"))).isEmpty();
        assertThat(identities.of(request("GET", "/checkout/" + SECRET, "10.0.0.1"))).isEmpty();
    }

    @Test
    void malformedSettingsStopStartupNamingEachVariable() {
        assertThatThrownBy(() -> RateLimitSettings.fromEnvironment(Map.of("RATE_LIMIT_ENABLED", "maybe",
                "RATE_LIMIT_TOKEN_PER_MINUTE", "0", "RATE_LIMIT_CONFIRM_BLOCK", "soon", "RATE_LIMIT_TRUSTED_PROXIES", "10.0.0.0/33")))
                .hasMessageContaining("RATE_LIMIT_ENABLED: must be true or false, got 'maybe'")
                .hasMessageContaining("RATE_LIMIT_TOKEN_PER_MINUTE: must be between 1 and 1000000000, got '0'")
                .hasMessageContaining("RATE_LIMIT_CONFIRM_BLOCK: not a duration")
                .hasMessageContaining("RATE_LIMIT_TRUSTED_PROXIES: not an IP address or CIDR range: '10.0.0.0/33'");
    }

    @Test
    void limitingCanBeSwitchedOff() {
        assertThat(RateLimitSettings.fromEnvironment(Map.of("RATE_LIMIT_ENABLED", "false")).enabled()).isFalse();
        assertThat(DEFAULTS.enabled()).isTrue();
    }
}
