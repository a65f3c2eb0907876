package dev.tasklane.activities.sync.banktransactions;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Assigns a bank transaction a category by the configured rules, in order: a rule matches when every condition it
 * has holds (counterparty and purpose patterns, direction by the amount's sign). Bad rules stop the start-up.
 */
@Singleton
public class BankCategoryRules {

    private static final Set<String> KEYS = Set.of("name", "category", "counterparty", "purpose", "direction");

    /** One rule. */
    public record Rule(String name, String category, @Nullable Pattern counterparty, @Nullable Pattern purpose,
                       @Nullable Direction direction) {

        boolean matches(@Nullable String counterpartyName, @Nullable String purposeText, BigDecimal amount) {
            return (counterparty == null || counterpartyName != null && counterparty.matcher(counterpartyName).find())
                    && (purpose == null || purposeText != null && purpose.matcher(purposeText).find())
                    && (direction == null || direction == Direction.of(amount));
        }
    }

    /** Money in (a positive amount) or out (a negative one). */
    public enum Direction {
        INCOMING, OUTGOING;

        public static Direction of(BigDecimal amount) {
            return amount.signum() < 0 ? OUTGOING : INCOMING;
        }
    }

    /** The category and the rule that gave it. */
    public record Match(String category, String rule) {
    }

    private final List<Rule> rules;

    public BankCategoryRules(BankSyncProperties properties) {
        List<Rule> parsed = new ArrayList<>();
        List<Map<String, String>> specs = properties.categoryRulesOrNone();
        for (int i = 0; i < specs.size(); i++) {
            parsed.add(parse(specs.get(i), "tasklane.sync.bank-transactions.category-rules[" + i + "]"));
        }
        this.rules = List.copyOf(parsed);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The first rule that matches, if any. */
    public Optional<Match> classify(@Nullable String counterparty, @Nullable String purpose, BigDecimal amount) {
        return rules.stream().filter(rule -> rule.matches(counterparty, purpose, amount)).findFirst()
                .map(rule -> new Match(rule.category(), rule.name()));
    }

    private static Rule parse(Map<String, String> spec, String where) {
        for (String key : spec.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "'; use " + KEYS);
            }
        }
        String name = spec.get("name");
        String category = spec.get("category");
        if (name == null || name.isBlank() || category == null || category.isBlank()) {
            throw new IllegalArgumentException(where + ": a rule needs a name and a category");
        }
        Direction direction = null;
        if (spec.get("direction") != null) {
            try {
                direction = Direction.valueOf(spec.get("direction").trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": direction must be incoming or outgoing", e);
            }
        }
        return new Rule(name, category, pattern(spec.get("counterparty"), where), pattern(spec.get("purpose"), where),
                direction);
    }

    private static Pattern pattern(@Nullable String regex, String where) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
