package io.github.camelsms.sms.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.github.camelsms.sms.SmsAuthenticationException;
import io.github.camelsms.sms.SmsConfiguration;
import io.github.camelsms.sms.SmsException;
import io.github.camelsms.sms.SmsFailure;
import io.github.camelsms.sms.SmsForbiddenException;
import io.github.camelsms.sms.SmsInsufficientCreditException;
import io.github.camelsms.sms.SmsNotFoundException;
import io.github.camelsms.sms.SmsPartialFailureException;
import io.github.camelsms.sms.SmsProviderException;
import io.github.camelsms.sms.SmsRateLimitException;
import io.github.camelsms.sms.SmsTransportException;
import io.github.camelsms.sms.SmsValidationException;

/**
 * The one place that removes an endpoint's secrets from what the component keeps or prints. Built when the endpoint
 * starts from every secret it holds (the provider's key or token, webhookVerifyToken, proxyAuthPassword) and every
 * form they travel in: raw, inside the {@code Authorization} and {@code Proxy-Authorization} Basic values (base64 of
 * {@code user:secret}), URL-encoded (once or twice, as in a callback URL inside a form), and JSON-escaped (with or
 * without {@code \/}). Every form is replaced by {@value #MASK}.
 */
public final class SmsRedactor {

    public static final String MASK = "****";

    /** Shorter secrets are not searched for: masking a one- or two-letter string everywhere would garble every text. */
    static final int MIN_SECRET_LENGTH = 4;

    public static final SmsRedactor NONE = new SmsRedactor(List.of());

    private final Pattern forms;
    private final List<String> formList;
    /**
     * The forms that contain no other form: a text holds a form exactly when it holds one of these, and
     * {@link String#indexOf(String)} finds them without the regex's per-position alternation (which cost a fifth of a
     * LaML send's CPU when every answer was checked).
     */
    private final String[] needles;
    /** The needles' UTF-8 forms by their first byte: one pass over an answer's bytes checks them all. */
    private final byte[][][] utf8NeedlesByFirstByte = new byte[256][][];

    private SmsRedactor(List<String> forms) {
        this.formList = List.copyOf(forms);
        List<String> longestFirst = new ArrayList<>(forms);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        this.forms = longestFirst.isEmpty() ? null
                : Pattern.compile(String.join("|", longestFirst.stream().map(Pattern::quote).toList()));
        List<String> needles = new ArrayList<>();
        for (int i = longestFirst.size() - 1; i >= 0; i--) { // shortest first
            String form = longestFirst.get(i);
            if (needles.stream().noneMatch(form::contains)) {
                needles.add(form);
            }
        }
        this.needles = needles.toArray(String[]::new);
        for (String needle : needles) {
            byte[] utf8 = needle.getBytes(StandardCharsets.UTF_8);
            byte[][] same = utf8NeedlesByFirstByte[utf8[0] & 0xff];
            same = same == null ? new byte[1][] : Arrays.copyOf(same, same.length + 1);
            same[same.length - 1] = utf8;
            utf8NeedlesByFirstByte[utf8[0] & 0xff] = same;
        }
    }

    /** Every form of every secret this redactor masks. */
    List<String> forms() {
        return formList;
    }

    /** The redactor of an endpoint: its credentials (user and secret of the Basic header) and every other secret. */
    public static SmsRedactor of(SmsConfiguration configuration, SmsCredentials credentials) {
        Set<String> values = new LinkedHashSet<>();
        if (credentials != null) {
            addSecret(values, credentials.secret());
            if (isSecret(credentials.secret()) && credentials.user() != null) {
                values.add(basic(credentials.user(), credentials.secret()));
            }
        }
        addSecret(values, configuration.getApiKey());
        addSecret(values, configuration.getAuthToken());
        addSecret(values, configuration.getWebhookVerifyToken());
        addSecret(values, configuration.getSecretKey());
        addSecret(values, configuration.getProxyAuthPassword());
        if (isSecret(configuration.getProxyAuthPassword()) && configuration.getProxyAuthUsername() != null) {
            values.add(basic(configuration.getProxyAuthUsername(), configuration.getProxyAuthPassword()));
        }
        Set<String> forms = new LinkedHashSet<>();
        for (String value : values) {
            addForms(forms, value);
        }
        return new SmsRedactor(new ArrayList<>(forms));
    }

    private static boolean isSecret(String value) {
        return value != null && value.length() >= MIN_SECRET_LENGTH;
    }

    private static void addSecret(Set<String> values, String secret) {
        if (isSecret(secret)) {
            values.add(secret);
        }
    }

    private static String basic(String user, String secret) {
        byte[] userAndSecret = (user + ":" + secret).getBytes(StandardCharsets.UTF_8);
        return Base64.getEncoder().encodeToString(userAndSecret);
    }

    private static void addForms(Set<String> forms, String value) {
        Set<String> encoded = new LinkedHashSet<>();
        encoded.add(value);
        if (value.matches("[A-Za-z0-9+/=]+")) {
            encoded.add(value.replace('+', '-').replace('/', '_')); // base64url of a Basic value
        }
        for (String v : List.copyOf(encoded)) {
            String once = URLEncoder.encode(v, StandardCharsets.UTF_8);
            String twice = URLEncoder.encode(once, StandardCharsets.UTF_8);
            for (String url : List.of(once, twice)) {
                encoded.add(url);
                encoded.add(url.replace("+", "%20"));
                encoded.add(lowerHex(url));
            }
        }
        for (String v : encoded) {
            forms.add(v);
            String json = json(v);
            String json2 = json(json);
            for (String j : List.of(json, json2)) {
                forms.add(j);
                forms.add(j.replace("/", "\\/"));
                forms.add(asciiOnly(j));
            }
        }
    }

    private static String json(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }

    private static String asciiOnly(String json) {
        StringBuilder sb = new StringBuilder(json.length());
        json.chars().forEach(c -> sb.append(c < 128 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return sb.toString();
    }

    private static String lowerHex(String urlEncoded) {
        Matcher m = Pattern.compile("%[0-9A-F]{2}").matcher(urlEncoded);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, m.group().toLowerCase());
        }
        return m.appendTail(sb).toString();
    }

    /** The text with every form of every secret masked; null stays null. */
    public String redact(String text) {
        return containsSecret(text) ? forms.matcher(text).replaceAll(MASK) : text;
    }

    /** Whether the text contains a form of a secret. */
    public boolean containsSecret(String text) {
        if (text == null) {
            return false;
        }
        for (String needle : needles) {
            if (text.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the UTF-8 text contains a form of a secret, without decoding it: UTF-8 is self-synchronizing, so a form
     * occurs in the decoded text exactly when its UTF-8 bytes occur in the bytes.
     */
    boolean containsSecret(byte[] utf8) {
        for (int i = 0; i < utf8.length; i++) {
            byte[][] candidates = utf8NeedlesByFirstByte[utf8[i] & 0xff];
            if (candidates != null) {
                for (byte[] needle : candidates) {
                    if (i + needle.length <= utf8.length
                        && Arrays.equals(utf8, i, i + needle.length, needle, 0, needle.length)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The headers with every name and value redacted. */
    public Map<String, String> redact(Map<String, String> headers) {
        if (headers == null || forms == null || !anyContainsSecret(headers)) {
            return headers;
        }
        Map<String, String> redacted = new LinkedHashMap<>();
        headers.forEach((name, value) -> redacted.put(redact(name), redact(value)));
        return redacted;
    }

    private boolean anyContainsSecret(Map<String, String> headers) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (containsSecret(header.getKey()) || containsSecret(header.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** The response with its body and headers redacted; the same instance when it holds no secret. */
    public SmsHttpResponse redact(SmsHttpResponse response) {
        if (forms == null) {
            return response;
        }
        Map<String, String> headers = redact(response.headers());
        byte[] body = response.body();
        if (containsSecret(body)) {
            body = redact(response.bodyAsString()).getBytes(StandardCharsets.UTF_8);
        }
        return headers == response.headers() && body == response.body() ? response
                : new SmsHttpResponse(response.statusCode(), headers, body);
    }

    /**
     * The exception with its message, kept body and headers, and its causes' messages redacted: the same instance when
     * none holds a secret, otherwise a copy of the same type whose causes are {@link RedactedCause}s.
     */
    public SmsException redact(SmsException e) {
        if (forms == null || !holdsSecret(e)) {
            return e;
        }
        SmsFailure f = e.getFailure();
        SmsFailure failure = new SmsFailure(f.provider(), f.operation(), f.statusCode(), redact(f.providerCode()),
                f.retryable(), f.inDoubt(), redact(f.responseBody()), redact(f.responseHeaders()));
        String message = redact(e.getMessage());
        Throwable cause = redactCause(e.getCause());
        SmsException copy;
        if (e instanceof SmsValidationException v) {
            copy = new SmsValidationException(v.getField(), message, failure);
        } else if (e instanceof SmsRateLimitException r) {
            copy = new SmsRateLimitException(message, failure, r.getRetryAfter());
        } else if (e instanceof SmsPartialFailureException p) {
            copy = new SmsPartialFailureException(message, failure, p.getResult());
        } else if (e instanceof SmsAuthenticationException) {
            copy = new SmsAuthenticationException(message, failure, cause);
        } else if (e instanceof SmsForbiddenException) {
            copy = new SmsForbiddenException(message, failure, cause);
        } else if (e instanceof SmsInsufficientCreditException) {
            copy = new SmsInsufficientCreditException(message, failure, cause);
        } else if (e instanceof SmsNotFoundException) {
            copy = new SmsNotFoundException(message, failure, cause);
        } else if (e instanceof SmsTransportException) {
            copy = new SmsTransportException(message, failure, cause);
        } else if (e instanceof SmsProviderException) {
            copy = new SmsProviderException(message, failure, cause);
        } else {
            copy = new SmsException(message, failure, cause);
        }
        if (copy.getCause() == null && cause != null) {
            try {
                copy.initCause(cause);
            } catch (IllegalStateException alreadySet) {
                // a type built without a cause: the redacted message says what happened
            }
        }
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    /** Any throwable: an {@link SmsException} as {@link #redact(SmsException)}, another one replaced when it holds a secret. */
    public Throwable redact(Throwable t) {
        if (t instanceof SmsException e) {
            return redact(e);
        }
        return forms == null || !causesHoldSecret(t) ? t : redactCause(t);
    }

    private boolean holdsSecret(SmsException e) {
        SmsFailure f = e.getFailure();
        return containsSecret(e.getMessage()) || containsSecret(f.responseBody()) || containsSecret(f.providerCode())
               || redact(f.responseHeaders()) != f.responseHeaders() || causesHoldSecret(e.getCause());
    }

    private boolean causesHoldSecret(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (containsSecret(t.toString())) {
                return true;
            }
        }
        return false;
    }

    private Throwable redactCause(Throwable cause) {
        if (cause == null || !causesHoldSecret(cause)) {
            return cause;
        }
        RedactedCause copy = new RedactedCause(cause.getClass().getName() + ": " + redact(cause.getMessage()),
                redactCause(cause.getCause() == cause ? null : cause.getCause()));
        copy.setStackTrace(cause.getStackTrace());
        return copy;
    }

    @Override
    public String toString() {
        return "SmsRedactor[" + formList.size() + " forms of the endpoint's secrets]";
    }

    /** Stands in for a cause whose message held a secret: the original class name and the redacted message. */
    public static final class RedactedCause extends Exception {
        RedactedCause(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
