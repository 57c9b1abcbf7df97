package io.logship.s3.output;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;

/**
 * What a start finds in the spool: removes temporary files, truncates segments after their last whole
 * record, seals the segment that was open, drops incomplete objects and segments shadowed by their
 * compressed object, and returns what waits for upload, oldest first.
 */
final class SpoolRecovery {
    private SpoolRecovery() {
    }

    static List<Spool.Entry> recover(Spool spool, Consumer<String> warn) throws IOException {
        Path dir = spool.dir();
        List<Spool.Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.tmp")) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        }
        long maxSeq = 0;
        for (Path p : spool.list()) {
            String n = p.getFileName().toString();
            Matcher m = Spool.SEG.matcher(n);
            if (m.matches()) {
                long seq = Long.parseLong(m.group(1));
                long before = Files.size(p);
                long[] last = SegmentFormat.truncateToWholeRecords(p);
                long after = Files.size(p);
                if (after < before) {
                    spool.added(after - before);
                    warn.accept("spool segment " + p + " ended in a partial record (" + (before - after)
                            + " bytes, written after the last flush): cut off; the input re-sends those events");
                }
                maxSeq = Math.max(maxSeq, Math.max(seq, last[0]));
                if (after == 0) {
                    Files.delete(p);
                    continue;
                }
                Path sealed = p;
                if (m.group(2).equals("open")) {
                    sealed = spool.sealedSegmentPath(seq);
                    Files.move(p, sealed, StandardCopyOption.ATOMIC_MOVE);
                }
                out.add(new Spool.Entry(seq, sealed, false, 0, after));
                continue;
            }
            Matcher o = Spool.OBJ.matcher(n);
            if (o.matches()) {
                long seq = Long.parseLong(o.group(1));
                long len = Long.parseLong(o.group(3));
                long size = Files.size(p);
                if (size != len) {
                    spool.added(-size);
                    Files.delete(p);
                    warn.accept("spool object " + p + " is incomplete (" + size + " of " + len + " bytes): removed");
                    continue;
                }
                maxSeq = Math.max(maxSeq, seq);
                out.add(new Spool.Entry(seq, p, true, Long.parseLong(o.group(2)), len));
            }
        }
        // A segment and its compressed object can both exist if a crash came between the two steps.
        List<Spool.Entry> dedup = new ArrayList<>();
        for (Spool.Entry e : out) {
            boolean shadowed = !e.isObject() && out.stream().anyMatch(x -> x.isObject() && x.seq() == e.seq());
            if (shadowed) {
                spool.added(-Files.size(e.path()));
                Files.delete(e.path());
            } else {
                dedup.add(e);
            }
        }
        dedup.sort(null);
        spool.skipPast(maxSeq);
        spool.syncDir();
        return dedup;
    }
}
