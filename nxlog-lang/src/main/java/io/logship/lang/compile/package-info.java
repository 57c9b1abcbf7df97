/**
 * The compiler of NXLog's language: {@link io.logship.lang.compile.Compilation} runs the lexer, the parser (a
 * small AST) and the compilers from AST to closures over one {@link io.logship.lang.ExecSource}; everything is
 * resolved once (functions bound, regular expressions compiled, operations on literals folded), so an event
 * costs field reads ({@code Event.get}), the operations and the calls, and nothing else.
 *
 * <p>What it follows: the NXLog Reference Manual's Language chapter (types, literals, operations with their
 * type tables, undef rules, statements) and, where the manual is silent, NXLog's own lexer and grammar
 * (keywords case-insensitive, regular expressions only where an operand is expected, modifiers i/m/s and g
 * for s///, {@code \/} inside them, operator precedence). Where logship differs, on purpose:
 * <ul>
 *   <li>{@code not} binds looser than comparisons: {@code not $a =~ /x/} is {@code not ($a =~ /x/)}, as the
 *       manual describes {@code !~}; NXLog's grammar binds {@code not} tighter, which makes that a type
 *       error.</li>
 *   <li>Regular expressions run on java.util.regex with a step guard ({@link io.logship.lang.Regex}), not
 *       PCRE; named groups ({@code (?<name>...)} and {@code (?P<name>...)}) set the fields of those names on
 *       a match, names with '_' included.</li>
 *   <li>{@code undef =~ /x/} and {@code undef !~ /x/} are undef (so {@code if} takes neither as TRUE), like
 *       every other comparison with undef.</li>
 *   <li>{@code $0} is the whole match (what PCRE's group 0 is; the manual words it "the full subject
 *       string").</li>
 *   <li>Besides the manual's literals: {@code ${name with spaces}}, IPv6 literals, {@code IN (...)} and
 *       {@code NOT IN (...)} (later NXLog versions), a {@code T} between date and time in a datetime literal,
 *       float fields (from JSON or Python) mixing with integers in arithmetic and comparisons, and a last
 *       statement without {@code ;} (before the end of the text or a closing brace).</li>
 *   <li>{@code and} stops at a FALSE left operand (the manual's "undef if either is undefined" would make
 *       {@code FALSE and undef} undef; both are false to {@code if}).</li>
 *   <li>A run-time error stops only its own statement (an {@code if} whose condition fails runs neither
 *       branch); it is reported with the statement's file:line and the next statement runs.</li>
 * </ul>
 */
package io.logship.lang.compile;
