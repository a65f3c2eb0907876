package dev.tasklane.workflows.document;

/** The pipeline's stages in order, each with its share of the progress bar. */
public enum DocumentStage {
    /** Only for a document submitted by URL; no share, so stored and downloaded documents show the same bar. */
    DOWNLOADING(0),
    CLASSIFYING(5),
    EXTRACTING(25),
    CHUNKING(10),
    EMBEDDING(30),
    STORING(15),
    INTEGRATING(10),
    QUALITY_CHECK(5);

    private final int share;

    DocumentStage(int share) {
        this.share = share;
    }

    /** The bar's percent when this stage is {@code fraction} (0–1) done. */
    public double percentAt(double fraction) {
        int before = 0;
        for (DocumentStage stage : values()) {
            if (stage == this) {
                break;
            }
            before += stage.share;
        }
        return before + share * Math.max(0, Math.min(1, fraction));
    }
}
