package dev.tasklane.activities.webhook;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Classifies addresses directly: no test here opens a connection to any of them. */
class DestinationGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.10",
            "169.254.169.254", "100.64.0.1", "100.100.100.200", "0.0.0.0", "224.0.0.1", "255.255.255.255",
            "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254", "::ffff:10.0.0.1", "::ffff:127.0.0.1",
            "64:ff9b::a00:1", "198.18.0.1"})
    void internalAddressesAreRecognised(String literal) throws Exception {
        assertTrue(DestinationGuard.isInternal(InetAddress.getByName(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888",
            "64:ff9b::808:808"})
    void publicAddressesAreNotInternal(String literal) throws Exception {
        assertFalse(DestinationGuard.isInternal(InetAddress.getByName(literal)), literal);
    }

    @Test
    void anInternalAddressIsRefusedUnlessItsRangeIsAllowed() {
        DestinationGuard guard = new DestinationGuard(new WebhookProperties(List.of("127.0.0.0/30"), Duration.ofSeconds(1)));

        assertDoesNotThrow(() -> guard.resolveAllowed(URI.create("http://127.0.0.1:9/hook")));
        assertDoesNotThrow(() -> guard.resolveAllowed(URI.create("http://127.0.0.3:9/hook")));
        assertThrows(ForbiddenDestinationException.class, () -> guard.resolveAllowed(URI.create("http://127.0.0.4:9/")));
        assertThrows(ForbiddenDestinationException.class, () -> guard.resolveAllowed(URI.create("http://[::1]:9/")));
        assertThrows(ForbiddenDestinationException.class, () -> guard.resolveAllowed(URI.create("http://169.254.169.254/")));
    }

    @Test
    void anAllowedHostNameIsTrustedWhateverItResolvesTo() {
        DestinationGuard guard = new DestinationGuard(new WebhookProperties(List.of("LocalHost"), Duration.ofSeconds(1)));

        assertDoesNotThrow(() -> guard.resolveAllowed(URI.create("http://localhost:9/hook")));
    }

    @Test
    void onlyHttpUrlsWithAHostAndNoCredentialsAreAccepted() {
        assertThrows(ForbiddenDestinationException.class, () -> DestinationGuard.checkForm(URI.create("ftp://host/x")));
        assertThrows(ForbiddenDestinationException.class, () -> DestinationGuard.checkForm(URI.create("file:///etc/passwd")));
        assertThrows(ForbiddenDestinationException.class, () -> DestinationGuard.checkForm(URI.create("http:///path")));
        assertThrows(ForbiddenDestinationException.class, () -> DestinationGuard.checkForm(URI.create("http://u:p@host/")));
        assertDoesNotThrow(() -> DestinationGuard.checkForm(URI.create("https://hooks.partner.test/path")));
    }
}
