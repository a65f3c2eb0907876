package dev.tasklane.activities.document;

/** Where an extractor puts text as it goes: one part at a time, with how far through the document it is. */
interface TextSink {

    /** Takes the next part of text; {@code done} of {@code total} units (pages, rows) are behind it. */
    void part(String text, long done, long total);
}
