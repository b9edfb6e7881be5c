package com.byomlab.llm.internal.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

import com.byomlab.llm.BaseUrlPolicy;

/**
 * Resolves names for connections to user-supplied endpoints and refuses the answer when any address is
 * outside the {@link BaseUrlPolicy}. The connection manager connects only to addresses returned here, so
 * the check holds for the address actually connected to, whatever DNS answered earlier (no rebinding gap).
 * IP literals pass through here too: the connection operator hands every host name to the resolver.
 */
final class PolicyDnsResolver implements DnsResolver {

    private final BaseUrlPolicy policy;

    PolicyDnsResolver(BaseUrlPolicy policy) {
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        // Refuse if any answer is forbidden: a mixed answer is a rebinding tell, not a reason to pick one.
        for (InetAddress address : addresses) {
            if (!policy.permits(address)) {
                throw new RefusedAddressException(policy.refusalFor(address));
            }
        }
        return addresses;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host)).map(a -> new InetSocketAddress(a, port)).toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
