package dev.tasklane.activities.outbound;

/** A webhook destination Tasklane refuses to call: not http(s), or an internal address not allow-listed. */
public class ForbiddenDestinationException extends Exception {

    public ForbiddenDestinationException(String message) {
        super(message);
    }
}
