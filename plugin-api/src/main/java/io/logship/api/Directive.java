package io.logship.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One configuration directive a module declares: its name (matched case-insensitively), its type,
 * default, whether it is required or repeatable, whether its value is a secret, and its documentation.
 * Declarations are immutable; build them with the static factories and the {@code with...} methods:
 *
 * <pre>{@code
 * static final Directive<Duration> POLL_INTERVAL = Directive.duration("PollInterval")
 *         .withDefault(Duration.ofSeconds(1)).withDoc("How often the files are checked for new data.");
 * }</pre>
 *
 * @param <T> the parsed value type
 */
public final class Directive<T> {
    /** The value types the host knows how to parse and document. */
    public enum Type { STRING, INTEGER, BOOLEAN, DURATION, SIZE, PATH, ENUM }

    private final String name;
    private final Type type;
    private final Function<String, T> parser;
    private final T defaultValue;
    private final String defaultText;
    private final boolean required;
    private final boolean repeatable;
    private final boolean secret;
    private final String doc;
    private final List<String> choices;

    private Directive(String name, Type type, Function<String, T> parser, T defaultValue, String defaultText,
                      boolean required, boolean repeatable, boolean secret, String doc, List<String> choices) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = type;
        this.parser = parser;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.required = required;
        this.repeatable = repeatable;
        this.secret = secret;
        this.doc = doc;
        this.choices = choices;
    }

    public static Directive<String> string(String name) {
        return new Directive<>(name, Type.STRING, s -> s, null, null, false, false, false, "", List.of());
    }

    public static Directive<Long> integer(String name) {
        return new Directive<>(name, Type.INTEGER, Values::parseInteger, null, null, false, false, false, "",
                List.of());
    }

    public static Directive<Boolean> bool(String name) {
        return new Directive<>(name, Type.BOOLEAN, Values::parseBoolean, null, null, false, false, false, "",
                List.of());
    }

    /** A duration: a bare number is seconds (NXLog's way, fractions allowed); or with ms, s, min, h, d. */
    public static Directive<Duration> duration(String name) {
        return new Directive<>(name, Type.DURATION, Values::parseDuration, null, null, false, false, false, "",
                List.of());
    }

    /** A byte size: a bare number is bytes; K, M, G, T suffixes (powers of 1024, optional B/iB). */
    public static Directive<Long> size(String name) {
        return new Directive<>(name, Type.SIZE, Values::parseSize, null, null, false, false, false, "",
                List.of());
    }

    /**
     * A file system path, or a file glob where the module allows one. The host resolves a relative
     * path against the directory of the file that configured it, as NXLog does, before the module sees it.
     */
    public static Directive<Path> path(String name) {
        return new Directive<>(name, Type.PATH, Path::of, null, null, false, false, false, "", List.of());
    }

    /** One of a fixed set of words, matched case-insensitively; the value is returned in lower case. */
    public static Directive<String> choice(String name, String... choices) {
        List<String> lower = java.util.Arrays.stream(choices).map(c -> c.toLowerCase(Locale.ROOT)).toList();
        Function<String, String> p = s -> {
            String v = s.toLowerCase(Locale.ROOT);
            if (!lower.contains(v)) {
                throw new IllegalArgumentException("must be one of " + String.join(", ", choices));
            }
            return v;
        };
        return new Directive<>(name, Type.ENUM, p, null, null, false, false, false, "", List.of(choices));
    }

    public Directive<T> withDefault(T value) {
        return new Directive<>(name, type, parser, value, value == null ? null : Values.describe(value),
                required, repeatable, secret, doc, choices);
    }

    /** Documents the default when it is computed at run time (e.g. "the host name"). */
    public Directive<T> withDefaultText(String text) {
        return new Directive<>(name, type, parser, defaultValue, text, required, repeatable, secret, doc, choices);
    }

    public Directive<T> required() {
        return new Directive<>(name, type, parser, defaultValue, defaultText, true, repeatable, secret, doc,
                choices);
    }

    public Directive<T> repeatable() {
        return new Directive<>(name, type, parser, defaultValue, defaultText, required, true, secret, doc,
                choices);
    }

    /** The value is never printed: not in logs, errors, or {@code toString()}. */
    public Directive<T> secret() {
        return new Directive<>(name, type, parser, defaultValue, defaultText, required, repeatable, true, doc,
                choices);
    }

    public Directive<T> withDoc(String text) {
        return new Directive<>(name, type, parser, defaultValue, defaultText, required, repeatable, secret, text,
                choices);
    }

    /** Adds a check run after parsing; it throws IllegalArgumentException with a reason. */
    public Directive<T> withCheck(java.util.function.Consumer<T> check) {
        Function<String, T> p = parser.andThen(v -> {
            check.accept(v);
            return v;
        });
        return new Directive<>(name, type, p, defaultValue, defaultText, required, repeatable, secret, doc, choices);
    }

    /**
     * Parses a raw value.
     *
     * @throws IllegalArgumentException with a reason that does not repeat the value when it is secret
     */
    public T parse(String raw) {
        try {
            return parser.apply(raw.strip());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** The default as documentation shows it, or empty when there is none. */
    public Optional<String> defaultText() {
        return Optional.ofNullable(defaultText);
    }

    public boolean isRequired() {
        return required;
    }

    public boolean isRepeatable() {
        return repeatable;
    }

    public boolean isSecret() {
        return secret;
    }

    public String doc() {
        return doc;
    }

    /** For {@link Type#ENUM}: the allowed words. */
    public List<String> choices() {
        return choices;
    }

    /** Case-insensitive match of a directive name as written in a config file. */
    public boolean matches(String written) {
        return name.equalsIgnoreCase(written);
    }

    @Override
    public String toString() {
        return "Directive[" + name + ":" + type + "]";
    }
}
