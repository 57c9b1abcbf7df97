package io.logship.net;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.util.ArrayList;
import java.util.List;

/** {@code im_ssl}: im_tcp over TLS (verified client certificates unless the config says otherwise). */
public final class SslInputProvider implements ModuleProvider {
    @Override
    public String name() {
        return "im_ssl";
    }

    /** A network peer cannot be paused: {@code FlowControl FALSE} drops (counted) rather than waits. */
    @Override
    public boolean mayDropWhenFull() {
        return true;
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.INPUT;
    }

    @Override
    public String description() {
        return "Accepts TLS connections (TLS 1.2+, client certificates required and verified by default) and posts "
                + "each line or syslog message as an event with MessageSourceAddress, as im_tcp does.";
    }

    @Override
    public List<Directive<?>> directives() {
        List<Directive<?>> all = new ArrayList<>(TcpInputDirectives.all());
        all.addAll(TlsDirectives.SERVER);
        return List.copyOf(all);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        List<String> problems = new ArrayList<>();
        TcpInputSettings s = null;
        TlsSettings tls = null;
        try {
            s = TcpInputDirectives.settings(config, name());
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        try {
            tls = TlsSettings.server(config);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new TcpInput(s, new SslInputEndpoint(s.addresses(), tls));
    }
}
