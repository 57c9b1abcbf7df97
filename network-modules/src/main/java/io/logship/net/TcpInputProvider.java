package io.logship.net;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.util.List;

/** {@code im_tcp}: accepts TCP connections and posts their lines or syslog messages as events. */
public final class TcpInputProvider implements ModuleProvider {
    @Override
    public String name() {
        return "im_tcp";
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
        return "Accepts TCP connections (one selector thread for all of them) and posts each line or syslog "
                + "message as an event with MessageSourceAddress; a slow route slows the senders down.";
    }

    @Override
    public List<Directive<?>> directives() {
        return TcpInputDirectives.all();
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        TcpInputSettings s = TcpInputDirectives.settings(config, name());
        return new TcpInput(s, new TcpInputEndpoint(s.addresses()));
    }
}
