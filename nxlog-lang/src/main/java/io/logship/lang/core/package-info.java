/**
 * NXLog's core functions and procedures ({@link io.logship.lang.core.CoreLibrary}), one class per family:
 * strings ({@code StringFunctions}), escapes ({@code EscapeFunctions}), hashes ({@code DigestFunctions}),
 * conversions ({@code ConversionFunctions}), the host ({@code HostFunctions}), time ({@code TimeFunctions} with
 * {@code Strftime}, {@code Strptime}, {@code DateParser}), module variables ({@code VariableFunctions}),
 * statistical counters ({@code StatisticsFunctions}, {@code StatCounter}), fields ({@code FieldProcedures}) and
 * logging ({@code LogProcedures}).
 *
 * <p>The NXLog Reference Manual is the specification; where it is silent these follow what NXLog does, and where
 * they knowingly differ it is said here:
 * <ul>
 * <li>Undef in, undef out; an argument of the wrong type is an {@link io.logship.lang.ExecError} naming the
 * function, the argument and both types ("lc(): argument 1 must be string, not integer").</li>
 * <li>{@code substr()} offsets count characters (UTF-16 units), NXLog's count bytes: the same for ASCII, and a
 * multi-byte character is never cut in two. {@code size()} counts UTF-8 bytes, as NXLog. {@code lc()}/{@code uc()}
 * change every letter, NXLog's only ASCII ones.</li>
 * <li>{@code replace()} of an empty string returns it (NXLog's returns undef); an empty {@code src} leaves the
 * subject as it is; a {@code count} of 0 or undef replaces all.</li>
 * <li>{@code integer()} reads NXLog's integer forms (sign, 0x, K/M/G suffixes); a string that is none is a
 * run-time error, as in NXLog; a float field is truncated.</li>
 * <li>{@code ip4addr()} also takes a dotted-quad string (never resolving names).</li>
 * <li>{@code parsedate()} recognises the manual's list (RFC 3164 with and without year, Cisco, RFC 1123/822/850/
 * 1036, asctime, Apache/NCSA, ISO 8601/RFC 3339 with '.' or ',' fractions and any zone, Windows/WMI, Microsoft
 * 12-hour, BIND 9, epoch seconds) and nothing after the timestamp but blanks. A year-less timestamp gets the
 * current year in the instance's zone (no end-of-year heuristic, as in NXLog).</li>
 * <li>{@code strftime()} takes glibc's conversions (C locale, flags {@code -} {@code _} {@code 0}) and NXLog's
 * named formats ({@code YYYY-MM-DD hh:mm:ss}, {@code YYYY-MM-DDThh:mm:ss.sTZ}, ..., {@code ...UTC}); an undef
 * format gives {@code YYYY-MM-DD hh:mm:ss}. {@code strptime()} takes glibc's conversions plus {@code %f}; fields
 * the format lacks are those of C's zeroed {@code struct tm} (year 1900) except the day, which is 1 (C's 0 means
 * the last day of the previous month); as glibc and mktime, {@code %Z} is read and ignored and a day past the
 * month's end rolls over (Feb 30 is Mar 1), but an offset read by {@code %z} is applied (NXLog 2.x's mktime drops
 * it). {@code fix_year()} moves dates of 1970 or earlier to the current year.</li>
 * <li>Datetimes keep microseconds (finer parts are truncated); the parts ({@code hour()} ...) are local time unless
 * the optional second argument is TRUE; {@code dayofweek()} is 0 for Sunday, as the manual says.</li>
 * <li>Module variables and counters are per instance, in its {@link io.logship.lang.ExecEnvironment} ("core.vars",
 * "core.stats"), bounded (100,000 variables, 10,000 counters: past that, creating one is a run-time error) and
 * expire on the environment's clock. Counter algorithms: see {@code StatCounter} (AVG is the mean of the values
 * added in the interval, where NXLog 2.x's formula halves a scaled sum).</li>
 * <li>{@code unset()} is {@code delete()}. {@code sleep()} is refused at compile time
 * ({@link io.logship.lang.FunctionTable#whyNotFound}).</li>
 * <li>The log procedures write "instance: text" through the instance's logger; the text is not built when the
 * level is off.</li>
 * </ul>
 */
package io.logship.lang.core;
