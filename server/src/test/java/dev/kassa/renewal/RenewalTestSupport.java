package dev.kassa.renewal;

import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Renewal tests on the suite's server. */
abstract class RenewalTestSupport extends ApiTest implements RenewalPurchases {

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = data.tenant();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Tenant tenant() {
        return tenant;
    }

    @Override
    public JdbcClient jdbc() {
        return jdbc;
    }
}
