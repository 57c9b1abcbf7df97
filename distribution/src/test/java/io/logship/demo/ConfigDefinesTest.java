package io.logship.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDefinesTest {
    private static final String CONF = """
            # define BUCKET in a comment stays
            define BUCKET       logs
              DEFINE S3_ENDPOINT  http://127.0.0.1:9000
            define OTHER x
            <Output s3>
                Bucket %BUCKET%
            </Output>
            """;

    @Test
    void rewrite_whenNamesHaveDefineLines_replacesOnlyTheirValues() {
        String out = ConfigDefines.rewrite(CONF, Map.of("BUCKET", "b2", "S3_ENDPOINT", "http://127.0.0.1:4242"));

        assertThat(out).isEqualTo("""
                # define BUCKET in a comment stays
                define BUCKET       b2
                  DEFINE S3_ENDPOINT  http://127.0.0.1:4242
                define OTHER x
                <Output s3>
                    Bucket %BUCKET%
                </Output>
                """);
    }

    @Test
    void rewrite_whenValueHasDollarOrBackslash_keepsItLiterally() {
        assertThat(ConfigDefines.rewrite(CONF, Map.of("OTHER", "C:\\logs\\$1"))).contains("define OTHER C:\\logs\\$1\n");
    }

    @Test
    void rewrite_whenNameHasNoDefineLine_failsNamingIt() {
        assertThatThrownBy(() -> ConfigDefines.rewrite(CONF, Map.of("MISSING", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MISSING");
    }
}
