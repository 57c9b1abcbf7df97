package io.logship.lang.core;

import static io.logship.lang.ExecFunction.function;

import io.logship.lang.ExecEnvironment;
import io.logship.lang.ExecError;
import io.logship.lang.ExecFunction;
import io.logship.lang.Types;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code hostname()}, {@code hostname_fqdn()}, {@code host_ip([n])}. The host's names come from the
 * environment's host name; the FQDN and the addresses are looked up once per instance (first call) and kept.
 */
final class HostFunctions {
    private HostFunctions() {
    }

    static List<ExecFunction> functions() {
        return List.of(
                function("hostname", 0, 0, Types.STRING, "the host name (short form)",
                        (ctx, a) -> shortName(ctx.env().hostname())),
                function("hostname_fqdn", 0, 0, Types.STRING,
                        "the fully qualified host name, or the short form when it cannot be determined",
                        (ctx, a) -> ctx.env().state("core.hostname_fqdn", k -> fqdn(ctx.env()))),
                function("host_ip", 0, 1, Types.IPADDR,
                        "host_ip([n]): the host's first (or n-th, from 1) non-loopback IP address, undef when none",
                        (ctx, a) -> hostIp(ctx.env(), a)).withArgTypes(Types.INTEGER));
    }

    static String shortName(String hostname) {
        if (hostname == null) {
            return null;
        }
        int dot = hostname.indexOf('.');
        return dot > 0 && !Character.isDigit(hostname.charAt(0)) ? hostname.substring(0, dot) : hostname;
    }

    static String fqdn(ExecEnvironment env) {
        String name = env.hostname();
        if (name == null || name.indexOf('.') > 0) {
            return name;
        }
        try {
            String canonical = InetAddress.getByName(name).getCanonicalHostName();
            if (canonical.startsWith(name + ".")) {
                return canonical;
            }
        } catch (java.io.IOException | SecurityException e) {
            env.logger().debug("{}: hostname_fqdn(): cannot resolve {}: {}", env.instanceName(), name, e.toString());
        }
        return name;
    }

    static InetAddress hostIp(ExecEnvironment env, Object[] a) {
        long n = 1;
        if (a.length > 0) {
            Long given = Args.integer("host_ip", a, 0);
            if (given == null) {
                return null;
            }
            if (given < 1) {
                throw new ExecError("host_ip(): the index must be 1 or more, got " + given);
            }
            n = given;
        }
        List<InetAddress> all = env.state("core.host_ip", k -> addresses(env));
        return n <= all.size() ? all.get((int) n - 1) : null;
    }

    /** The addresses of the interfaces that are up, IPv4 first, loopback and link-local left out. */
    static List<InetAddress> addresses(ExecEnvironment env) {
        List<InetAddress> v4 = new ArrayList<>();
        List<InetAddress> v6 = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InetAddress ip : Collections.list(ni.getInetAddresses())) {
                    if (ip.isLoopbackAddress() || ip.isLinkLocalAddress()) {
                        continue;
                    }
                    (ip.getAddress().length == 4 ? v4 : v6).add(strip(ip));
                }
            }
        } catch (SocketException e) {
            env.logger().warn("{}: host_ip(): cannot list network interfaces: {}", env.instanceName(), e.toString());
        }
        v4.addAll(v6);
        return List.copyOf(v4);
    }

    /** The address without its host name or IPv6 scope, as the language's ipaddr values are. */
    private static InetAddress strip(InetAddress ip) {
        try {
            return InetAddress.getByAddress(ip.getAddress());
        } catch (java.net.UnknownHostException e) {
            return ip;
        }
    }
}
