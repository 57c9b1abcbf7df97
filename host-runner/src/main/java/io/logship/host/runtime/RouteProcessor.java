package io.logship.host.runtime;

import io.logship.api.Event;
import io.logship.api.LogshipException;
import io.logship.api.ProcessorModule;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processor in a route, called from input threads one event at a time (under the module's lock), then its
 * block's statements ({@code exec}, null for none) on each event it emits; events they drop go no further.
 */
record RouteProcessor(String name, ProcessorModule module, InstanceExec exec) {
    private static final Logger LOG = LoggerFactory.getLogger("logship.agent");

    RouteProcessor(String name, ProcessorModule module) {
        this(name, module, null);
    }

    List<Event> apply(List<Event> in) {
        List<Event> out = new ArrayList<>(in.size());
        synchronized (module) {
            for (Event e : in) {
                int from = out.size();
                try {
                    module.process(e, out::add);
                } catch (LogshipException | RuntimeException ex) {
                    LOG.error("processor {} failed; the event goes on unchanged{}", name,
                            OutputRunner.summary(e), ex);
                    out.add(e);
                }
                if (exec != null) {
                    for (int k = out.size() - 1; k >= from; k--) {
                        if (!exec.keep(out.get(k))) {
                            out.remove(k);
                        }
                    }
                }
            }
        }
        return out;
    }
}
