package dev.tasklane.activities.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A source record mapped onto a target table's row: its natural key, its column values in the order of
 * {@link SyncTarget#columns()}, and their hash, which tells whether the stored row is already as the source has it.
 */
public record MappedRecord(String key, List<Object> values, String contentHash) {

    public MappedRecord(String key, List<Object> values) {
        this(key, values, hashOf(values));
    }

    /** SHA-256 of the values: equal hashes mean equal rows. */
    private static String hashOf(List<Object> values) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Object value : values) {
                digest.update(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0x1f);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
