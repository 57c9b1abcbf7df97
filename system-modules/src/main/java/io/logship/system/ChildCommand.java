package io.logship.system;

import io.logship.api.Directive;
import io.logship.api.LogshipException;
import io.logship.api.ModuleConfig;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A program and its arguments, as NXLog's {@code Command} and repeatable {@code Arg} give them: each Arg is one
 * argument, never split at blanks, and nothing goes through a shell unless the command is one.
 *
 * @param program the program: a path, or a name looked up in PATH
 * @param args    the arguments, in order
 */
record ChildCommand(String program, List<String> args) {
    static final Directive<String> COMMAND = Directive.string("Command").required()
            .withCheck(ChildCommand::checkProgram)
            .withDoc("The program to run: an absolute path, or a name looked up in PATH. Arguments go in Arg "
                    + "directives, not here (as in NXLog).");
    static final Directive<String> ARG = Directive.string("Arg").repeatable()
            .withDoc("One argument of Command; repeat it for each argument, in order. An Arg with blanks is "
                    + "still one argument (NXLog's rule).");

    ChildCommand {
        args = List.copyOf(args);
    }

    /** The command a module's {@link #COMMAND} and {@link #ARG} directives give (im_exec, om_exec). */
    static ChildCommand of(ModuleConfig config) {
        return new ChildCommand(config.get(COMMAND).strip(), config.getAll(ARG));
    }

    private static void checkProgram(String p) {
        if (p.isBlank()) {
            throw new IllegalArgumentException("names no program");
        }
    }

    /** The command line as one list, for ProcessBuilder. */
    List<String> commandLine() {
        List<String> all = new ArrayList<>(args.size() + 1);
        all.add(program);
        all.addAll(args);
        return all;
    }

    /**
     * Starts the program with stdin, stdout and stderr as pipes.
     *
     * @throws LogshipException naming the program and why it did not start
     */
    Process start(String instance) throws LogshipException {
        ProcessBuilder pb = new ProcessBuilder(commandLine());
        try {
            return pb.start();
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            String hint = program.contains(File.separator) ? "" : " (looked up in PATH)";
            throw new LogshipException(instance + ": cannot start " + program + hint + ": " + why, e);
        }
    }

    @Override
    public String toString() {
        return String.join(" ", commandLine());
    }
}
