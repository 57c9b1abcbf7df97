package io.logship.system;

import io.logship.api.Event;

/**
 * One journal entry as journalctl printed it: the event with NXLog's fields, and the entry's cursor (its
 * position in the journal), null when journalctl gave none.
 */
record JournalEntry(Event event, String cursor) {
}
