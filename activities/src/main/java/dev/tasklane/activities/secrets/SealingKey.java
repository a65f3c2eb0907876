package dev.tasklane.activities.secrets;

import java.util.Arrays;
import java.util.Base64;

/** The 256-bit key that seals task secrets; every gateway and worker sharing a store must hold the same one. */
public final class SealingKey {

    /** Where the key is configured: 32 bytes, base64. */
    public static final String PROPERTY = "tasklane.security.encryption-key";
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private SealingKey(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /** Reads a base64 key; the message says what is wrong with a bad one. */
    public static SealingKey decode(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " is not base64: " + e.getMessage());
        }
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException(PROPERTY + " must be " + LENGTH + " bytes (base64 of 32 random bytes),"
                    + " not " + bytes.length);
        }
        return new SealingKey(bytes);
    }

    byte[] bytes() {
        return Arrays.copyOf(bytes, bytes.length);
    }
}
