package dev.tasklane.workflows.lifecycle;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;

import java.util.List;

/**
 * The search attributes every task workflow carries, so the Temporal Web UI and CLI find tasks by tenant, type,
 * priority and owner (e.g. {@code TasklaneTenant="acme" AND TasklanePriority="CRITICAL"}).
 */
public final class TaskSearchAttributes {

    public static final SearchAttributeKey<String> TENANT = SearchAttributeKey.forKeyword("TasklaneTenant");
    public static final SearchAttributeKey<String> TYPE = SearchAttributeKey.forKeyword("TasklaneType");
    public static final SearchAttributeKey<String> PRIORITY = SearchAttributeKey.forKeyword("TasklanePriority");
    public static final SearchAttributeKey<String> OWNER = SearchAttributeKey.forKeyword("TasklaneOwner");

    /** Every key, as a Temporal server must have them registered. */
    public static final List<SearchAttributeKey<?>> ALL = List.of(TENANT, TYPE, PRIORITY, OWNER);

    private TaskSearchAttributes() {
    }

    /** The attributes of one task. */
    public static SearchAttributes of(String tenant, String type, TaskPriority priority, String owner) {
        return SearchAttributes.newBuilder()
                .set(TENANT, tenant)
                .set(TYPE, type)
                .set(PRIORITY, priority.name())
                .set(OWNER, owner)
                .build();
    }

    /**
     * The attributes of a batch's child of {@code type} and {@code priority}: the tenant and owner are the batch's, as
     * the children are registered under the batch's tenant and owner (a batch started without them passes none on).
     */
    public static SearchAttributes ofChild(SearchAttributes batch, String type, TaskPriority priority) {
        SearchAttributes.Builder child = SearchAttributes.newBuilder().set(TYPE, type).set(PRIORITY, priority.name());
        for (SearchAttributeKey<String> inherited : List.of(TENANT, OWNER)) {
            if (batch.containsKey(inherited)) {
                child.set(inherited, batch.get(inherited));
            }
        }
        return child.build();
    }

    /** The type's name as the Temporal CLI spells it ({@code Keyword}, {@code Int}, …). */
    public static String typeName(SearchAttributeKey<?> key) {
        IndexedValueType type = key.getValueType();
        return switch (type) {
            case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
            case INDEXED_VALUE_TYPE_TEXT -> "Text";
            case INDEXED_VALUE_TYPE_INT -> "Int";
            case INDEXED_VALUE_TYPE_DOUBLE -> "Double";
            case INDEXED_VALUE_TYPE_BOOL -> "Bool";
            case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
            case INDEXED_VALUE_TYPE_KEYWORD_LIST -> "KeywordList";
            default -> throw new IllegalArgumentException("no CLI name for " + type);
        };
    }
}
