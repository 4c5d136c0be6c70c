package io.github.camelsms.sms;

import io.github.camelsms.sms.spi.SmsHeaders;
import org.apache.camel.spi.Metadata;

/**
 * The message headers the sms component reads and writes (their names are defined once, in
 * {@link SmsHeaders}, for the code below the component).
 */
public final class SmsConstants {

    // in: override the endpoint options for one exchange

    @Metadata(description = "Producer: the recipient(s), a number, a comma-separated list of numbers or a Collection of"
                            + " numbers; overrides the to option. Consumer: the recipient of a delivery report, your"
                            + " number an inbound SMS went to.",
              javaType = "String")
    public static final String TO = SmsHeaders.TO;
    @Metadata(description = "Producer: the sender, overriding the from option. Consumer: the sender of an inbound SMS"
                            + " or of the reported message (LaML).",
              javaType = "String")
    public static final String FROM = SmsHeaders.FROM;
    @Metadata(label = "producer", description = "When to send the message: an Instant, ZonedDateTime,"
                                                + " OffsetDateTime, Date or epoch seconds. Must be in the future."
                                                + " cpsms: any future time; twilio: 15 minutes to 35 days ahead and"
                                                + " only with messagingServiceSid (sent as ScheduleType=fixed and"
                                                + " SendAt); mycpaas and signalwire refuse it.",
              javaType = "Object")
    public static final String SCHEDULED_AT = SmsHeaders.SCHEDULED_AT;
    @Metadata(description = "Your own reference of the message, up to 32 characters (cpsms; LaML providers refuse"
                            + " it). Needed to cancel a scheduled message. Overrides the reference option. Consumer:"
                            + " the reference of the message a CPSMS delivery report is about.",
              javaType = "String")
    public static final String REFERENCE = SmsHeaders.REFERENCE;
    @Metadata(label = "producer", description = "The group id for sendGroup and the group and contact operations (cpsms).",
              javaType = "String")
    public static final String GROUP_ID = SmsHeaders.GROUP_ID;
    @Metadata(label = "producer", description = "The group name for createGroup and updateGroup (cpsms).",
              javaType = "String")
    public static final String GROUP_NAME = SmsHeaders.GROUP_NAME;
    @Metadata(label = "producer", description = "The contact's phone number for the contact operations (cpsms).",
              javaType = "String")
    public static final String PHONE_NUMBER = SmsHeaders.PHONE_NUMBER;
    @Metadata(label = "producer", description = "The contact's name for createContact and updateContact (cpsms).",
              javaType = "String")
    public static final String CONTACT_NAME = SmsHeaders.CONTACT_NAME;
    @Metadata(description = "In: the message id for getMessage, deleteMessage and cancelScheduled (LaML). Out: the"
                            + " id (sid) of the message a single-recipient LaML send created. Consumer: the sid of"
                            + " the reported or inbound message (LaML).",
              javaType = "String")
    public static final String MESSAGE_ID = SmsHeaders.MESSAGE_ID;
    @Metadata(label = "producer", description = "Media URL(s) that make the message an MMS (LaML): a URL, a"
                                                + " Collection (each element one URL, commas included) or a String"
                                                + " split at each comma followed by http:// or https://. Overrides the"
                                                + " mediaUrl option.",
              javaType = "Object")
    public static final String MEDIA_URL = SmsHeaders.MEDIA_URL;
    @Metadata(label = "producer", description = "The delivery-report URL. Overrides the callbackUrl option.",
              javaType = "String")
    public static final String CALLBACK_URL = SmsHeaders.CALLBACK_URL;
    @Metadata(label = "producer", description = "Send as a flash SMS (cpsms; LaML providers refuse the header)."
                                                + " Overrides the flash option.",
              javaType = "Boolean")
    public static final String FLASH = SmsHeaders.FLASH;
    @Metadata(label = "producer", description = "Start of the time range for the log operation (cpsms): the same"
                                                + " types as CamelSmsScheduledAt.",
              javaType = "Object")
    public static final String LOG_FROM = SmsHeaders.LOG_FROM;
    @Metadata(label = "producer", description = "End of the time range for the log operation (cpsms): the same"
                                                + " types as CamelSmsScheduledAt.",
              javaType = "Object")
    public static final String LOG_TO = SmsHeaders.LOG_TO;

    @Metadata(label = "producer", description = "Only messages sent on this UTC day, for listMessages (LaML): a"
                                                + " LocalDate, an Instant or a yyyy-MM-dd string.",
              javaType = "Object")
    public static final String DATE_SENT = SmsHeaders.DATE_SENT;
    @Metadata(label = "producer", description = "Only messages sent on or after this UTC day, for listMessages"
                                                + " (LaML, the lower end of the DateSent range): the same types as"
                                                + " CamelSmsDateSent.",
              javaType = "Object")
    public static final String DATE_SENT_AFTER = SmsHeaders.DATE_SENT_AFTER;
    @Metadata(label = "producer", description = "Only messages sent on or before this UTC day, for listMessages"
                                                + " (LaML, the upper end of the DateSent range): the same types as"
                                                + " CamelSmsDateSent.",
              javaType = "Object")
    public static final String DATE_SENT_BEFORE = SmsHeaders.DATE_SENT_BEFORE;
    @Metadata(label = "producer", description = "The Messaging Service (MG...) to send through (twilio). Overrides"
                                                + " the messagingServiceSid option.",
              javaType = "String")
    public static final String MESSAGING_SERVICE_SID = SmsHeaders.MESSAGING_SERVICE_SID;
    @Metadata(label = "producer", description = "How many seconds the message may wait in the provider's queue"
                                                + " (twilio, signalwire). Overrides the validityPeriod option.",
              javaType = "Integer")
    public static final String VALIDITY_PERIOD = SmsHeaders.VALIDITY_PERIOD;

    // out

    @Metadata(description = "The provider that handled the exchange.", javaType = "String")
    public static final String PROVIDER = SmsHeaders.PROVIDER;
    @Metadata(description = "The operation that was performed.", javaType = "String")
    public static final String OPERATION = SmsHeaders.OPERATION;
    @Metadata(label = "producer", description = "The ids of the messages a send created (LaML sids; empty for cpsms,"
                                                + " which returns no ids).",
              javaType = "java.util.List<String>")
    public static final String MESSAGE_IDS = SmsHeaders.MESSAGE_IDS;
    @Metadata(description = "The status the provider reported: the message status of a LaML send, ACCEPTED, PARTIAL or"
                            + " the provider's confirmation text for cpsms. Consumer: the normalized delivery status"
                            + " (DELIVERED, FAILED, BUFFERED, ...) of a delivery report.",
              javaType = "String")
    public static final String STATUS = SmsHeaders.STATUS;
    @Metadata(label = "producer", description = "The total cost of a send, as the provider reports it (cpsms points,"
                                                + " LaML price when known).",
              javaType = "java.math.BigDecimal")
    public static final String COST = SmsHeaders.COST;
    @Metadata(label = "producer", description = "How many recipients the provider accepted.", javaType = "Integer")
    public static final String ACCEPTED_COUNT = SmsHeaders.ACCEPTED_COUNT;
    @Metadata(label = "producer", description = "How many recipients the provider rejected.", javaType = "Integer")
    public static final String REJECTED_COUNT = SmsHeaders.REJECTED_COUNT;
    @Metadata(label = "producer", description = "How many SMS segments the message text takes per recipient.",
              javaType = "Integer")
    public static final String SEGMENTS = SmsHeaders.SEGMENTS;
    @Metadata(label = "producer", description = "The SMS alphabet the text needs: GSM7 or UCS2.", javaType = "String",
              enums = "GSM7,UCS2")
    public static final String ENCODING = SmsHeaders.ENCODING;
    @Metadata(label = "producer", description = "The currency of the balance the credit operation read (twilio, for"
                                                + " example USD).",
              javaType = "String")
    public static final String CURRENCY = SmsHeaders.CURRENCY;
    @Metadata(label = "producer", description = "The HTTP status of the provider's (last) response.",
              javaType = "Integer")
    public static final String HTTP_RESPONSE_CODE = SmsHeaders.HTTP_RESPONSE_CODE;

    private SmsConstants() {
    }
}
