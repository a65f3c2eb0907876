package dev.tasklane.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Turns values into the JSON text the store keeps in its {@code *_json} columns, and back. */
@Singleton
public class JsonColumns {

    private final JsonMapper json;

    public JsonColumns(JsonMapper json) {
        this.json = json;
    }

    @Nullable
    public String write(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    @Nullable
    public <T> T read(@Nullable String text, Class<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored JSON is not a " + type.getSimpleName(), e);
        }
    }
}
