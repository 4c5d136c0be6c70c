package io.github.camelsms.sms.spi;

import org.apache.camel.Exchange;

/**
 * The names of the {@code CamelSms*} message headers, for the code below the component (providers, the kit). Routes
 * use the same names through {@link io.github.camelsms.sms.SmsConstants}, which documents each one.
 */
public final class SmsHeaders {

    // in: override the endpoint options for one exchange
    public static final String TO = "CamelSmsTo";
    public static final String FROM = "CamelSmsFrom";
    public static final String SCHEDULED_AT = "CamelSmsScheduledAt";
    public static final String REFERENCE = "CamelSmsReference";
    public static final String GROUP_ID = "CamelSmsGroupId";
    public static final String GROUP_NAME = "CamelSmsGroupName";
    public static final String PHONE_NUMBER = "CamelSmsPhoneNumber";
    public static final String CONTACT_NAME = "CamelSmsContactName";
    public static final String MESSAGE_ID = "CamelSmsMessageId";
    public static final String MEDIA_URL = "CamelSmsMediaUrl";
    public static final String CALLBACK_URL = "CamelSmsCallbackUrl";
    public static final String FLASH = "CamelSmsFlash";
    public static final String LOG_FROM = "CamelSmsLogFrom";
    public static final String LOG_TO = "CamelSmsLogTo";
    public static final String DATE_SENT = "CamelSmsDateSent";
    public static final String DATE_SENT_AFTER = "CamelSmsDateSentAfter";
    public static final String DATE_SENT_BEFORE = "CamelSmsDateSentBefore";
    public static final String MESSAGING_SERVICE_SID = "CamelSmsMessagingServiceSid";
    public static final String VALIDITY_PERIOD = "CamelSmsValidityPeriod";

    // out
    public static final String PROVIDER = "CamelSmsProvider";
    public static final String OPERATION = "CamelSmsOperation";
    public static final String MESSAGE_IDS = "CamelSmsMessageIds";
    public static final String STATUS = "CamelSmsStatus";
    public static final String COST = "CamelSmsCost";
    public static final String ACCEPTED_COUNT = "CamelSmsAcceptedCount";
    public static final String REJECTED_COUNT = "CamelSmsRejectedCount";
    public static final String SEGMENTS = "CamelSmsSegments";
    public static final String ENCODING = "CamelSmsEncoding";
    public static final String CURRENCY = "CamelSmsCurrency";
    public static final String HTTP_RESPONSE_CODE = Exchange.HTTP_RESPONSE_CODE;

    private SmsHeaders() {
    }
}
