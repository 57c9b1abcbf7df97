package io.logship.python;

import io.logship.api.Directive;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Directives shared by im_python and om_python. */
final class PythonDirectives {
    static final Directive<Path> PYTHON_CODE = Directive.path("PythonCode").required()
            .withDoc("The Python script (relative paths are resolved against the config file's folder). "
                    + "Its top level runs once at start; its folder is put first on sys.path.");
    static final Directive<Boolean> ALLOW_HOST_ACCESS = Directive.bool("AllowHostAccess").withDefault(false)
            .withDoc("Let the script reach Java host classes (import java; java.type(...)) and start processes. "
                    + "Off by default: scripts get file IO and the Python standard library only.");

    static final Directive<String> PARAM = Directive.string("Param").repeatable()
            .withCheck(v -> parseParam(v))
            .withDoc("NAME=VALUE (or NAME VALUE) handed to the script as nxlog.params['NAME'] "
                    + "(also module.params); repeatable. Lets one script serve several instances.");

    private PythonDirectives() {
    }

    /** Splits "NAME=VALUE" or "NAME VALUE" at the first '=' or blank. */
    static Map.Entry<String, String> parseParam(String v) {
        String s = v.strip();
        int eq = s.indexOf('=');
        int sp = -1;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                sp = i;
                break;
            }
        }
        int cut = eq < 0 ? sp : sp < 0 ? eq : Math.min(eq, sp);
        if (cut <= 0) {
            throw new IllegalArgumentException("expected NAME=VALUE");
        }
        String name = s.substring(0, cut).strip();
        String value = s.substring(cut + 1).strip();
        if (cut == sp && value.startsWith("=")) {
            value = value.substring(1).strip();
        }
        return Map.entry(name, value);
    }

    static Map<String, String> params(List<String> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String r : raw) {
            Map.Entry<String, String> e = parseParam(r);
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}
