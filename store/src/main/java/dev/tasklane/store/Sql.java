package dev.tasklane.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs the statements a repository cannot state (text built from the input, a table chosen at run time, batches,
 * rows read as they come) on the current transaction's connection, the same way for every store: arguments bound in
 * order, a list's elements each in its own place, an instant as a UTC timestamp; each row read by a {@link RowReader}.
 */
@Singleton
public class Sql {

    /** Turns the current row of a result into a value. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Takes in the current row of a result. */
    @FunctionalInterface
    public interface RowHandler {
        void handle(ResultSet row) throws SQLException;
    }

    private final JdbcOperations jdbc;

    public Sql(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the rows it changed. */
    public int update(String sql, Object... args) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, args);
            return statement.executeUpdate();
        });
    }

    /** Runs {@code sql} once per item in one batch, bound with the arguments {@code args} gives for it. */
    public <T> void batch(String sql, Collection<T> items, Function<T, Object[]> args) {
        if (items.isEmpty()) {
            return;
        }
        jdbc.prepareStatement(sql, statement -> {
            for (T item : items) {
                bind(statement, args.apply(item));
                statement.addBatch();
            }
            return statement.executeBatch();
        });
    }

    /** The rows {@code sql} selects, each read by {@code reader}. */
    public <T> List<T> list(String sql, RowReader<T> reader, Object... args) {
        List<T> rows = new ArrayList<>();
        forEach(sql, row -> rows.add(reader.read(row)), args);
        return rows;
    }

    /** The first row {@code sql} selects, read by {@code reader}; empty when it selects none. */
    public <T> Optional<T> first(String sql, RowReader<T> reader, Object... args) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, args);
            ResultSet result = statement.executeQuery();
            return result.next() ? Optional.of(reader.read(result)) : Optional.empty();
        });
    }

    /** The number in the first column of the one row {@code sql} selects (a count, a sum). */
    public long number(String sql, Object... args) {
        return first(sql, row -> row.getLong(1), args).orElseThrow();
    }

    /** Hands each row {@code sql} selects to {@code handler} as it is read, without keeping the rows. */
    public void forEach(String sql, RowHandler handler, Object... args) {
        jdbc.prepareStatement(sql, statement -> {
            bind(statement, args);
            ResultSet result = statement.executeQuery();
            while (result.next()) {
                handler.handle(result);
            }
            return null;
        });
    }

    /** The rows {@code sql} selects as entities of {@code type}, mapped as its repository maps them. */
    public <T> List<T> entities(String sql, Class<T> type, Object... args) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, args);
            return jdbc.entityStream(statement.executeQuery(), type).toList();
        });
    }

    /** Binds {@code args} in order: a list's elements each in its own place, an instant as a UTC timestamp. */
    private static void bind(PreparedStatement statement, Object... args) throws SQLException {
        List<Object> values = new ArrayList<>();
        for (Object arg : args) {
            if (arg instanceof List<?> list) {
                values.addAll(list);
            } else {
                values.add(arg);
            }
        }
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i) instanceof Instant at ? utc(at) : values.get(i);
            statement.setObject(i + 1, value);
        }
    }

    /** {@code instant} as the UTC timestamp the store's columns hold. */
    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** The instant in a timestamp column of the current row; null when the column is. */
    public static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    /** The instant in a timestamp column of the current row, by position; null when the column is. */
    public static @Nullable Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    /** An argument bound only when it is not null, for a condition the statement has only then. */
    public static List<Object> optional(@Nullable Object value) {
        return value == null ? List.of() : List.of(value);
    }

    /** {@code count} parameter marks for an {@code IN} list: {@code ?, ?, ?}. */
    public static String marks(int count) {
        return "?, ".repeat(count - 1) + "?";
    }
}
