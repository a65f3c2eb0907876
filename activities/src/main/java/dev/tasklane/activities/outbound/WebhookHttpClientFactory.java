package dev.tasklane.activities.outbound;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.net.http.HttpClient;

/** The HTTP client deliveries share: HTTP/1.1, no redirects (a redirect could lead to an internal address). */
@Factory
public class WebhookHttpClientFactory {

    @Singleton
    @Named("webhook")
    HttpClient webhookHttpClient(WebhookProperties properties) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.connectTimeout())
                .build();
    }
}
