package dev.tasklane.activities.sync;

/** A source record that cannot become a row; the sync keeps it with this reason and goes on. */
public class UnmappableRecordException extends Exception {

    private final String key;

    public UnmappableRecordException(String key, String reason) {
        super(reason, null, false, false);
        this.key = key;
    }

    /** The record's key, when it had one. */
    public String key() {
        return key;
    }
}
