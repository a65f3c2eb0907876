package dev.tasklane.activities.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The IANA IPv4 and IPv6 Special-Purpose Address Registries' ranges that are not globally reachable, plus
 * multicast: no outbound call goes there. Addresses that carry an IPv4 address (IPv4-mapped and -compatible,
 * NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are judged by the IPv4 address they carry.
 */
final class SpecialPurposeAddresses {

    private static final List<AddressRange> NOT_GLOBAL = ranges(
            // IPv4
            "0.0.0.0/8",          // "this network"
            "10.0.0.0/8",         // private
            "100.64.0.0/10",      // shared address space (carrier-grade NAT, some metadata services)
            "127.0.0.0/8",        // loopback
            "169.254.0.0/16",     // link-local, cloud metadata
            "172.16.0.0/12",      // private
            "192.0.0.0/24",       // IETF protocol assignments
            "192.0.2.0/24",       // documentation (TEST-NET-1)
            "192.88.99.0/24",     // deprecated 6to4 relay anycast
            "192.168.0.0/16",     // private
            "198.18.0.0/15",      // benchmarking
            "198.51.100.0/24",    // documentation (TEST-NET-2)
            "203.0.113.0/24",     // documentation (TEST-NET-3)
            "224.0.0.0/4",        // multicast
            "240.0.0.0/4",        // reserved, including the limited broadcast 255.255.255.255
            // IPv6
            "::/128",             // unspecified
            "::1/128",            // loopback
            "64:ff9b:1::/48",     // local-use IPv4/IPv6 translation
            "100::/64",           // discard-only
            "100:0:0:1::/64",     // dummy prefix
            "2001::/23",          // IETF protocol assignments, including Teredo 2001::/32 and benchmarking
            "2001:db8::/32",      // documentation
            "3fff::/20",          // documentation
            "5f00::/16",          // segment routing (SRv6) SIDs
            "fc00::/7",           // unique local (including fd00:ec2::254)
            "fe80::/10",          // link-local
            "fec0::/10",          // deprecated site-local
            "ff00::/8");          // multicast

    /** IPv6 ranges whose addresses carry an IPv4 address in bytes 12-15. */
    private static final List<AddressRange> CARRYING_IPV4_AT_END = ranges(
            "::ffff:0:0/96",      // IPv4-mapped
            "::/96",              // deprecated IPv4-compatible
            "64:ff9b::/96");      // NAT64 well-known prefix

    /** 6to4: the IPv4 address of the site is in bytes 2-5. */
    private static final AddressRange SIX_TO_FOUR = AddressRange.of("2002::/16");

    private SpecialPurposeAddresses() {
    }

    /** Whether {@code address}, or the IPv4 address it carries, is not globally reachable. */
    static boolean isNotGloballyReachable(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (NOT_GLOBAL.stream().anyMatch(range -> range.contains(bytes))) {
            return true;
        }
        if (CARRYING_IPV4_AT_END.stream().anyMatch(range -> range.contains(bytes))) {
            return isNotGloballyReachable(ipv4(Arrays.copyOfRange(bytes, 12, 16)));
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return isNotGloballyReachable(ipv4(Arrays.copyOfRange(bytes, 2, 6)));
        }
        return false;
    }

    private static InetAddress ipv4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<AddressRange> ranges(String... ranges) {
        return Arrays.stream(ranges).map(AddressRange::of).toList();
    }
}
