package io.logship.net;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.util.ArrayList;
import java.util.List;

/** {@code om_ssl}: om_tcp over TLS, verifying the receiver's certificate and host name unless told otherwise. */
public final class TlsOutputProvider implements ModuleProvider {
    private static final List<Directive<?>> DIRECTIVES;

    static {
        List<Directive<?>> all = new ArrayList<>(TcpOutputProvider.TCP);
        all.addAll(TlsDirectives.CLIENT);
        DIRECTIVES = List.copyOf(all);
    }

    @Override
    public String name() {
        return "om_ssl";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.OUTPUT;
    }

    @Override
    public String description() {
        return "Sends events over TLS 1.2/1.3 (om_tcp with TLS): the receiver's certificate chain and host name are "
                + "verified by default; disk spool, reconnection, failover and resend as om_tcp.";
    }

    @Override
    public List<Directive<?>> directives() {
        return DIRECTIVES;
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        List<String> problems = new ArrayList<>();
        TlsSettings tls = null;
        try {
            tls = TlsSettings.client(config);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        try {
            Module out = TcpOutputProvider.create(config, tls);
            if (problems.isEmpty()) {
                return out;
            }
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        throw new ConfigException(problems);
    }
}
