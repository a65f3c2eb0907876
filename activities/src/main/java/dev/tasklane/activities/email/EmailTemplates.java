package dev.tasklane.activities.email;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configured e-mail templates: a subject and a text each, with {@code {{name}}} placeholders that a
 * notification's variables fill in. A template without a subject or a text stops the start-up.
 */
@Singleton
public class EmailTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    /** A message made from a template. */
    public record Rendered(String subject, String text) {
    }

    private record Template(String subject, String text) {
    }

    private final Map<String, Template> templates;

    public EmailTemplates(EmailProperties properties) {
        Map<String, Template> parsed = new java.util.TreeMap<>();
        properties.templatesOrNone().forEach((name, parts) -> {
            String subject = parts.get("subject");
            String text = parts.get("text");
            if (subject == null || text == null) {
                throw new IllegalArgumentException("tasklane.email.templates." + name + " needs a subject and a text");
            }
            parsed.put(name, new Template(subject, text));
        });
        this.templates = Map.copyOf(parsed);
    }

    public Set<String> names() {
        return new TreeSet<>(templates.keySet());
    }

    /** The placeholders of {@code name} that {@code variables} leaves without a value, or empty if it has none. */
    public Optional<List<String>> missing(String name, Map<String, Object> variables) {
        Template template = templates.get(name);
        if (template == null) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        for (String placeholder : placeholders(template.subject() + "\n" + template.text())) {
            if (!variables.containsKey(placeholder)) {
                missing.add(placeholder);
            }
        }
        return Optional.of(missing);
    }

    /** The template filled in; throws {@link IllegalArgumentException} for an unknown template or a missing value. */
    public Rendered render(String name, Map<String, Object> variables) {
        Template template = templates.get(name);
        if (template == null) {
            throw new IllegalArgumentException("no e-mail template '" + name + "'; configured are " + names());
        }
        return new Rendered(fill(template.subject(), variables).replaceAll("[\\r\\n]+", " "),
                fill(template.text(), variables));
    }

    private static String fill(String text, Map<String, Object> variables) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Object value = variables.get(matcher.group(1));
            if (value == null && !variables.containsKey(matcher.group(1))) {
                throw new IllegalArgumentException("the template needs a value for '" + matcher.group(1) + "'");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
