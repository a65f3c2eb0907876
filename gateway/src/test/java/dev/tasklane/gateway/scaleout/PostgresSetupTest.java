package dev.tasklane.gateway.scaleout;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Says plainly in the build output whether the PostgreSQL tests run, and when a server is configured, that it
 * answers: a wrong URL fails here with the reason instead of as a hundred connection errors later.
 */
class PostgresSetupTest {

    @Test
    void theConfiguredPostgresqlAnswers() throws SQLException {
        PostgresUnderTest postgres = PostgresUnderTest.configured().orElse(null);
        if (postgres == null) {
            String notice = "PostgreSQL tests SKIPPED (the suite on PostgreSQL and the scale-out process tests): "
                    + PostgresUnderTest.HOW_TO_RUN;
            System.out.println("\n*** " + notice + " ***\n");
            Assumptions.abort(notice);
        }
        try (Connection connection = postgres.connect()) {
            String product = connection.getMetaData().getDatabaseProductName();
            int major = connection.getMetaData().getDatabaseMajorVersion();
            assertTrue(product.equals("PostgreSQL") && major >= 12,
                    postgres.url() + " is " + product + " " + major + "; the tests need PostgreSQL 12 or later");
        }
    }
}
