package dev.tasklane.gateway.document;

import dev.tasklane.gateway.problem.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The pipeline options of a multipart upload, read from form parts into the values a JSON submission carries. */
final class FormPipelineOptions {

    private FormPipelineOptions() {
    }

    /**
     * {@code chunkSize}, {@code chunkOverlap} and {@code reviewHours} as whole numbers, {@code categoryHints}
     * comma-separated, {@code review} as it is.
     */
    static Map<String, JsonNode> read(@Nullable String chunkSize, @Nullable String chunkOverlap,
                                      @Nullable String categoryHints, @Nullable String review,
                                      @Nullable String reviewHours, FieldErrors errors) {
        Map<String, JsonNode> options = new LinkedHashMap<>();
        wholeNumber(options, "chunkSize", chunkSize, errors);
        wholeNumber(options, "chunkOverlap", chunkOverlap, errors);
        wholeNumber(options, "reviewHours", reviewHours, errors);
        if (review != null) {
            options.put("review", JsonNode.createStringNode(review));
        }
        if (categoryHints != null) {
            options.put("categoryHints", JsonNode.createArrayNode(Arrays.stream(categoryHints.split(","))
                    .map(String::trim).filter(hint -> !hint.isEmpty()).map(JsonNode::createStringNode).toList()));
        }
        return options;
    }

    private static void wholeNumber(Map<String, JsonNode> options, String field, @Nullable String value,
                                    FieldErrors errors) {
        if (value != null) {
            long number = errors.wholeNumber(field, value, 0, Integer.MAX_VALUE, 0);
            if (!errors.has(field)) {
                options.put(field, JsonNode.createNumberNode((int) number));
            }
        }
    }
}
