package dev.tasklane.gateway.config;

/** What one Tasklane process does. */
public enum Role {
    /** Embedded Temporal (unless an address is set), worker and HTTP API. */
    ALL,
    /** HTTP API only, against an external Temporal. */
    GATEWAY,
    /** Workflows and activities only; HTTP serves health. */
    WORKER
}
