package dev.kassa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Failures that are not bugs get an answer the client can act on, not a 500. */
class ApiExceptionHandlerTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler();

    @Test
    void noFreePooledConnectionIsA503WithRetryAfter() {
        var e = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 30000ms"));

        ResponseEntity<Object> response = handler.unexpected(e);

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(response.getBody()).isEqualTo(new ApiError.ErrorBody("ServiceUnavailable", "The server is busy. Try again in a moment."));
    }

    @Test
    void anythingElseUnexpectedIsA500WithAnErrorId() {
        ResponseEntity<Object> response = handler.unexpected(new IllegalStateException("bug"));

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(((ApiError.ErrorBody) response.getBody()).error()).isEqualTo("InternalServerError");
    }
}
