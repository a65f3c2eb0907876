package dev.tasklane.activities.sync;

/** What one batch's upsert did. */
record UpsertCounts(int created, int updated, int unchanged) {
}
