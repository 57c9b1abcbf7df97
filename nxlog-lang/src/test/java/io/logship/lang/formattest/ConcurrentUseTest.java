package io.logship.lang.formattest;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Event;
import io.logship.lang.ExecFunction;
import io.logship.lang.ExecLibrary;
import io.logship.lang.json.XmJsonProvider;
import io.logship.lang.xml.XmXmlProvider;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One extension instance is called from every module's thread at once: results must not mix. */
class ConcurrentUseTest {
    @Test
    void parseJsonAndParseXml_fromFourThreads_giveEachEventItsOwnFields() throws Exception {
        ExecLibrary json = (ExecLibrary) Configs.create(new XmJsonProvider());
        ExecLibrary xml = (ExecLibrary) Configs.create(new XmXmlProvider());
        ExecFunction parseJson = Configs.function(json, "parse_json", true);
        ExecFunction toJson = Configs.function(json, "to_json", false);
        ExecFunction parseXml = Configs.function(xml, "parse_xml", true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    var ctx = Configs.context(ZoneOffset.UTC);
                    int ok = 0;
                    for (int i = 0; i < 2000; i++) {
                        String id = thread + "-" + i;
                        Event e = Event.ofRaw("{\"id\":\"" + id + "\",\"n\":" + i + "}");
                        parseJson.impl().call(ctx.reset(e), new Object[0]);
                        Event x = Event.ofRaw("<Event><id>" + id + "</id></Event>");
                        parseXml.impl().call(ctx.reset(x), new Object[0]);
                        String out = (String) toJson.impl().call(ctx.reset(e), new Object[0]);
                        if (id.equals(e.get("id")) && Long.valueOf(i).equals(e.get("n")) && id.equals(x.get("id"))
                                && out.equals("{\"id\":\"" + id + "\",\"n\":" + i + "}")) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(2000);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
