package dev.tasklane.activities.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address range such as {@code 127.0.0.0/8} or {@code ::1/128}; a bare address is a range of one. */
record AddressRange(byte[] network, int prefixBits) {

    /** The range {@code text} names, or null when {@code text} is a host name rather than an address. */
    static AddressRange parse(String text) {
        String[] parts = text.split("/", 2);
        if (!looksLikeAddress(parts[0])) {
            return null;
        }
        try {
            byte[] network = bytesOf(parts[0]);
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (bits < 0 || bits > network.length * 8) {
                throw new NumberFormatException("prefix length " + bits);
            }
            return new AddressRange(network, bits);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is neither a host name nor an address range", e);
        }
    }

    /** The range {@code text} names, which must be an address range. */
    static AddressRange of(String text) {
        AddressRange range = parse(text);
        if (range == null) {
            throw new IllegalArgumentException("'" + text + "' is not an address range");
        }
        return range;
    }

    /** The address's bytes; an IPv6 text keeps its 16 bytes even when it is an IPv4-mapped address. */
    private static byte[] bytesOf(String address) throws UnknownHostException {
        byte[] bytes = InetAddress.getByName(address).getAddress();
        if (!address.contains(":") || bytes.length == 16) {
            return bytes;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(bytes, 0, mapped, 12, 4);
        return mapped;
    }

    private static boolean looksLikeAddress(String text) {
        return text.contains(":") || text.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }

    boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    boolean contains(byte[] candidate) {
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
