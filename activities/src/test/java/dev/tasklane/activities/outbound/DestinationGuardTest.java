package dev.tasklane.activities.outbound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet6Address;
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
    @ValueSource(strings = {"192.0.0.8", "192.0.0.170", "192.0.2.1", "192.88.99.1", "198.19.255.255",
            "198.51.100.7", "203.0.113.7", "240.0.0.1", "239.255.255.250"})
    void everyIpv4RangeThatIsNotGloballyReachableIsRefused(String literal) throws Exception {
        assertTrue(DestinationGuard.isInternal(InetAddress.getByName(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b:1::808:808", "100::1", "100:0:0:1::1", "2001:2::1", "2001:10::1",
            "2001:db8::1", "2001:db8:ffff::1", "3fff::1", "3fff:fff::1", "5f00::1", "fec0::1", "ff02::1",
            "ff05::1:3"})
    void everyIpv6RangeThatIsNotGloballyReachableIsRefused(String literal) throws Exception {
        assertTrue(DestinationGuard.isInternal(InetAddress.getByName(literal)), literal);
    }

    @Test
    void teredoIsRefusedWhateverClientItNames() throws Exception {
        // 2001:0:server:flags:port:client, the client 8.8.8.8 stored XOR-ed as f7f7:f7f7
        assertTrue(DestinationGuard.isInternal(InetAddress.getByName("2001:0:4136:e378:8000:63bf:f7f7:f7f7")));
        // the client 169.254.169.254 stored XOR-ed as 5601:5601
        assertTrue(DestinationGuard.isInternal(InetAddress.getByName("2001:0:4136:e378:8000:63bf:5601:5601")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2002:a9fe:a9fe::", "2002:a9fe:a9fe:1::1", "2002:7f00:1::", "2002:c0a8:101::1",
            "2002:a00:1::"})
    void sixToFourAddressesCarryingAnInternalIpv4AreRefused(String literal) throws Exception {
        assertTrue(DestinationGuard.isInternal(InetAddress.getByName(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::c000:201", "::127.0.0.1",
            "::169.254.169.254"})
    void nat64AndCompatibleAddressesCarryingAnInternalIpv4AreRefused(String literal) throws Exception {
        assertTrue(DestinationGuard.isInternal(InetAddress.getByName(literal)), literal);
    }

    @Test
    void ipv4MappedAddressesAreJudgedByTheirIpv4EvenWhenKeptAsIpv6() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 169, (byte) 254, (byte) 169,
                (byte) 254};

        assertTrue(DestinationGuard.isInternal(Inet6Address.getByAddress(null, mapped, -1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.0.1.1", "192.31.196.1",
            "198.20.0.1", "203.0.114.1", "2001:4860:4860::8888", "2001:200::1", "2606:4700::1111",
            "64:ff9b::808:808", "2002:808:808::1", "::8.8.8.8"})
    void publicAddressesAreNotInternal(String literal) throws Exception {
        assertFalse(DestinationGuard.isInternal(InetAddress.getByName(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://0177.0.0.1/", "http://127.0.0.01/", "http://0x7f.1/", "http://0x7f000001/",
            "http://127.1/", "http://127.0.1/", "http://2130706433/", "http://1.2.3.4.5/", "http://127.0.0.1./",
            "http://256.1.1.1/", "http://example.0x10/"})
    void ambiguousIpv4LiteralsAreRefusedWithoutBeingResolved(String url) {
        ForbiddenDestinationException refused = assertThrows(ForbiddenDestinationException.class,
                () -> DestinationGuard.checkForm(URI.create(url)));

        assertTrue(refused.getMessage().contains("ambiguous IPv4 address"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.partner.test:0/", "http://hooks.partner.test:99999/",
            "http://203.0.113.7:65536/", "http://hooks.partner.test:99999999999/", "http://hooks.partner.test:/"})
    void portsOutsideOneTo65535AreRefused(String url) {
        ForbiddenDestinationException refused = assertThrows(ForbiddenDestinationException.class,
                () -> DestinationGuard.checkForm(URI.create(url)));

        assertTrue(refused.getMessage().contains("port must be between 1 and 65535"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://203.0.113.7/", "http://0.0.0.0:1/", "https://1x.partner.test:65535/",
            "http://[::1]:8080/", "http://10.0.0.255/", "http://a1.b2.test/"})
    void plainAddressesNamesAndPortsHaveAValidForm(String url) {
        assertDoesNotThrow(() -> DestinationGuard.checkForm(URI.create(url)));
    }

    @Test
    void anAllowedRangeLetsTestsReachLoopbackWhileDocumentationRangesStayRefused() {
        DestinationGuard guard = new DestinationGuard(new WebhookProperties(List.of("127.0.0.1"), Duration.ofSeconds(1), false));

        assertDoesNotThrow(() -> guard.resolveAllowed(URI.create("http://127.0.0.1:9/hook")));
        assertThrows(ForbiddenDestinationException.class, () -> guard.resolveAllowed(URI.create("http://192.0.2.1/")));
        assertThrows(ForbiddenDestinationException.class, () -> guard.resolveAllowed(URI.create("http://[2001:db8::1]/")));
        assertThrows(ForbiddenDestinationException.class,
                () -> guard.resolveAllowed(URI.create("http://[2002:a9fe:a9fe::]/")));
        assertThrows(ForbiddenDestinationException.class, () -> guard.resolveAllowed(URI.create("http://0177.0.0.1/")));
    }

    @Test
    void anInternalAddressIsRefusedUnlessItsRangeIsAllowed() {
        DestinationGuard guard = new DestinationGuard(new WebhookProperties(List.of("127.0.0.0/30"), Duration.ofSeconds(1), false));

        assertDoesNotThrow(() -> guard.resolveAllowed(URI.create("http://127.0.0.1:9/hook")));
        assertDoesNotThrow(() -> guard.resolveAllowed(URI.create("http://127.0.0.3:9/hook")));
        assertThrows(ForbiddenDestinationException.class, () -> guard.resolveAllowed(URI.create("http://127.0.0.4:9/")));
        assertThrows(ForbiddenDestinationException.class, () -> guard.resolveAllowed(URI.create("http://[::1]:9/")));
        assertThrows(ForbiddenDestinationException.class, () -> guard.resolveAllowed(URI.create("http://169.254.169.254/")));
    }

    @Test
    void anAllowedHostNameIsTrustedWhateverItResolvesTo() {
        DestinationGuard guard = new DestinationGuard(new WebhookProperties(List.of("LocalHost"), Duration.ofSeconds(1), false));

        assertDoesNotThrow(() -> guard.resolveAllowed(URI.create("http://localhost:9/hook")));
    }

    @Test
    void withOnlyAllowedHostsEveryOtherDestinationIsRefusedBeforeItsNameIsLookedUp() {
        DestinationGuard guard = new DestinationGuard(new WebhookProperties(List.of("127.0.0.0/8", "localhost"),
                Duration.ofSeconds(1), true));

        assertDoesNotThrow(() -> guard.resolveAllowed(URI.create("http://127.0.0.1:9/hook")));
        assertDoesNotThrow(() -> guard.resolveAllowed(URI.create("http://localhost:9/hook")));
        ForbiddenDestinationException refused = assertThrows(ForbiddenDestinationException.class,
                () -> guard.resolveAllowed(URI.create("https://no-such-host.invalid/hook")));
        assertTrue(refused.getMessage().contains("only-allowed-hosts"), refused.getMessage());
        assertThrows(ForbiddenDestinationException.class, () -> guard.resolveAllowed(URI.create("http://203.0.113.7/")));
        assertThrows(ForbiddenDestinationException.class, () -> guard.resolveAllowed(URI.create("http://[::1]:9/")));
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
