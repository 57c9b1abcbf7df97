package io.logship.s3.input;

import java.nio.file.Path;

/** The test kit's input context as im_s3 instances see it: module name im_s3. */
class TestInputContext extends io.logship.testkit.TestInputContext {
    TestInputContext(Path cacheDir, String instance) {
        this(cacheDir, instance, true);
    }

    TestInputContext(Path cacheDir, String instance, boolean keep) {
        super("im_s3", instance, cacheDir);
        this.keep = keep;
    }

    @Override
    public TestInputContext restart() {
        TestInputContext next = new TestInputContext(cacheDir(), instanceName(), keep);
        carryOver(next);
        return next;
    }
}
