package dev.tasklane.activities.email;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.Map;

/**
 * The SMTP server e-mail notifications go through, and their templates ({@code tasklane.email.*}).
 *
 * @param host      the SMTP server
 * @param port      its port
 * @param username  the login, if the server wants one
 * @param password  its password
 * @param from      the sender address
 * @param startTls  whether to require STARTTLS
 * @param timeout   how long to wait to connect, and for each reply
 * @param templates template name to {@code subject} and {@code text}, each with {@code {{name}}} placeholders
 */
@ConfigurationProperties("tasklane.email")
public record EmailProperties(@Bindable(defaultValue = "127.0.0.1") String host,
                              @Bindable(defaultValue = "25") int port,
                              @Nullable String username,
                              @Nullable String password,
                              @Bindable(defaultValue = "tasklane@localhost") String from,
                              @Bindable(defaultValue = "false") boolean startTls,
                              @Bindable(defaultValue = "30s") Duration timeout,
                              @Nullable Map<String, Map<String, String>> templates) {

    public Map<String, Map<String, String>> templatesOrNone() {
        return templates == null ? Map.of() : templates;
    }
}
