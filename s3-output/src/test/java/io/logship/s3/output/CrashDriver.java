package io.logship.s3.output;

import io.logship.api.Event;
import io.logship.host.config.ModuleConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Child process of {@link S3OutputCrashIT}, killed by it. Args: spoolDir endpoint accessKey secret [count].
 * Without count: writes numbered events into om_s3 forever, flushing every 100 and printing "FLUSHED n"
 * after each flush. With count: writes that many (objects of 250 events), flushes, waits until every object
 * is compressed in the spool (none uploaded when the endpoint is unreachable), prints "COMPRESSED" and waits.
 */
public final class CrashDriver {
    private CrashDriver() {
    }

    public static void main(String[] args) throws Exception {
        Path spool = Path.of(args[0]);
        OmS3Provider p = new OmS3Provider();
        S3Output out = (S3Output) p.create(ModuleConfigs.of(p, "crash", spool, spool, spool, "Bucket", "logs",
                "Endpoint", args[1], "PathStyle", "TRUE", "AccessKeyId", args[2], "SecretAccessKey", args[3],
                "Server", "srv", "SpoolDir", spool.resolve("om").toString(), "MaxEventsPerObject", "250",
                "FlushInterval", "200ms", "Compression", "gzip", "MaxRetries", "0", "RequestTimeout", "2s"));
        out.start(new TestContext("crash", spool));
        long count = args.length > 4 ? Long.parseLong(args[4]) : Long.MAX_VALUE;
        for (long i = 0; i < count; i++) {
            out.write(Event.ofRaw("event " + i));
            if (i % 100 == 99) {
                out.flush();
                System.out.println("FLUSHED " + (i + 1));
                System.out.flush();
            }
        }
        out.flush();
        long objects = (count + 249) / 250;
        while (true) {
            List<String> names;
            try (Stream<Path> files = Files.list(spool.resolve("om"))) {
                names = files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith("state")
                        && !n.equals("lock")).toList();
            }
            if (names.size() == objects && names.stream().allMatch(n -> n.endsWith(".obj"))) {
                System.out.println("COMPRESSED " + names.size());
                System.out.flush();
                break;
            }
            Thread.sleep(10);
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
