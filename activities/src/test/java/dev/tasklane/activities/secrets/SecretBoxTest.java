package dev.tasklane.activities.secrets;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretBoxTest {

    private static SealingKey key(int fill) {
        byte[] bytes = new byte[SealingKey.LENGTH];
        java.util.Arrays.fill(bytes, (byte) fill);
        return SealingKey.decode(Base64.getEncoder().encodeToString(bytes));
    }

    private final SecretBox box = new SecretBox(key(7));

    @Test
    void aSealedValueOpensToTheOriginalAndDoesNotContainIt() {
        String sealed = box.seal("whsec_correct horse battery");

        assertTrue(SecretBox.isSealed(sealed));
        assertFalse(sealed.contains("horse"));
        assertEquals("whsec_correct horse battery", box.open(sealed));
    }

    @Test
    void theSameValueSealsTheSameWayAndDifferentValuesDiffer() {
        assertEquals(box.seal("one"), box.seal("one"));
        assertNotEquals(box.seal("one"), box.seal("two"));
        assertEquals(box.seal("one"), box.seal(box.seal("one")));
    }

    @Test
    void anotherKeyCannotOpenIt() {
        String sealed = box.seal("secret");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SecretBox(key(8)).open(sealed));
        assertTrue(e.getMessage().contains(SealingKey.PROPERTY), e.getMessage());
    }

    @Test
    void aTamperedValueIsRefused() {
        String sealed = box.seal("secret");
        char last = sealed.charAt(sealed.length() - 1);
        String tampered = sealed.substring(0, sealed.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThrows(IllegalStateException.class, () -> box.open(tampered));
    }

    @Test
    void plainValuesPassThroughOpen() {
        assertEquals("plain", box.open("plain"));
    }

    @Test
    void redactionReplacesEverySealedValueInATree() {
        Object tree = Map.of("secret", box.seal("s"), "headers", Map.of("Authorization", box.seal("Bearer t"),
                "X-Plain", "p"), "list", List.of(box.seal("x"), 3));

        assertEquals(Map.of("secret", SecretBox.REDACTED, "headers", Map.of("Authorization", SecretBox.REDACTED,
                "X-Plain", "p"), "list", List.of(SecretBox.REDACTED, 3)), SecretBox.redact(tree));
    }

    @Test
    void aKeyOfTheWrongLengthSaysWhatItNeeds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SealingKey.decode(Base64.getEncoder().encodeToString(new byte[16])));
        assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SealingKey.decode("not base64!"));
    }
}
