package io.github.camelsms.sms.provider.laml;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.camelsms.sms.spi.SmsSettings;
import io.github.camelsms.sms.spi.SmsHeaders;
import io.github.camelsms.sms.spi.SmsCall;
import io.github.camelsms.sms.spi.SmsRecipients;
import io.github.camelsms.sms.text.SmsTimes;

/**
 * Reads and checks the sender and the optional parameters of one LaML send. An input the provider does not document
 * never gets here: the operation does not declare it ({@link LamlProvider}'s feature methods), so the kit refuses it
 * (set on the endpoint or as a header) or leaves it at its default (set on the component).
 */
final class LamlSendParameters {

    static final Pattern MESSAGING_SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");
    private static final Pattern ALPHANUMERIC_SENDER = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}");
    private static final Pattern SHORT_CODE = Pattern.compile("\\d{3,8}");
    // a comma followed by a URL scheme starts the next URL; any other comma belongs to the URL
    private static final Pattern MEDIA_URL_SEPARATOR = Pattern.compile(",\\s*(?=https?://)");
    static final Duration MIN_SCHEDULE_AHEAD = Duration.ofMinutes(15);
    static final Duration MAX_SCHEDULE_AHEAD = Duration.ofDays(35);

    private LamlSendParameters() {
    }

    /** The Messaging Service SID of the send, or null. */
    static String messagingServiceSid(SmsCall call, LamlProvider provider) {
        String sid = call.text(SmsHeaders.MESSAGING_SERVICE_SID, call.configuration().getMessagingServiceSid());
        if (sid == null) {
            return null;
        }
        if (!MESSAGING_SERVICE_SID.matcher(sid).matches()) {
            throw call.invalid("messagingServiceSid", "the Messaging Service SID '" + sid + "' is not MG followed by"
                                                      + " 32 hex digits: copy it from the Messaging Services page");
        }
        return sid;
    }

    /** The sender in the provider's wire form, or null when a Messaging Service picks it. */
    static String from(SmsCall call, LamlProvider provider, String messagingServiceSid) {
        SmsSettings configuration = call.configuration();
        String raw = call.text(SmsHeaders.FROM, configuration.getFrom());
        if (raw == null) {
            if (messagingServiceSid != null) {
                return null;
            }
            throw call.invalid("from", "no sender: set the from option or the CamelSmsFrom header to "
                                       + provider.senderKinds() + (provider.supportsMessagingService()
                                               ? ", or set messagingServiceSid to let a Messaging Service pick it"
                                               : ""));
        }
        return sender(call, provider, raw);
    }

    /** A sender as the provider takes it (also a From filter of listMessages); refuses what it does not document. */
    static String sender(SmsCall call, LamlProvider provider, String raw) {
        SmsSettings configuration = call.configuration();
        String channel = SmsRecipients.channelPrefix(raw, provider.channels());
        if (channel != null) {
            String number = LamlNumbers.e164(raw.substring(channel.length()), configuration.getDefaultRegion());
            if (number == null) {
                throw call.invalid("from", "the sender '" + raw + "' is not a channel address: write " + channel
                                           + " and an E.164 number, for example " + channel + "+15005550006");
            }
            return channel + number;
        }
        if (raw.startsWith("+")) {
            String number = LamlNumbers.e164(raw, null);
            if (number == null) {
                throw call.invalid("from", "the sender '" + raw + "' is not a possible E.164 number: a + then the"
                                           + " country code and the number, for example +15005550006");
            }
            return number;
        }
        String national = configuration.getDefaultRegion() == null ? null
                : LamlNumbers.e164(raw, configuration.getDefaultRegion());
        if (national != null) {
            return national;
        }
        if (provider.acceptsShortCodeSender() && SHORT_CODE.matcher(raw).matches()) {
            return raw;
        }
        if (provider.acceptsAlphanumericSender() && ALPHANUMERIC_SENDER.matcher(raw).matches()) {
            return raw;
        }
        throw call.invalid("from", "the sender '" + raw + "' is not " + provider.senderKinds()
                                   + " (in an endpoint URI write from=RAW(+15005550006), since a bare + in a URI"
                                   + " means a space)");
    }

    /** The media URLs: each Collection element is one URL; a String is split at commas that start a new URL. */
    static List<String> mediaUrls(SmsCall call) {
        Object header = call.rawHeader(SmsHeaders.MEDIA_URL);
        List<String> urls = new ArrayList<>();
        if (header instanceof Iterable<?> values) {
            values.forEach(v -> addUrl(urls, v));
        } else if (header instanceof Object[] values) {
            for (Object v : values) {
                addUrl(urls, v);
            }
        } else if (header != null) {
            splitUrls(urls, header.toString());
        }
        if (urls.isEmpty() && call.configuration().getMediaUrl() != null) {
            splitUrls(urls, call.configuration().getMediaUrl());
        }
        return urls;
    }

    private static void splitUrls(List<String> into, String text) {
        for (String part : MEDIA_URL_SEPARATOR.split(text)) {
            addUrl(into, part);
        }
    }

    private static void addUrl(List<String> into, Object value) {
        if (value != null && !value.toString().isBlank()) {
            into.add(value.toString().strip());
        }
    }

    /**
     * The optional form parameters (schedule, validity, encoding and pricing flags), in the provider's names; refuses
     * every input the provider cannot honour.
     */
    static Map<String, Object> optional(SmsCall call, LamlProvider provider, String messagingServiceSid) {
        SmsSettings configuration = call.configuration();
        Map<String, Object> form = new LinkedHashMap<>();
        Instant sendAt = scheduledAt(call, provider, messagingServiceSid);
        if (sendAt != null) {
            form.put("ScheduleType", "fixed");
            form.put("SendAt", sendAt.toString());
        }
        Integer validity = call.header(SmsHeaders.VALIDITY_PERIOD, Integer.class);
        if (validity == null) {
            validity = configuration.getValidityPeriod();
        }
        if (validity != null) {
            int max = provider.maxValidityPeriod();
            if (validity < 1 || validity > max) {
                throw call.invalid("validityPeriod", "validityPeriod " + validity + " is out of range: "
                                                     + provider.name() + " takes 1 to " + max + " seconds");
            }
            form.put("ValidityPeriod", validity);
        }
        flag(form, "SmartEncoded", configuration.getSmartEncoded());
        flag(form, "ShortenUrls", configuration.getShortenUrls());
        if (form.containsKey("ShortenUrls") && messagingServiceSid == null) {
            throw call.invalid("shortenUrls", "shortenUrls works only through a Messaging Service with link"
                                              + " shortening: set messagingServiceSid as well");
        }
        flag(form, "SendAsMms", configuration.getSendAsMms());
        String maxPriceText = configuration.getMaxPrice();
        if (maxPriceText != null && !maxPriceText.isBlank()) {
            BigDecimal maxPrice;
            try {
                maxPrice = new BigDecimal(maxPriceText.strip());
            } catch (NumberFormatException e) {
                maxPrice = BigDecimal.ZERO;
            }
            if (maxPrice.signum() <= 0) {
                throw call.invalid("maxPrice", "maxPrice '" + maxPriceText + "' is not a positive amount in USD: write"
                                               + " it like 0.05");
            }
            form.put("MaxPrice", maxPrice.toPlainString());
        }
        return form;
    }

    private static void flag(Map<String, Object> form, String parameter, Boolean value) {
        if (value != null) {
            form.put(parameter, value);
        }
    }

    private static Instant scheduledAt(SmsCall call, LamlProvider provider, String messagingServiceSid) {
        Object raw = call.rawHeader(SmsHeaders.SCHEDULED_AT);
        if (raw == null) {
            return null;
        }
        Instant at;
        try {
            at = SmsTimes.toInstant(raw);
        } catch (IllegalArgumentException e) {
            throw call.invalid(SmsHeaders.SCHEDULED_AT, "CamelSmsScheduledAt is " + e.getMessage());
        }
        if (messagingServiceSid == null) {
            throw call.invalid("messagingServiceSid", provider.name() + " schedules only messages sent through a"
                                                      + " Messaging Service: set the messagingServiceSid option or"
                                                      + " the CamelSmsMessagingServiceSid header (MG...)");
        }
        Instant sendAt = at.truncatedTo(ChronoUnit.SECONDS);
        Duration ahead = Duration.between(Instant.now(), sendAt);
        if (ahead.compareTo(MIN_SCHEDULE_AHEAD) < 0 || ahead.compareTo(MAX_SCHEDULE_AHEAD) > 0) {
            throw call.invalid(SmsHeaders.SCHEDULED_AT, "the scheduled time " + sendAt + " is "
                                                          + describe(ahead) + "; " + provider.name()
                                                          + " schedules between 15 minutes and 35 days ahead");
        }
        return sendAt;
    }

    private static String describe(Duration ahead) {
        if (ahead.isNegative()) {
            return "in the past";
        }
        return (ahead.toDays() >= 1 ? ahead.toDays() + " days" : ahead.toMinutes() + " minutes") + " ahead";
    }
}
