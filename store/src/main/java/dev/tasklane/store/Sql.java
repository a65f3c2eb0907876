package dev.tasklane.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** What every hand-written statement of the store shares: arguments bound in order, instants as UTC timestamps. */
public final class Sql {

    private Sql() {
    }

    /** Binds {@code args} in order: a list's elements each in its own place, an instant as a UTC timestamp. */
    public static void bind(PreparedStatement statement, Object... args) throws SQLException {
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
    public static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
