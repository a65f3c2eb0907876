package dev.tasklane.activities.outbound;

import java.util.Map;

/**
 * One outbound HTTP call as the delivery engine makes it.
 *
 * @param url            the destination, checked against the allowed ones at each attempt
 * @param method         the HTTP method
 * @param headers        extra headers, their values sealed; only those a submitter may set are sent
 * @param body           any JSON value, sent as {@code application/json}, or null for none
 * @param secret         the sealed signing key, or null to send the call unsigned
 * @param timeoutSeconds how long to wait for the answer
 */
public record OutboundCall(String url, String method, Map<String, String> headers, Object body, String secret,
                           int timeoutSeconds) {
}
