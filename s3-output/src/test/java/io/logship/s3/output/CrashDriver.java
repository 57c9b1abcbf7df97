package io.logship.s3.output;

import io.logship.api.Event;
import io.logship.api.support.ModuleConfigs;
import java.nio.file.Path;

/**
 * Child process of {@link S3OutputCrashIT}: writes numbered events into om_s3 forever, flushing every 100
 * and printing "FLUSHED n" after each flush, until it is killed. Args: spoolDir endpoint accessKey secret.
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
                "FlushInterval", "200ms", "Compression", "gzip"));
        out.start(new TestContext("crash", spool));
        for (long i = 0; ; i++) {
            out.write(Event.ofRaw("event " + i));
            if (i % 100 == 99) {
                out.flush();
                System.out.println("FLUSHED " + (i + 1));
                System.out.flush();
            }
        }
    }
}
