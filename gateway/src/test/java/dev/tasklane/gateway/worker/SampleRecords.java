package dev.tasklane.gateway.worker;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds a record with every component set, nested records and collections included, to see it round-trip. */
final class SampleRecords {

    private SampleRecords() {
    }

    static <T> T of(Class<T> type) {
        return type.cast(valueOf(type));
    }

    private static Object valueOf(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Type[] arguments = parameterized.getActualTypeArguments();
            Class<?> raw = (Class<?>) parameterized.getRawType();
            if (raw == List.class) {
                return List.of(valueOf(arguments[0]));
            }
            if (raw == Set.class) {
                return Set.of(valueOf(arguments[0]));
            }
            if (raw == Map.class) {
                return Map.of(valueOf(arguments[0]), valueOf(arguments[1]));
            }
            throw new IllegalArgumentException("no sample for " + type);
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class || raw == Object.class) {
            return "sample";
        }
        if (raw == Integer.class || raw == int.class) {
            return 3;
        }
        if (raw == Long.class || raw == long.class) {
            return 4L;
        }
        if (raw == Double.class || raw == double.class) {
            return 0.5;
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return true;
        }
        if (raw == Instant.class) {
            return Instant.parse("2026-01-02T03:04:05Z");
        }
        if (raw == Duration.class) {
            return Duration.ofSeconds(5);
        }
        if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        }
        if (raw.isRecord()) {
            return recordOf(raw);
        }
        throw new IllegalArgumentException("no sample for " + type + "; teach SampleRecords its kind");
    }

    private static Object recordOf(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] classes = new Class<?>[components.length];
        Object[] values = (Object[]) Array.newInstance(Object.class, components.length);
        for (int i = 0; i < components.length; i++) {
            classes[i] = components[i].getType();
            values[i] = valueOf(components[i].getGenericType());
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(classes);
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a sample " + type.getName(), e);
        }
    }
}
