package io.logship.lang.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.lang.ExecFunction;
import io.logship.lang.FunctionTable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoreLibraryTest {
    private final List<ExecFunction> all = new CoreLibrary().execFunctions();

    @Test
    void everyNameIsDeclaredOncePerKind_andDocumented() {
        Set<String> seen = new HashSet<>();
        for (ExecFunction f : all) {
            assertThat(seen.add(f.name() + (f.procedure() ? "/p" : "/f"))).as(f.name()).isTrue();
            assertThat(f.doc()).as(f.name()).isNotBlank();
            assertThat(f.procedure() == f.returnType().isEmpty()).as(f.name()).isTrue();
        }
    }

    @Test
    void theIssuesFunctionsAreAllThere() {
        FunctionTable t = FunctionTable.builder().core(new CoreLibrary()).build();
        for (String f : List.of("lc", "uc", "substr", "replace", "size", "string", "integer", "datetime", "type",
                "now", "hostname", "hostname_fqdn", "strftime", "strptime", "parsedate", "year", "month", "day",
                "hour", "minute", "second", "microsecond", "dayofweek", "dayofyear", "fix_year", "escape_json",
                "unescape_json", "escape_html", "escape_url", "unescape_url", "ip4addr", "host_ip", "md5sum",
                "sha1sum", "sha256sum", "get_var", "get_stat", "dropped")) {
            assertThat(t.find(null, f, false)).as(f).isNotNull();
        }
        for (String p : List.of("drop", "delete", "unset", "rename_field", "set_var", "create_var", "delete_var",
                "create_stat", "add_stat", "log_debug", "log_info", "log_warning", "log_error", "debug")) {
            assertThat(t.find(null, p, true)).as(p).isNotNull();
        }
    }

    @Test
    void sleep_isRefusedWithTheReason() {
        FunctionTable t = FunctionTable.builder().core(new CoreLibrary()).build();
        assertThat(t.find(null, "sleep", true)).isNull();
        assertThat(t.whyNotFound(null, "sleep", true))
                .isEqualTo("sleep() is not supported: it would stall the pipeline; use a <Schedule>");
    }

    @Test
    void functionCalledAsProcedure_isExplained() {
        FunctionTable t = FunctionTable.builder().core(new CoreLibrary()).build();
        assertThat(t.whyNotFound(null, "lc", true)).startsWith("lc() is a function, not a procedure");
    }
}
