package dev.tasklane.activities.sync;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads pages of a synced table with a query built from filters: the one place the read endpoints' SQL runs. */
@Singleton
public class SyncedRows {

    /** Turns the current row of a result into a value. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final JdbcOperations jdbc;

    public SyncedRows(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The rows {@code sql} selects with {@code args} bound in order, each read by {@code reader}. */
    public <T> List<T> query(String sql, List<Object> args, RowReader<T> reader) {
        return jdbc.prepareStatement(sql, statement -> {
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            ResultSet result = statement.executeQuery();
            List<T> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(reader.read(result));
            }
            return rows;
        });
    }
}
