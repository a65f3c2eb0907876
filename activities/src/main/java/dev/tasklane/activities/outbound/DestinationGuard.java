package dev.tasklane.activities.outbound;

import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps outbound calls (webhooks, callbacks, sync sources, document downloads) away from internal networks: refuses
 * destinations on addresses that are not globally reachable (the IANA special-purpose ranges, including those an
 * IPv6 address carries as IPv4) unless {@code tasklane.webhook.allowed-hosts} lists them, and refuses IPv4 literals
 * that programs read differently ({@code 0177.0.0.1}, {@code 0x7f.1}, {@code 127.1}, {@code 2130706433}) instead of
 * resolving them. Checked at submission and again after DNS resolution before every call. With
 * {@code tasklane.webhook.only-allowed-hosts} the allowed hosts are the only destinations.
 */
@Singleton
public class DestinationGuard {

    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");
    private static final Pattern DECIMAL_OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern PORT = Pattern.compile(":([0-9]*)$");

    private final List<String> allowedNames = new ArrayList<>();
    private final List<AddressRange> allowedRanges = new ArrayList<>();
    private final boolean onlyAllowedHosts;

    public DestinationGuard(WebhookProperties properties) {
        onlyAllowedHosts = properties.onlyAllowedHosts();
        for (String entry : properties.allowedHostsOrNone()) {
            String trimmed = entry.trim().toLowerCase(Locale.ROOT);
            if (trimmed.isEmpty()) {
                continue;
            }
            AddressRange range;
            try {
                range = AddressRange.parse(trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tasklane.webhook.allowed-hosts: " + e.getMessage(), e);
            }
            if (range != null) {
                allowedRanges.add(range);
            } else {
                allowedNames.add(trimmed);
            }
        }
    }

    /**
     * Checks the URL's form: absolute http(s) with a host that is a name or an unambiguous address, a port in
     * 1-65535 and no credentials.
     */
    public static void checkForm(URI uri) throws ForbiddenDestinationException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ForbiddenDestinationException("URL must start with http:// or https://");
        }
        if (uri.getRawAuthority() == null || uri.getRawAuthority().isBlank()) {
            throw new ForbiddenDestinationException("URL must name a host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority().contains("@")) {
            throw new ForbiddenDestinationException("URL must not carry credentials; send them as a header");
        }
        String authority = uri.getRawAuthority();
        Matcher port = PORT.matcher(authority);
        String host = authority;
        if (!authority.endsWith("]") && port.find()) {
            host = authority.substring(0, port.start());
            if (!port.group(1).matches("[1-9][0-9]{0,4}") || Integer.parseInt(port.group(1)) > 65_535) {
                throw new ForbiddenDestinationException("URL port must be between 1 and 65535");
            }
        }
        checkIpv4Literal(host);
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new ForbiddenDestinationException("URL must name a host");
        }
    }

    /**
     * Refuses a host that reads as an IPv4 address (its last label is a number) unless it is written as four
     * decimal numbers 0-255 without leading zeros: other forms mean different addresses to different programs.
     */
    private static void checkIpv4Literal(String host) throws ForbiddenDestinationException {
        String[] labels = host.split("\\.", -1);
        String last = labels[labels.length - 1].isEmpty() && labels.length > 1 ? labels[labels.length - 2]
                : labels[labels.length - 1];
        if (!NUMERIC_LABEL.matcher(last).matches()) {
            return;
        }
        boolean plain = labels.length == 4;
        for (String label : labels) {
            plain &= DECIMAL_OCTET.matcher(label).matches() && Integer.parseInt(label) <= 255;
        }
        if (!plain) {
            throw new ForbiddenDestinationException("host '" + host + "' is an ambiguous IPv4 address (leading zeros,"
                    + " hex, fewer or more than four parts, or a trailing dot); write it as four decimal numbers"
                    + " 0-255 without leading zeros, like 203.0.113.7, or use a host name");
        }
    }

    /** Resolves the URL's host and returns its addresses if every one of them may be called. */
    public List<InetAddress> resolveAllowed(URI uri) throws ForbiddenDestinationException, UnknownHostException {
        checkForm(uri);
        String host = hostOf(uri);
        if (onlyAllowedHosts && !allowedNames.contains(host) && !isAllowedLiteral(host)) {
            throw new ForbiddenDestinationException("destination " + host + " is not one of the hosts this Tasklane"
                    + " calls: with tasklane.webhook.only-allowed-hosts, tasklane.webhook.allowed-hosts lists them all");
        }
        InetAddress[] addresses = InetAddress.getAllByName(host);
        if (allowedNames.contains(host)) {
            return Arrays.asList(addresses);
        }
        for (InetAddress address : addresses) {
            if (isInternal(address) && allowedRanges.stream().noneMatch(r -> r.contains(address))) {
                throw new ForbiddenDestinationException("destination " + host + " resolves to "
                        + address.getHostAddress() + ", an address that is not globally reachable (internal, reserved"
                        + " or documentation); allow it in tasklane.webhook.allowed-hosts"
                        + " (TASKLANE_WEBHOOK_ALLOWED_HOSTS) to call it");
            }
        }
        return Arrays.asList(addresses);
    }

    /** Whether {@code host} is an IP address (which takes no lookup) inside an allowed range. */
    private boolean isAllowedLiteral(String host) throws UnknownHostException {
        if (!host.contains(":") && !host.matches("[0-9.]+")) {
            return false;
        }
        InetAddress address = InetAddress.getByName(host);
        return allowedRanges.stream().anyMatch(r -> r.contains(address));
    }

    /** Whether {@code address}, or the IPv4 address it carries, is in a range that is not globally reachable. */
    public static boolean isInternal(InetAddress address) {
        return SpecialPurposeAddresses.isNotGloballyReachable(address);
    }

    private static String hostOf(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
