package com.byomlab.llm;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SSRF policy for base URLs that a USER supplies (openai_compatible, azure_openai). Two halves:
 * <ul>
 * <li>{@link #rejectionReason(String)}: the URL's shape (http/https, no userinfo, no fragment) and hosts
 * that are refused by name or by literal address, checked before any call;</li>
 * <li>{@link #permits(InetAddress)}: applied to every address the HTTP client is about to connect to, after
 * DNS, so a name that resolves (or later re-resolves) to a private address is refused too.</li>
 * </ul>
 * Operator overrides ({@code byom.providers.<id>.base-url}) are trusted and never pass through here.
 * Cloud metadata endpoints are refused even when private endpoints are allowed: no LLM lives there, and
 * instance credentials do.
 */
public final class BaseUrlPolicy {

    private static final Set<String> METADATA_HOSTS = Set.of(
            "metadata.google.internal", "metadata", "instance-data", "instance-data.ec2.internal");
    private static final Pattern NUMERIC_HOST = Pattern.compile("^(0x[0-9a-f]+|[0-9]+)(\\.(0x[0-9a-f]+|[0-9]+)){0,3}$");

    private final boolean allowPrivateEndpoints;

    public BaseUrlPolicy(boolean allowPrivateEndpoints) {
        this.allowPrivateEndpoints = allowPrivateEndpoints;
    }

    public boolean allowsPrivateEndpoints() {
        return allowPrivateEndpoints;
    }

    /** Why this user-supplied base URL is refused, or empty when it may be tried. Does no DNS lookups. */
    public Optional<String> rejectionReason(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return Optional.of("the base URL is empty");
        }
        URI uri;
        try {
            uri = new URI(baseUrl.trim());
        } catch (URISyntaxException e) {
            return Optional.of("the base URL is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("only http and https base URLs are allowed");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            return Optional.of("the base URL must not contain a user name or password");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("the base URL must not contain a #fragment");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("the base URL has no valid host name");
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (METADATA_HOSTS.contains(name)) {
            return Optional.of("the base URL points at a cloud metadata service");
        }
        Optional<InetAddress> literal = literalAddress(name);
        if (literal.isPresent() && !permits(literal.get())) {
            return Optional.of(refusalFor(literal.get()));
        }
        return Optional.empty();
    }

    /** Whether the HTTP client may connect to this (already resolved) address. */
    public boolean permits(InetAddress address) {
        if (AddressRanges.isCloudMetadata(address)) {
            return false;
        }
        return allowPrivateEndpoints || !AddressRanges.isNonPublic(address);
    }

    /** A reason fit for a user, naming the address class but not echoing anything secret. */
    public String refusalFor(InetAddress address) {
        if (AddressRanges.isCloudMetadata(address)) {
            return "the base URL points at a cloud metadata service";
        }
        return "the base URL points at a private, loopback or link-local address, which this server does not allow";
    }

    // IP literals are parsed locally ([v6], and IPv4 in every inet_aton spelling the OS resolver accepts:
    // 127.1, 2130706433, 0x7f000001, 0177.0.0.1); real names are left to the connect-time check, so this
    // method never waits on DNS.
    private static Optional<InetAddress> literalAddress(String host) {
        try {
            if (host.startsWith("[") || host.contains(":")) {
                String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
                return Optional.of(InetAddress.getByName(bare)); // a literal: no lookup
            }
            if (!NUMERIC_HOST.matcher(host).matches()) {
                return Optional.empty();
            }
            byte[] ipv4 = inetAton(host);
            return ipv4 == null ? Optional.empty() : Optional.of(InetAddress.getByAddress(ipv4));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] inetAton(String host) {
        String[] parts = host.split("\\.", -1);
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                return null;
            }
            int radix = part.startsWith("0x") ? 16 : part.length() > 1 && part.startsWith("0") ? 8 : 10;
            String digits = radix == 16 ? part.substring(2) : part;
            try {
                values[i] = digits.isEmpty() ? 0 : Long.parseLong(digits, radix);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        // The last part fills all remaining bytes (a.b.c.d, a.b.c16, a.b24, a32).
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                return null;
            }
            address = (address << 8) | values[i];
        }
        int lastBytes = 5 - parts.length;
        if (values[parts.length - 1] >= (1L << (8 * lastBytes))) {
            return null;
        }
        address = (address << (8 * lastBytes)) | values[parts.length - 1];
        return new byte[] {(byte) (address >> 24), (byte) (address >> 16), (byte) (address >> 8), (byte) address};
    }
}
