package io.github.camelsms.sms.http;

import io.github.camelsms.sms.spi.SmsAuthentication;
import io.github.camelsms.sms.spi.SmsProvider;
import io.github.camelsms.sms.spi.SmsProviderOption;
import io.github.camelsms.sms.spi.SmsSettings;
import org.apache.camel.spi.UriParam;

import java.nio.charset.StandardCharsets;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.camelsms.sms.exception.SmsAuthenticationException;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.exception.SmsFailure;
import io.github.camelsms.sms.exception.SmsForbiddenException;
import io.github.camelsms.sms.exception.SmsInsufficientCreditException;
import io.github.camelsms.sms.exception.SmsNotFoundException;
import io.github.camelsms.sms.exception.SmsPartialFailureException;
import io.github.camelsms.sms.exception.SmsProviderException;
import io.github.camelsms.sms.exception.SmsRateLimitException;
import io.github.camelsms.sms.exception.SmsTransportException;
import io.github.camelsms.sms.exception.SmsValidationException;
import io.github.camelsms.sms.spi.SmsHttpResponse;

/**
 * The one place that removes an endpoint's secrets from what the component keeps or prints. Built when the endpoint
 * starts from every option the metadata marks secret (no list kept by hand) and every form the provider's
 * authentication sends one in, such as the {@code Authorization} and {@code Proxy-Authorization} Basic values
 * (base64 of {@code user:secret}).
 * {@link SmsSecretScanner} finds them in every encoding they travel in (URL-encoded, JSON- or HTML-escaped, layered,
 * in any charset the bytes may be in); each is replaced by {@value #MASK}.
 */
public final class SmsRedactor {

    /** The options the metadata marks secret, per settings class (the component's configuration). */
    private static final ClassValue<List<Field>> SECRET_OPTIONS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            return secretOptions(type);
        }
    };

    public static final String MASK = "****";

    /** Shorter secrets are not searched for: masking a one- or two-letter string everywhere would garble every text. */
    static final int MIN_SECRET_LENGTH = 4;

    public static final SmsRedactor NONE = new SmsRedactor(List.of());

    private final List<String> secrets;
    private final SmsSecretScanner scanner;

    private SmsRedactor(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
        this.scanner = new SmsSecretScanner(secrets);
    }

    /** Every secret this redactor masks, as it is. */
    List<String> secrets() {
        return secrets;
    }

    /**
     * The redactor of an endpoint: every option the metadata marks secret (the {@link UriParam#secret()} options of
     * the component's configuration and the provider's secret {@link SmsProviderOption}s), in every form its authentication
     * sends them, and the proxy's Basic credentials.
     */
    public static SmsRedactor of(SmsSettings configuration, SmsProvider provider,
                                 SmsAuthentication authentication) {
        Set<String> values = new LinkedHashSet<>();
        for (Field option : SECRET_OPTIONS.get(configuration.getClass())) {
            try {
                addSecret(values, (String) option.get(configuration));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        for (SmsProviderOption option : provider.providerOptions()) {
            if (option.secret()) {
                addSecret(values, option.string(configuration));
            }
        }
        if (authentication != null) {
            authentication.secretsOnTheWire().forEach(form -> addSecret(values, form));
        }
        if (isSecret(configuration.getProxyAuthPassword()) && configuration.getProxyAuthUsername() != null) {
            values.add(basic(configuration.getProxyAuthUsername(), configuration.getProxyAuthPassword()));
        }
        for (String value : List.copyOf(values)) {
            if (value.matches("[A-Za-z0-9+/=]+")) {
                values.add(value.replace('+', '-').replace('/', '_')); // base64url of a Basic value
            }
        }
        return new SmsRedactor(new ArrayList<>(values));
    }

    private static List<Field> secretOptions(Class<?> settings) {
        List<Field> secrets = new ArrayList<>();
        for (Class<?> type = settings; type != null && type != Object.class; type = type.getSuperclass()) {
            secretOptionsOf(type, secrets);
        }
        return List.copyOf(secrets);
    }

    private static void secretOptionsOf(Class<?> type, List<Field> secrets) {
        for (Field field : type.getDeclaredFields()) {
            UriParam option = field.getAnnotation(UriParam.class);
            if (option != null && option.secret()) {
                if (field.getType() != String.class) {
                    throw new IllegalStateException("secret option " + field.getName() + " is not a String");
                }
                field.setAccessible(true);
                secrets.add(field);
            }
        }
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

    /** The text with every secret masked; null stays null. */
    public String redact(String text) {
        if (text == null || scanner.isEmpty()) {
            return text;
        }
        SmsSecretScanner.Spans found = scanner.find(text);
        if (found.isEmpty()) {
            return text;
        }
        StringBuilder redacted = new StringBuilder(text.length());
        int at = 0;
        for (int i = 0; i < found.size(); i++) {
            redacted.append(text, at, found.start(i)).append(MASK);
            at = found.end(i);
        }
        return redacted.append(text, at, text.length()).toString();
    }

    /** Whether the text contains a secret in any form. */
    public boolean containsSecret(String text) {
        return text != null && !scanner.isEmpty() && !scanner.find(text).isEmpty();
    }

    /** The headers with every name and value redacted. */
    public Map<String, String> redact(Map<String, String> headers) {
        if (headers == null || scanner.isEmpty() || !anyContainsSecret(headers)) {
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
        if (scanner.isEmpty()) {
            return response;
        }
        Map<String, String> headers = redact(response.headers());
        byte[] body = scanner.mask(response.body(), MASK);
        return headers == response.headers() && body == response.body() ? response
                : new SmsHttpResponse(response.statusCode(), headers, body);
    }

    /**
     * The exception with its message, kept body and headers, and its causes' messages redacted: the same instance when
     * none holds a secret, otherwise a copy of the same type whose causes are {@link RedactedCause}s.
     */
    public SmsException redact(SmsException e) {
        if (scanner.isEmpty() || !holdsSecret(e)) {
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
        return scanner.isEmpty() || !causesHoldSecret(t) ? t : redactCause(t);
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
        return "SmsRedactor[" + secrets.size() + " of the endpoint's secrets]";
    }

    /** Stands in for a cause whose message held a secret: the original class name and the redacted message. */
    public static final class RedactedCause extends Exception {
        RedactedCause(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
