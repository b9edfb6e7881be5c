package com.byomlab.llm;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Which IP addresses are not "the public internet", including IPv4 hidden inside IPv6 forms. */
final class AddressRanges {

    private AddressRanges() {
    }

    /** Cloud instance metadata services: credentials live there, so these are never a valid LLM endpoint. */
    static boolean isCloudMetadata(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return (b[0] & 0xff) == 169 && (b[1] & 0xff) == 254 && (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254;
        }
        Inet4Address embedded = embeddedIpv4(b);
        if (embedded != null) {
            return isCloudMetadata(embedded);
        }
        // fd00:ec2::254, the AWS IMDS IPv6 endpoint
        return (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2
                && allZero(b, 4, 14) && b[14] == 0x02 && (b[15] & 0xff) == 0x54;
    }

    /** Loopback, private, link-local, CGNAT, "this network", multicast, reserved and similar. */
    static boolean isNonPublic(InetAddress address) {
        if (address instanceof Inet4Address) {
            return isNonPublicIpv4(address.getAddress());
        }
        byte[] b = address.getAddress();
        Inet4Address embedded = embeddedIpv4(b);
        if (embedded != null) {
            return isNonPublicIpv4(embedded.getAddress());
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return address.isAnyLocalAddress()              // ::
                || address.isLoopbackAddress()          // ::1
                || (first & 0xfe) == 0xfc               // fc00::/7 unique local
                || (first == 0xfe && (second & 0xc0) == 0x80) // fe80::/10 link-local
                || (first == 0xfe && (second & 0xc0) == 0xc0) // fec0::/10 site-local (deprecated)
                || first == 0xff;                       // ff00::/8 multicast
    }

    private static boolean isNonPublicIpv4(byte[] b) {
        int a = b[0] & 0xff;
        int c = b[1] & 0xff;
        return a == 0                                   // 0.0.0.0/8 "this network"
                || a == 10                              // 10/8
                || a == 127                             // loopback
                || (a == 100 && (c & 0xc0) == 64)       // 100.64/10 CGNAT
                || (a == 169 && c == 254)               // link-local, incl. metadata
                || (a == 172 && (c & 0xf0) == 16)       // 172.16/12
                || (a == 192 && c == 168)               // 192.168/16
                || (a == 192 && c == 0 && (b[2] & 0xff) == 0) // 192.0.0/24 IETF protocol assignments
                || (a == 198 && (c & 0xfe) == 18)       // 198.18/15 benchmarking
                || a >= 224;                            // multicast, reserved, broadcast
    }

    /**
     * The IPv4 address carried by IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64
     * (64:ff9b::/96) and 6to4 (2002:AABB:CCDD::) forms, else null. Java already turns most mapped
     * literals into Inet4Address; this catches the rest and addresses from DNS AAAA records.
     */
    static Inet4Address embeddedIpv4(byte[] b) {
        if (b.length != 16) {
            return null;
        }
        boolean mapped = allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = allZero(b, 0, 12) && !allZero(b, 12, 16)
                && !(allZero(b, 12, 15) && b[15] == 1); // not ::1
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12);
        if (mapped || compatible || nat64) {
            return ipv4(b[12], b[13], b[14], b[15]);
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return ipv4(b[2], b[3], b[4], b[5]);
        }
        return null;
    }

    private static Inet4Address ipv4(byte a, byte b, byte c, byte d) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen for 4 bytes
        }
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(InetAddress address) {
        return address instanceof Inet6Address;
    }
}
