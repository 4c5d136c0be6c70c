package io.github.camelsms.sms.spi;

import io.github.camelsms.sms.text.SmsText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.exception.SmsFailure;
import io.github.camelsms.sms.exception.SmsPartialFailureException;
import io.github.camelsms.sms.exception.SmsValidationException;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import org.apache.camel.Exchange;

/**
 * One exchange being handled by a provider: its inputs (headers over endpoint options), the transport to send with,
 * and the out headers to set when the call succeeds.
 */
public final class SmsCall {

    private final Exchange exchange;
    private final SmsSettings configuration;
    private final SmsProvider provider;
    private final SmsTransport transport;
    private final Map<String, Object> outHeaders = new LinkedHashMap<>();
    private volatile int lastStatusCode;

    public SmsCall(Exchange exchange, SmsSettings configuration, SmsProvider provider,
                   SmsTransport transport) {
        this.exchange = exchange;
        this.configuration = configuration;
        this.provider = provider;
        this.transport = transport;
    }

    public Exchange exchange() {
        return exchange;
    }

    public SmsSettings configuration() {
        return configuration;
    }

    public String operation() {
        return configuration.getOperation();
    }

    public String provider() {
        return provider.name();
    }

    /**
     * Sends one request. The future completes with the 2xx answer or fails with the mapped
     * {@link io.github.camelsms.sms.exception.SmsException}; no thread waits meanwhile.
     */
    public CompletableFuture<SmsHttpResponse> send(SmsHttpRequest request) {
        return transport.send(request, operation()).thenApply(response -> {
            lastStatusCode = response.statusCode();
            return response;
        });
    }

    /**
     * Sends one request and reads its 2xx answer with the reader. A value the reader cannot read (it throws anything
     * but an {@link SmsException}: an absurd cost, an unreadable date) makes the answer unreadable: in doubt when the
     * request changes state, retryable when it only reads.
     */
    public <T> CompletableFuture<T> send(SmsHttpRequest request, Function<SmsHttpResponse, T> reader) {
        return send(request).thenApply(response -> read(request, response, reader));
    }

    /** Reads an answer as {@link #send(SmsHttpRequest, Function)} does. */
    public <T> T read(SmsHttpRequest request, SmsHttpResponse response, Function<SmsHttpResponse, T> reader) {
        try {
            return reader.apply(response);
        } catch (SmsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw SmsErrors.unreadable(provider.name(), operation(), request, response, unreadableValue(e));
        }
    }

    /** How an answer the reader failed on is described in the exception's message. */
    static String unreadableValue(RuntimeException e) {
        String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return "a value that cannot be read (" + (why.length() <= 200 ? why : why.substring(0, 200) + "...") + ")";
    }

    /**
     * Sends one message to many recipients as the batch says (one request per recipient or per group, at most its
     * concurrency in flight, without a thread per request) and completes the send: the result in input order with one
     * entry per recipient, its out headers, or the exception (see {@link SmsBatchSend#finish}).
     */
    public CompletableFuture<SmsSendResult> sendBatch(SmsRecipients recipients, SmsText text, SmsBatch batch) {
        return new SmsBatchSend(this, recipients.numbers(), batch).start()
                .thenApply(send -> send.finish(recipients, text));
    }

    /** Notes a 2xx answer read by a batch (for the response code header). */
    void answered(SmsHttpResponse response) {
        lastStatusCode = response.statusCode();
    }

    /**
     * Whether a further request of this exchange may start: false once Camel is stopping (a bulk send then ends with
     * what it sent so far while the route can still handle the outcome) or the component closed its clients.
     */
    public boolean canSend() {
        org.apache.camel.CamelContext context = exchange.getContext();
        return transport.isOpen() && !context.isStopping() && !context.isStopped();
    }

    public SmsTransport transport() {
        return transport;
    }

    public int lastStatusCode() {
        return lastStatusCode;
    }

    public void setOutHeader(String name, Object value) {
        outHeaders.put(name, value);
    }

    public Map<String, Object> outHeaders() {
        return outHeaders;
    }

    /** A header as String, or the option's value when the header is absent or blank; null when neither is set. */
    public String text(String header, String optionValue) {
        String value = exchange.getMessage().getHeader(header, String.class);
        if (value == null || value.isBlank()) {
            value = optionValue;
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A header converted to the type, or null. */
    public <T> T header(String header, Class<T> type) {
        return exchange.getMessage().getHeader(header, type);
    }

    /** The raw header value, or null. */
    public Object rawHeader(String header) {
        return exchange.getMessage().getHeader(header);
    }

    /**
     * The message body as String, or null when the body is null. Refuses text with a lone UTF-16 surrogate (broken
     * Unicode that no provider can encode) on field "body".
     */
    public String bodyText() {
        String body = exchange.getMessage().getBody(String.class);
        if (body != null && hasLoneSurrogate(body)) {
            throw invalid("body", "the message text is not valid Unicode (it has a lone UTF-16 surrogate, such as half"
                                  + " an emoji)");
        }
        return body;
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The recipients from {@link SmsHeaders#TO} (a String, comma-separated String, array or Collection) or the to
     * option, trimmed, without empty entries.
     */
    public List<String> recipients() {
        Object header = exchange.getMessage().getHeader(SmsHeaders.TO);
        List<String> result = new ArrayList<>();
        if (header instanceof Collection<?> values) {
            values.forEach(v -> addSplit(result, v));
        } else if (header instanceof Object[] values) {
            for (Object v : values) {
                addSplit(result, v);
            }
        } else if (header != null) {
            addSplit(result, exchange.getContext().getTypeConverter().convertTo(String.class, exchange, header));
        }
        if (result.isEmpty()) {
            addSplit(result, configuration.getTo());
        }
        return result;
    }

    /** A list-valued input: a header (String, comma-separated, array or Collection) or the comma-separated option. */
    public List<String> list(String header, String optionValue) {
        Object value = exchange.getMessage().getHeader(header);
        List<String> result = new ArrayList<>();
        if (value instanceof Collection<?> values) {
            values.forEach(v -> addSplit(result, v));
        } else if (value instanceof Object[] values) {
            for (Object v : values) {
                addSplit(result, v);
            }
        } else if (value != null) {
            addSplit(result, value.toString());
        }
        if (result.isEmpty()) {
            addSplit(result, optionValue);
        }
        return result;
    }

    private static void addSplit(List<String> into, Object value) {
        if (value == null) {
            return;
        }
        for (String part : value.toString().split(",")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                into.add(trimmed);
            }
        }
    }

    /**
     * How the text travels as SMS (encoding and segments); refuses it on field "body" when it takes more segments
     * than the maxSegments option allows.
     */
    public SmsText smsText(String text) {
        SmsText smsText = SmsText.of(text == null ? "" : text);
        Integer maxSegments = configuration.getMaxSegments();
        if (maxSegments != null && maxSegments > 0 && smsText.segments() > maxSegments) {
            throw invalid("body", "the message takes " + smsText.segments() + " SMS segments (" + smsText.encoding()
                                  + ", " + smsText.units() + " units); maxSegments allows " + maxSegments
                                  + ". Shorten the text" + (SmsText.UCS2.equals(smsText.encoding())
                                          ? " or avoid characters outside the GSM alphabet (emoji, some accents)"
                                          : ""));
        }
        return smsText;
    }

    /**
     * Sets a send's out headers and, when recipients were rejected and failOnPartialFailure is set, throws
     * {@link SmsPartialFailureException}.
     *
     * @param status  the CamelSmsStatus to set, or null for ACCEPTED or PARTIAL
     * @param failure what to carry in the exception, or null to derive it from the result
     */
    public SmsSendResult completeSend(SmsSendResult result, SmsText text, String status, SmsFailure failure) {
        setOutHeader(SmsHeaders.STATUS, status != null ? status : result.getRejectedCount() == 0 ? "ACCEPTED"
                : "PARTIAL");
        setOutHeader(SmsHeaders.ACCEPTED_COUNT, result.getAcceptedCount());
        setOutHeader(SmsHeaders.REJECTED_COUNT, result.getRejectedCount());
        setOutHeader(SmsHeaders.MESSAGE_IDS, result.getMessageIds());
        setOutHeader(SmsHeaders.COST, result.getTotalCost());
        setOutHeader(SmsHeaders.ENCODING, text.encoding());
        setOutHeader(SmsHeaders.SEGMENTS, text.segments());
        if (result.getRejectedCount() == 0 || !configuration.isFailOnPartialFailure()) {
            return result;
        }
        List<SmsRecipientResult> rejected = result.getRecipients().stream().filter(r -> !r.isAccepted()).toList();
        StringBuilder summary = new StringBuilder();
        rejected.stream().limit(5).forEach(r -> summary.append(summary.isEmpty() ? "" : "; ").append(r.getTo())
                .append(": ").append(r.getErrorMessage()));
        if (rejected.size() > 5) {
            summary.append("; ...");
        }
        boolean inDoubt = rejected.stream().anyMatch(r -> SmsRecipientResult.IN_DOUBT.equals(r.getStatus()));
        SmsFailure carried = failure != null ? failure
                : new SmsFailure(provider.name(), operation(), lastStatusCode, null, false, inDoubt, null, null);
        throw new SmsPartialFailureException(provider.name() + " " + operation() + ": " + rejected.size() + " of "
                                             + result.getRecipients().size() + " recipients were rejected ("
                                             + summary + "). The others were sent to: do not resend to them",
                carried, result);
    }

    /** A validation failure naming the field; nothing has been sent. */
    public SmsValidationException invalid(String field, String message) {
        return SmsErrors.invalid(provider.name(), operation(), field, message);
    }
}
