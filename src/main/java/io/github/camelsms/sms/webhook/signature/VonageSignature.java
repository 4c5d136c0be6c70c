package io.github.camelsms.sms.webhook.signature;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.camelsms.sms.spi.SmsWebhookRequest;
import io.github.camelsms.sms.spi.SmsWebhookSignature;

/**
 * Vonage's signed webhooks: the {@code sig} parameter is the hex MD5 hash or HMAC, with the signature secret, of every
 * other non-blank parameter sorted by name and joined as {@code &name=value} ({@code &} and {@code =} inside replaced by {@code _}); the
 * signed {@code timestamp} parameter must be within five minutes of now.
 */
public final class VonageSignature implements SmsWebhookSignature {

    /** The signing method chosen in Vonage's dashboard. */
    public enum Method {
        MD5_HASH(null), HMAC_MD5("HmacMD5"), HMAC_SHA1("HmacSHA1"), HMAC_SHA256("HmacSHA256"),
        HMAC_SHA512("HmacSHA512");

        private final String mac;

        Method(String mac) {
            this.mac = mac;
        }
    }

    static final String SIG = "sig";
    static final String TIMESTAMP = "timestamp";

    private final String secret;
    private final Method method;
    private final ReplayWindow window;

    /** @param secret the signature secret (not the API secret) */
    public VonageSignature(String secret, Method method) {
        this(secret, method, Clock.systemUTC());
    }

    VonageSignature(String secret, Method method, Clock clock) {
        this.secret = secret;
        this.method = method;
        this.window = new ReplayWindow(clock, ReplayWindow.FIVE_MINUTES);
    }

    @Override
    public Verdict verify(SmsWebhookRequest request) {
        Map<String, String> params = new TreeMap<>();
        for (Map<String, List<String>> source : List.of(request.query(), request.form())) {
            for (Map.Entry<String, List<String>> param : source.entrySet()) {
                // one signed value per name, or the signature would cover a value the reader does not see
                List<String> values = param.getValue();
                if (values.size() != 1 || params.putIfAbsent(param.getKey(), values.get(0)) != null) {
                    return Verdict.refused("the " + param.getKey() + " parameter appears more than once");
                }
            }
        }
        String sig = params.remove(SIG);
        String unusable = Signatures.unusable(SIG + " parameter", sig, Signatures.MAX_SIGNATURE_CHARS);
        if (unusable != null) {
            return Verdict.refused(unusable);
        }
        String stale = window.refusal(TIMESTAMP + " parameter", params.get(TIMESTAMP));
        if (stale != null) {
            return Verdict.refused(stale);
        }
        byte[] given = Signatures.fromHex(sig.trim());
        return Signatures.sameBytes(sign(params), given) ? Verdict.ok()
                : Verdict.refused("the sig parameter does not match the parameters");
    }

    private byte[] sign(Map<String, String> sortedParams) {
        StringBuilder signed = new StringBuilder();
        sortedParams.forEach((name, value) -> {
            if (!value.isBlank()) {
                signed.append('&').append(clean(name)).append('=').append(clean(value));
            }
        });
        if (method == Method.MD5_HASH) {
            return Signatures.digest("MD5", Signatures.utf8(signed.append(secret).toString()));
        }
        return Signatures.hmac(method.mac, Signatures.utf8(secret), Signatures.utf8(signed.toString()));
    }

    private static String clean(String text) {
        return text.replace('&', '_').replace('=', '_');
    }
}
