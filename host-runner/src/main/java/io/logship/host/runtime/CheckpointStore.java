package io.logship.host.runtime;

import io.logship.api.LogshipException;
import java.io.IOException;
import java.util.Map;

/** Where the host keeps each input's committed positions (stream -> value). */
interface CheckpointStore {
    /**
     * The positions last saved for an input, empty when none were.
     *
     * @throws LogshipException when what is stored cannot be read back (named, never silently ignored)
     */
    Map<String, String> load(String instance) throws LogshipException;

    /** Replaces the input's positions atomically: after a crash either the old or the new set is there. */
    void save(String instance, Map<String, String> positions) throws IOException;
}
