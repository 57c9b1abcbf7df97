package io.logship.s3.output;

import io.logship.testkit.TestModuleContext;
import java.nio.file.Path;
import java.util.List;

/** The test kit's module context as om_s3 instances see it: module name om_s3. */
final class TestContext extends TestModuleContext {
    TestContext(String instance, Path dir) {
        super("om_s3", instance, dir);
    }

    /** Every logged line so far as "LEVEL message", oldest first. */
    List<String> lines() {
        return logged();
    }
}
