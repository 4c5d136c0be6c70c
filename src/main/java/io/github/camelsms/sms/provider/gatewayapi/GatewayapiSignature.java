package io.github.camelsms.sms.provider.gatewayapi;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.spi.SmsJson;
import io.github.camelsms.sms.spi.SmsWebhookRequest;
import io.github.camelsms.sms.spi.SmsWebhookSignature;
import io.github.camelsms.sms.webhook.signature.JwtHs256Signature;

/**
 * GatewayAPI's webhook signature: {@code X-Gwapi-Signature} holds a JWT signed HS256 with the webhook's
 * authentication token, whose claims are the notification itself (docs/rest.rst, "Authentication token"). The body is
 * not signed, so a valid token could be replayed with another body: the fields the consumer reads must be the same in
 * the body as in the claims.
 * <p>
 * The claims carry no {@code exp} or {@code iat}; {@code time} is when the status changed, and GatewayAPI retries a
 * webhook for hours, so no time window applies: a replayed notification is a duplicate, dropped by the webhook memory.
 */
final class GatewayapiSignature implements SmsWebhookSignature {

    static final String HEADER = "X-Gwapi-Signature";

    private final JwtHs256Signature jwt;
    private final List<String> signedFields;

    GatewayapiSignature(String authenticationToken, List<String> signedFields) {
        this.jwt = new JwtHs256Signature(authenticationToken, HEADER);
        this.signedFields = signedFields;
    }

    @Override
    public Verdict verify(SmsWebhookRequest request) {
        Map<String, Object> claims;
        try {
            claims = jwt.claims(request);
        } catch (IllegalArgumentException e) {
            return Verdict.refused(e.getMessage());
        }
        JsonNode body = SmsJson.readOrNull(request.body());
        if (body == null || !body.isObject()) {
            return Verdict.refused("the body is not a JSON object");
        }
        for (String field : signedFields) {
            JsonNode value = body.get(field);
            String inBody = value == null || value.isNull() ? null : value.asText();
            Object claim = claims.get(field);
            String signed = claim == null ? null : claim.toString();
            if (inBody == null ? signed != null : !inBody.equals(signed)) {
                return Verdict.refused("the body's '" + field + "' is not the one the " + HEADER + " token signs");
            }
        }
        return Verdict.ok();
    }
}
