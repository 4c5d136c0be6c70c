package io.github.camelsms.sms.simulator;

import java.util.Map;

/**
 * One webhook call the simulator makes as a provider would.
 *
 * @param method      POST or GET
 * @param url         the full URL, query included
 * @param contentType the body's content type, or null without a body
 * @param body        the body, or null (GET)
 * @param headers     extra headers, such as the signature
 */
public record Webhook(String method, String url, String contentType, String body, Map<String, String> headers) {
}
