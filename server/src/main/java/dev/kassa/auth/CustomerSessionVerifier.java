package dev.kassa.auth;

import java.util.Optional;

/** Checks a customer session token; the customer domain provides the implementation. */
public interface CustomerSessionVerifier {

    String TOKEN_PREFIX = "polar_cst_";

    /** The session's access if the token is known and unexpired. */
    Optional<CustomerAccess> verify(String token);
}
