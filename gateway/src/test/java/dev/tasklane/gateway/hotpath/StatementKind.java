package dev.tasklane.gateway.hotpath;

import java.util.Locale;

/** What a store statement does, read from its first keyword; anything but the five data statements is OTHER. */
enum StatementKind {
    SELECT, INSERT, UPDATE, DELETE, MERGE, OTHER;

    static StatementKind of(String sql) {
        String start = sql.stripLeading().replaceFirst("^\\(+\\s*", "");
        int end = 0;
        while (end < start.length() && Character.isLetter(start.charAt(end))) {
            end++;
        }
        String keyword = start.substring(0, end).toUpperCase(Locale.ROOT);
        for (StatementKind kind : values()) {
            if (kind != OTHER && kind.name().equals(keyword)) {
                return kind;
            }
        }
        return OTHER;
    }
}
