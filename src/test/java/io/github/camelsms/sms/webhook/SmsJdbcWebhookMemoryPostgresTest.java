package io.github.camelsms.sms.webhook;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * SmsJdbcWebhookMemoryTest against a real PostgreSQL (the production choice), when one is given: set
 * CAMEL_SMS_TEST_POSTGRES_URL to a JDBC URL with credentials, for example
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}. The test drops and re-creates the table
 * CAMEL_SMS_WEBHOOK there. Without it, or when the server cannot be reached, the tests are skipped.
 */
class SmsJdbcWebhookMemoryPostgresTest extends SmsJdbcWebhookMemoryTest {

    static final String URL_VARIABLE = "CAMEL_SMS_TEST_POSTGRES_URL";
    private static final String URL = System.getenv(URL_VARIABLE);

    @BeforeEach
    void needsPostgres() {
        Assumptions.assumeTrue(URL != null && !URL.isBlank(),
                "No PostgreSQL given: set " + URL_VARIABLE + " (e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres)"
                + " to run the JDBC webhook memory tests against one");
        try (Connection connection = database().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + SmsJdbcWebhookMemory.DEFAULT_TABLE);
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL at " + URL_VARIABLE + " cannot be reached (" + e.getMessage() + ")");
        }
    }

    @Override
    protected DataSource database() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(URL);
        return dataSource;
    }
}
