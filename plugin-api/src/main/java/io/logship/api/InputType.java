package io.logship.api;

/**
 * NXLog's {@code InputType}: how the lines an input reads from one source (a file, a connection) become
 * records. The input splits bytes into lines (line ends, UTF-8, its maximum line length) and hands each line
 * with the offset just after it to the source's {@link Splitter}; the splitter emits zero or more records,
 * each with the offset where the record's last line ends. An input provider's {@code InputType} directive
 * names a built-in type ({@code LineBased}: one record per line) or an {@code <Extension>} instance that
 * implements this interface (xm_multiline), found with {@link ModuleContext#extension}.
 *
 * <p><b>Positions stay exact.</b> A record's position is where its last line ends, never further: lines a
 * splitter holds (a record still being assembled) are not covered by any emitted position, so after a restart
 * from the last committed position they are read again and the record is assembled whole. An input must
 * therefore derive its event positions from the offsets given to {@link Emitter#emit}, not from how far it has
 * read.
 *
 * <p>Implementations are thread-safe factories; a splitter is used by one thread at a time.
 */
public interface InputType {
    /**
     * A splitter for one source.
     *
     * @param source what the input calls the source in messages (a path, a peer address)
     */
    Splitter open(String source);

    /** Receives the records of a splitter. */
    @FunctionalInterface
    interface Emitter {
        /**
         * One record.
         *
         * @param record    the record (its {@code raw_event}, and any fields the type sets); the input adds its
         *                  own fields and the position
         * @param endOffset the offset just after the record's last line (from {@link Splitter#line})
         * @return false when the host is stopping: the splitter must stop emitting and the input stop reading
         */
        boolean emit(Event record, long endOffset) throws InterruptedException;
    }

    /** The state of one source: lines held for a record not complete yet. Not thread-safe. */
    interface Splitter {
        /**
         * One line as read.
         *
         * @param line       the line, without its terminator
         * @param terminator the terminator as read ({@code "\n"}, {@code "\r\n"}), or {@code ""} for a piece of a
         *                   line split at the input's maximum length and for a last line without one
         * @param endOffset  the offset just after the line and its terminator
         * @return false when {@code out} returned false (stop reading)
         */
        boolean line(String line, String terminator, long endOffset, Emitter out) throws InterruptedException;

        /**
         * The source had no new data for the input's flush interval (im_file: {@code PollInterval}): emit a held
         * record if this type flushes idle sources (xm_multiline's {@code AutoFlush}), else keep it.
         *
         * @return false when {@code out} returned false
         */
        boolean idle(Emitter out) throws InterruptedException;

        /**
         * The source ends (a rotated file read to its end, a closed connection): emit whatever is held.
         *
         * @return false when {@code out} returned false
         */
        boolean end(Emitter out) throws InterruptedException;

        /** True while lines are held for a record not emitted yet. */
        boolean holding();

        /** True when {@link #idle} emits what is held (xm_multiline's {@code AutoFlush TRUE}). */
        default boolean flushesWhenIdle() {
            return false;
        }
    }
}
