package dev.tasklane.gateway.hotpath;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The counting data source counts every run of a statement by its text, a batch once with its rows. */
class CountingDataSourcesTest {

    private static final String INSERT = "INSERT INTO item (name) VALUES (?)";

    private final StatementCounter counter = new StatementCounter();
    private DataSource store;

    @BeforeEach
    void createStore() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:counting-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        store = new CountingDataSources(counter).counting(h2);
        try (Connection connection = store.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE item (name VARCHAR(20) PRIMARY KEY)");
        }
    }

    @Test
    void aPreparedStatementCountsEachRunUnderItsText() throws SQLException {
        try (Connection connection = store.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (String name : new String[]{"a", "b"}) {
                insert.setString(1, name);
                insert.executeUpdate();
            }
            try (Statement select = connection.createStatement()) {
                select.executeQuery("SELECT   name\n FROM item");
            }
        }

        Map<String, StatementTally.Count> counted = counter.snapshot().byText();
        assertEquals(new StatementTally.Count(2, 0), counted.get(INSERT));
        assertEquals(new StatementTally.Count(1, 0), counted.get("SELECT name FROM item"), "whitespace collapsed");
        assertEquals(2, counter.snapshot().executions(StatementKind.INSERT));
    }

    @Test
    void aBatchCountsOnceWithItsRows() throws SQLException {
        try (Connection connection = store.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (String name : new String[]{"a", "b", "c"}) {
                insert.setString(1, name);
                insert.addBatch();
            }
            insert.executeBatch();
        }

        StatementTally counted = counter.snapshot();
        assertEquals(new StatementTally.Count(1, 3), counted.byText().get(INSERT));
        assertEquals(3, counted.batchRows());
    }

    @Test
    void aStatementThatFailsCountsToo() throws SQLException {
        try (Connection connection = store.getConnection(); Statement statement = connection.createStatement()) {
            assertThrows(SQLException.class, () -> statement.executeUpdate("DELETE FROM missing"));
        }

        assertEquals(new StatementTally.Count(1, 0), counter.snapshot().byText().get("DELETE FROM missing"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            SELECT 1                                   | SELECT
            ' (select 1) union all (select 2)'         | SELECT
            insert into item (name) values ('a')       | INSERT
            Update item SET name = 'b'                 | UPDATE
            MERGE INTO item KEY (name) VALUES ('c')    | MERGE
            'WITH x AS (SELECT 1) DELETE FROM item'    | OTHER
            CALL SCHEMA()                              | OTHER
            """)
    void aStatementsKindIsItsFirstKeyword(String sql, StatementKind kind) {
        assertEquals(kind, StatementKind.of(sql));
    }
}
