package dev.tasklane.gateway.scaleout;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The PostgreSQL server the tests may use: {@code TASKLANE_TEST_POSTGRES_URL} (with {@code _USER} and
 * {@code _PASSWORD}, default {@code tasklane}), and the command that stops and starts it,
 * {@code TASKLANE_TEST_POSTGRES_CONTROL} ({@code stop} or {@code start} is appended).
 */
public record PostgresUnderTest(String url, String user, String password, Optional<String> control) {

    public static final String HOW_TO_RUN = "set TASKLANE_TEST_POSTGRES_URL (e.g. jdbc:postgresql://127.0.0.1:5432/tasklane"
            + "_test), TASKLANE_TEST_POSTGRES_USER and TASKLANE_TEST_POSTGRES_PASSWORD to run them; .ci/run does";

    /** The configured server, or empty when the PostgreSQL tests are to be skipped. */
    public static Optional<PostgresUnderTest> configured() {
        String url = System.getenv("TASKLANE_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new PostgresUnderTest(url, env("TASKLANE_TEST_POSTGRES_USER", "tasklane"),
                env("TASKLANE_TEST_POSTGRES_PASSWORD", "tasklane"),
                Optional.ofNullable(System.getenv("TASKLANE_TEST_POSTGRES_CONTROL")).filter(c -> !c.isBlank())));
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    /** Runs the control command with {@code action} ({@code stop} or {@code start}) and waits for it. */
    public void control(String action) throws IOException, InterruptedException {
        String command = control.orElseThrow() + " " + action;
        Process process = new ProcessBuilder("sh", "-c", command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("'" + command + "' exited with " + process.exitValue());
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Creates an empty schema of its own for one test and returns the URL that makes it the default. */
    public String freshSchemaUrl(String prefix) throws SQLException {
        String schema = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
