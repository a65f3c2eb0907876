package dev.tasklane.activities.secrets;

import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals sensitive task values (signing secrets, credentials) so the catalog, the event log and Temporal's
 * history only ever hold ciphertext; activities open them just before use.
 *
 * <p>AES-256-GCM with a synthetic IV (an HMAC of the value): the same value seals to the same text, so a
 * repeated submission under one idempotency key still compares equal, and no IV is ever reused for a
 * different value.
 */
@Singleton
public class SecretBox {

    /** What a sealed value starts with. */
    public static final String PREFIX = "tasklane:sealed:v1:";
    /** What views show instead of a sealed value. */
    public static final String REDACTED = "[redacted]";

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec ivKey;

    public SecretBox(SealingKey key) {
        byte[] master = key.bytes();
        this.encryptionKey = new SecretKeySpec(hmac(master, "tasklane seal encryption"), "AES");
        this.ivKey = new SecretKeySpec(hmac(master, "tasklane seal iv"), "HmacSHA256");
        Arrays.fill(master, (byte) 0);
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** Seals {@code clear}; a value already sealed is returned as it is. */
    public String seal(String clear) {
        if (isSealed(clear)) {
            return clear;
        }
        try {
            byte[] plain = clear.getBytes(StandardCharsets.UTF_8);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(ivKey);
            byte[] iv = Arrays.copyOf(mac.doFinal(plain), IV_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a value", e);
        }
    }

    /** Opens a sealed value; a value that is not sealed is returned as it is. */
    public String open(String value) {
        if (!isSealed(value)) {
            return value;
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(value.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a sealed value cannot be opened with this key: was it sealed with another "
                    + SealingKey.PROPERTY + "?", e);
        }
    }

    /** A copy of a JSON tree (maps, lists, scalars) with every sealed value replaced by {@link #REDACTED}. */
    public static Object redact(Object json) {
        if (json instanceof String text) {
            return isSealed(text) ? REDACTED : text;
        }
        if (json instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, redact(v)));
            return copy;
        }
        if (json instanceof List<?> list) {
            return list.stream().map(SecretBox::redact).toList();
        }
        return json;
    }

    private static byte[] hmac(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
