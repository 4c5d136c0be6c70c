package io.github.camelsms.sms.spi;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

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
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.HttpException;

/**
 * Builds every {@link SmsException}: the one place that decides the exception type and its retryable and in-doubt
 * flags. Providers only extract their code and message and say which {@link Kind} a failure is.
 */
public final class SmsErrors {

    /** The exception a failure becomes. */
    public enum Kind {
        VALIDATION,
        AUTHENTICATION,
        FORBIDDEN,
        INSUFFICIENT_CREDIT,
        NOT_FOUND,
        RATE_LIMIT,
        PROVIDER
    }

    private SmsErrors() {
    }

    /** The usual kind for an HTTP status. */
    public static Kind kindOf(int statusCode) {
        return switch (statusCode) {
            case 400, 422 -> Kind.VALIDATION;
            case 401 -> Kind.AUTHENTICATION;
            case 402 -> Kind.INSUFFICIENT_CREDIT;
            case 403 -> Kind.FORBIDDEN;
            case 404 -> Kind.NOT_FOUND;
            case 429 -> Kind.RATE_LIMIT;
            default -> Kind.PROVIDER;
        };
    }

    /**
     * An exception for a provider's failure answer.
     *
     * @param detail what the provider said, or null
     * @param hint   how to fix it, or null
     */
    public static SmsException fromResponse(
            Kind kind, String provider, String operation, SmsHttpRequest request, SmsHttpResponse response,
            String providerCode, String detail, String hint) {
        int status = response.statusCode();
        Duration retryAfter = parseRetryAfter(response.header("Retry-After"));
        boolean serverError = status >= 500;
        boolean unavailableWithRetryAfter = status == 503 && retryAfter != null;
        boolean inDoubt = serverError && request.changesState() && !unavailableWithRetryAfter;
        boolean retryable = kind == Kind.RATE_LIMIT || unavailableWithRetryAfter || serverError && !inDoubt;
        SmsFailure failure = new SmsFailure(provider, operation, status, providerCode, retryable, inDoubt,
                response.bodyAsString(), response.headers());

        StringBuilder message = new StringBuilder(160).append(provider).append(' ').append(operation)
                .append(" failed with HTTP ").append(status);
        if (providerCode != null) {
            message.append(" (code ").append(providerCode).append(')');
        }
        if (detail != null && !detail.isBlank()) {
            message.append(": ").append(detail.strip());
        }
        if (inDoubt) {
            message.append(request.sendsSms()
                    ? ". The provider may have sent the message all the same: check before sending again"
                    : ". The provider may have carried out the " + operation + " all the same: check before trying"
                      + " again");
        }
        if (hint != null) {
            message.append(". ").append(hint);
        }
        String text = message.toString();
        return switch (kind) {
            case VALIDATION -> new SmsValidationException(text, failure);
            case AUTHENTICATION -> new SmsAuthenticationException(text, failure);
            case FORBIDDEN -> new SmsForbiddenException(text, failure);
            case INSUFFICIENT_CREDIT -> new SmsInsufficientCreditException(text, failure);
            case NOT_FOUND -> new SmsNotFoundException(text, failure);
            case RATE_LIMIT -> new SmsRateLimitException(text, failure, retryAfter);
            case PROVIDER -> new SmsProviderException(text, failure);
        };
    }

    /**
     * The proxy refused to open the tunnel to the provider: nothing was sent to the provider. Retryable only when the
     * proxy itself was unavailable (5xx).
     */
    public static SmsTransportException refusedByProxy(
            String provider, String operation, SmsHttpRequest request, String proxy, SmsHttpResponse response) {
        int status = response.statusCode();
        SmsFailure failure = new SmsFailure(provider, operation, status, null, status >= 500, false,
                response.bodyAsString(), response.headers());
        String why = status == 407
                ? " refused the proxy credentials (HTTP 407): check proxyAuthUsername and proxyAuthPassword"
                : " refused the tunnel to the provider (HTTP " + status + ")";
        return new SmsTransportException(provider + " " + operation + ": the proxy " + proxy + why
                                         + ". Nothing was sent to " + provider, failure);
    }

    /** An answer that arrived but cannot be understood. */
    public static SmsProviderException unreadable(
            String provider, String operation, SmsHttpRequest request, SmsHttpResponse response, String what) {
        boolean inDoubt = request.changesState();
        SmsFailure failure = new SmsFailure(provider, operation, response.statusCode(), null, !inDoubt, inDoubt,
                response.bodyAsString(), response.headers());
        return new SmsProviderException(provider + " " + operation + " returned HTTP " + response.statusCode()
                                        + " with " + what + (inDoubt ? "; " + mayHaveActed(request, operation) : ""),
                failure);
    }

    /**
     * A failure the component did not foresee while sending; a send is then in doubt. A null request: it failed while
     * the request was being built, so nothing was sent.
     */
    public static SmsProviderException unexpected(
            String provider, String operation, SmsHttpRequest request, RuntimeException e) {
        boolean inDoubt = request != null && request.changesState();
        return new SmsProviderException(provider + " " + operation + " failed unexpectedly: " + e,
                new SmsFailure(provider, operation, 0, null, false, inDoubt, null, null), e);
    }

    /**
     * A URL the provider gave (a next page) that the credentials must not be sent to; nothing was sent. Not retryable:
     * the same answer leads to the same URL.
     */
    public static SmsProviderException foreignUrl(String provider, String operation, String url, String reason) {
        return new SmsProviderException(provider + " " + operation + ": the provider gave the URL '" + url
                                        + "' to call next, but " + reason + "; refused without sending anything,"
                                        + " so the credentials never went there",
                new SmsFailure(provider, operation, 0, null, false, false, null, null));
    }

    /** Bad input, found before anything was sent. */
    public static SmsValidationException invalid(String provider, String operation, String field, String message) {
        return new SmsValidationException(field, provider + " " + operation + ": " + message,
                SmsFailure.beforeSending(provider, operation));
    }

    /**
     * A network failure, knowing whether any byte of the request may have been written. That alone decides whether a
     * state-changing request is in doubt, whatever the exception: a TLS server may end the session with a
     * handshake-class alert (a renegotiation) after reading the whole request, and a reset or a timeout may come before
     * anything was written.
     */
    public static SmsTransportException fromIo(
            String provider, String operation, SmsHttpRequest request, String url, IOException e,
            boolean requestWritten) {
        boolean inDoubt = requestWritten && request.changesState();
        SmsFailure failure = new SmsFailure(provider, operation, 0, null, !inDoubt, inDoubt, null, null);
        String message = provider + " " + operation + ": " + describe(e) + " calling " + url
                         + (inDoubt ? ". The request had gone out, so " + mayHaveActed(request, operation)
                                    : requestWritten ? ""
                                                     : ". Nothing was sent; check the base URL, the network and the"
                                                       + " proxy");
        return new SmsTransportException(message, failure, e);
    }

    /**
     * An answer HttpClient could not read as HTTP (a broken status line, header or Content-Length). The request went
     * out if its bytes were written, so a send is then in doubt.
     */
    public static SmsTransportException notHttp(
            String provider, String operation, SmsHttpRequest request, String url, HttpException e,
            boolean requestWritten) {
        return afterWriting(provider, operation, request, requestWritten, e, url
                + " answered with something that is not valid HTTP (" + named(e) + ")",
                requestWritten ? "" : ". Nothing was sent");
    }

    /**
     * A request that did not complete because the component stopped, the client was closed, the connection pool gave
     * up or cancelled it, or the waiting thread was interrupted. In doubt when its bytes may have gone out.
     */
    public static SmsTransportException aborted(
            String provider, String operation, SmsHttpRequest request, String url, Exception e,
            boolean requestWritten) {
        return afterWriting(provider, operation, request, requestWritten, e, "the request to " + url
                + " was abandoned (" + named(e) + "), for example because the component is stopping",
                ". Nothing was sent");
    }

    /** A failure once the request may have been written: in doubt if it was and it changes state. */
    private static SmsTransportException afterWriting(
            String provider, String operation, SmsHttpRequest request, boolean requestWritten, Exception e,
            String what, String ifNotInDoubt) {
        boolean inDoubt = requestWritten && request.changesState();
        SmsFailure failure = new SmsFailure(provider, operation, 0, null, !inDoubt, inDoubt, null, null);
        String message = provider + " " + operation + ": " + what
                         + (inDoubt ? ". The request had gone out, so " + mayHaveActed(request, operation)
                                    : ifNotInDoubt);
        return new SmsTransportException(message, failure, e);
    }

    private static String named(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }

    /**
     * A send to several recipients that Camel's stop cut short: the exchange fails with the merged result so
     * far (accepted, in doubt, failed, not sent), in doubt when any recipient is.
     */
    public static SmsPartialFailureException stopped(String provider, String operation, SmsSendResult result) {
        int inDoubt = 0;
        int notSent = 0;
        for (SmsRecipientResult r : result.getRecipients()) {
            inDoubt += SmsRecipientResult.IN_DOUBT.equals(r.getStatus()) ? 1 : 0;
            notSent += SmsRecipientResult.NOT_SENT.equals(r.getStatus()) ? 1 : 0;
        }
        SmsFailure failure = new SmsFailure(provider, operation, 0, null, false, inDoubt > 0, null, null);
        return new SmsPartialFailureException(provider + " " + operation + " was cut short because Camel is stopping: "
                                              + result.getAcceptedCount() + " of "
                                              + result.getRecipients().size() + " recipients accepted, " + inDoubt
                                              + " in doubt (check before sending again), " + notSent
                                              + " not sent. getResult() lists each recipient", failure, result);
    }

    private static String mayHaveActed(SmsHttpRequest request, String operation) {
        return request.sendsSms() ? "the message may have been sent: check before sending again"
                : "the provider may have carried out the " + operation + ": check before trying again";
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectTimeoutException) {
            return "connect timeout";
        } else if (e instanceof ConnectException) {
            return "connection refused";
        } else if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        } else if (e instanceof SSLHandshakeException) {
            return "TLS handshake failed (" + e.getMessage() + ")";
        } else if (e instanceof SSLException) {
            return "TLS failure (" + e.getMessage() + ")";
        } else if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return "no response within the response timeout";
        }
        return "connection failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
    }

    /** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
    public static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(Instant.now(),
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
