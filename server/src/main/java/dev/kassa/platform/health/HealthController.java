package dev.kassa.platform.health;

import dev.kassa.platform.db.DatabaseHealth;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Liveness says the process answers; readiness says it can reach the database. */
@RestController
class HealthController {

    private final DatabaseHealth database;

    HealthController(DatabaseHealth database) {
        this.database = database;
    }

    @GetMapping("/healthz")
    Map<String, String> liveness() {
        return Map.of("status", "ok");
    }

    @GetMapping("/readyz")
    ResponseEntity<Map<String, String>> readiness() {
        if (database.reachable()) {
            return ResponseEntity.ok(Map.of("status", "ok", "database", "ok"));
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("status", "unavailable", "database", "unreachable"));
    }
}
