package dev.tasklane.activities.webhook;

import jakarta.inject.Singleton;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Keeps webhooks away from internal networks: refuses destinations on loopback, private, link-local,
 * shared, reserved and cloud-metadata addresses unless {@code tasklane.webhook.allowed-hosts} lists them.
 * Checked at submission and again after DNS resolution before every attempt.
 */
@Singleton
public class DestinationGuard {

    private final List<String> allowedNames = new ArrayList<>();
    private final List<Cidr> allowedRanges = new ArrayList<>();

    public DestinationGuard(WebhookProperties properties) {
        for (String entry : properties.allowedHostsOrNone()) {
            String trimmed = entry.trim().toLowerCase(Locale.ROOT);
            if (trimmed.isEmpty()) {
                continue;
            }
            Cidr range = Cidr.parse(trimmed);
            if (range != null) {
                allowedRanges.add(range);
            } else {
                allowedNames.add(trimmed);
            }
        }
    }

    /** Checks the URL's form: absolute http(s) with a host. */
    public static void checkForm(URI uri) throws ForbiddenDestinationException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ForbiddenDestinationException("URL must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new ForbiddenDestinationException("URL must name a host");
        }
        if (uri.getUserInfo() != null) {
            throw new ForbiddenDestinationException("URL must not carry credentials; send them as a header");
        }
    }

    /** Resolves the URL's host and returns its addresses if every one of them may be called. */
    public List<InetAddress> resolveAllowed(URI uri) throws ForbiddenDestinationException, UnknownHostException {
        checkForm(uri);
        String host = hostOf(uri);
        InetAddress[] addresses = InetAddress.getAllByName(host);
        if (allowedNames.contains(host)) {
            return Arrays.asList(addresses);
        }
        for (InetAddress address : addresses) {
            if (isInternal(address) && allowedRanges.stream().noneMatch(r -> r.contains(address))) {
                throw new ForbiddenDestinationException("destination " + host + " resolves to "
                        + address.getHostAddress() + ", an internal address; allow it in tasklane.webhook.allowed-hosts"
                        + " (TASKLANE_WEBHOOK_ALLOWED_HOSTS) to deliver there");
            }
        }
        return Arrays.asList(addresses);
    }

    /** Whether {@code address} is loopback, private, link-local, shared, multicast, reserved or metadata. */
    public static boolean isInternal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0                                   // "this network"
                    || (first == 100 && second >= 64 && second <= 127)   // shared/CGNAT, some metadata services
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19))   // benchmarking
                    || first >= 240;                            // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {                       // unique local fc00::/7 (incl. fd00:ec2::254)
                return true;
            }
            if (isEmbeddingIpv4(b)) {                           // ::a.b.c.d, ::ffff:a.b.c.d, 64:ff9b::a.b.c.d
                try {
                    return isInternal(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isEmbeddingIpv4(byte[] b) {
        boolean compatible = true;
        for (int i = 0; i < 12; i++) {
            compatible &= b[i] == 0 || (i >= 10 && b[i] == (byte) 0xff);
        }
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
        return compatible || nat64;
    }

    private static String hostOf(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** An address range such as {@code 127.0.0.0/8} or {@code ::1/128}; a bare address is a range of one. */
    private record Cidr(byte[] network, int prefixBits) {

        static Cidr parse(String text) {
            String[] parts = text.split("/", 2);
            if (!looksLikeAddress(parts[0])) {
                return null;
            }
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
                return new Cidr(network, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("tasklane.webhook.allowed-hosts: '" + text
                        + "' is neither a host name nor an address range", e);
            }
        }

        private static boolean looksLikeAddress(String text) {
            return text.contains(":") || text.chars().allMatch(c -> Character.isDigit(c) || c == '.');
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int fullBytes = prefixBits / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int remainder = prefixBits % 8;
            if (remainder == 0) {
                return true;
            }
            int mask = (0xff << (8 - remainder)) & 0xff;
            return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }
}
