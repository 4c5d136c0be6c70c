package io.github.camelsms.sms;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.github.camelsms.sms.model.SmsMessage;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.simulator.Fault;
import io.github.camelsms.sms.simulator.LamlSimulation;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.github.camelsms.sms.exception.SmsTransportException;
import io.github.camelsms.sms.exception.SmsValidationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a LaML send can carry beyond To, From and Body, per provider: honoured (and visible in the request the
 * simulator recorded) or refused before any request.
 */
class LamlSendParametersTest extends SmsTestSupport {

    private static final String TO = "+4522334488";

    // scheduling

    @Test
    void twilioSchedulesThroughAMessagingServiceAndCancels() {
        Instant at = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        Exchange sent = call(laml("twilio", "send", "messagingServiceSid=" + LAML_MESSAGING_SERVICE), "Later",
                Map.of(SmsConstants.TO, TO, SmsConstants.SCHEDULED_AT, at));

        assertThat(sent.getException()).isNull();
        assertThat(sim.lastRequest().form()).containsEntry("MessagingServiceSid", List.of(LAML_MESSAGING_SERVICE))
                .containsEntry("ScheduleType", List.of("fixed")).containsEntry("SendAt", List.of(at.toString()));
        assertThat(sim.lastRequest().formValue("SendAt")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(sent.getMessage().getHeader(SmsConstants.STATUS)).isEqualTo("scheduled");
        String sid = sent.getMessage().getHeader(SmsConstants.MESSAGE_ID, String.class);
        LamlSimulation.Message stored = sim.laml().account(LAML_SID).messages().get(0);
        assertThat(stored.status()).isEqualTo("scheduled");
        assertThat(stored.sendAt()).isEqualTo(at);
        assertThat(stored.messagingServiceSid()).isEqualTo(LAML_MESSAGING_SERVICE);

        Exchange canceled = call(laml("twilio", "cancelScheduled"), null, Map.of(SmsConstants.MESSAGE_ID, sid));

        assertThat(canceled.getException()).isNull();
        assertThat(sim.lastRequest().method()).isEqualTo("POST");
        assertThat(sim.lastRequest().path()).isEqualTo("/2010-04-01/Accounts/" + LAML_SID + "/Messages/" + sid
                                                       + ".json");
        assertThat(sim.lastRequest().form()).containsExactly(Map.entry("Status", List.of("canceled")));
        assertThat(canceled.getMessage().getBody(SmsMessage.class).getStatus()).isEqualTo("canceled");
        assertThat(canceled.getMessage().getHeader(SmsConstants.STATUS)).isEqualTo("canceled");
        assertThat(sim.laml().account(LAML_SID).messages().get(0).status()).isEqualTo("canceled");
    }

    @Test
    void aCancelWhoseAnswerIsLostIsInDoubtAndNotRepeated() {
        Instant at = Instant.now().plus(Duration.ofHours(1));
        String sid = call(laml("twilio", "send", "messagingServiceSid=" + LAML_MESSAGING_SERVICE), "Later",
                Map.of(SmsConstants.TO, TO, SmsConstants.SCHEDULED_AT, at)).getMessage()
                .getHeader(SmsConstants.MESSAGE_ID, String.class);
        sim.clearRequests();
        sim.inject(Fault.dropAfterHandling());

        SmsTransportException e = failure(SmsTransportException.class, laml("twilio", "cancelScheduled"), null,
                Map.of(SmsConstants.MESSAGE_ID, sid));

        assertThat(e.isInDoubt()).isTrue();
        assertThat(e.isRetryable()).isFalse();
        assertThat(sim.requests()).hasSize(1);
        assertThat(sim.laml().account(LAML_SID).messages().get(0).status()).isEqualTo("canceled");
    }

    @Test
    void cancellingAMessageThatIsNotScheduledIsTheProvidersError() {
        String sid = call(laml("twilio", "send"), "Now", Map.of(SmsConstants.TO, TO)).getMessage()
                .getHeader(SmsConstants.MESSAGE_ID, String.class);

        SmsValidationException e = failure(SmsValidationException.class, laml("twilio", "cancelScheduled"), null,
                Map.of(SmsConstants.MESSAGE_ID, sid));

        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(sim.laml().account(LAML_SID).messages().get(0).status()).isNotEqualTo("canceled");
    }

    @Test
    void twilioRefusesASchedulWithoutAMessagingServiceOrOutsideTheWindowBeforeSending() {
        Instant inTwoHours = Instant.now().plus(Duration.ofHours(2));
        assertInvalid(laml("twilio", "send"), Map.of(SmsConstants.SCHEDULED_AT, inTwoHours), "messagingServiceSid",
                "only messages sent through a Messaging Service");
        String withService = laml("twilio", "send", "messagingServiceSid=" + LAML_MESSAGING_SERVICE);
        assertInvalid(withService, Map.of(SmsConstants.SCHEDULED_AT, Instant.now().plus(Duration.ofMinutes(5))),
                SmsConstants.SCHEDULED_AT, "between 15 minutes and 35 days ahead");
        assertInvalid(withService, Map.of(SmsConstants.SCHEDULED_AT, Instant.now().plus(Duration.ofDays(36))),
                SmsConstants.SCHEDULED_AT, "days ahead; twilio schedules between 15 minutes and 35 days ahead");
        assertInvalid(withService, Map.of(SmsConstants.SCHEDULED_AT, Instant.now().minusSeconds(60)),
                SmsConstants.SCHEDULED_AT, "in the past");
        assertInvalid(withService, Map.of(SmsConstants.SCHEDULED_AT, "tomorrow"), SmsConstants.SCHEDULED_AT,
                "not a time");
        assertThat(sim.requests()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({ "mycpaas", "signalwire" })
    void providersThatDoNotDocumentSchedulingRefuseIt(String provider) {
        assertInvalid(laml(provider, "send"), Map.of(SmsConstants.SCHEDULED_AT, Instant.now().plus(Duration.ofHours(1))),
                SmsConstants.SCHEDULED_AT, "not supported by " + provider + " (supported by: cpsms send,");
        assertThat(sim.requests()).isEmpty();
        assertThat(sim.laml().account(provider.equals("signalwire") ? SIGNALWIRE_PROJECT : LAML_SID).messages())
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource({ "mycpaas", "twilio", "signalwire" })
    void cpsmsAndInfobipInputsAreRefused(String provider) {
        assertInvalid(laml(provider, "send"), Map.of(SmsConstants.REFERENCE, "order-42"), SmsConstants.REFERENCE,
                "(supported by: cpsms send, sendGroup, cancelScheduled; gatewayapi send; infobip send, cancelScheduled,"
                + " listMessages; sinch send, listMessages; vonage send)");
        assertInvalid(laml(provider, "send"), Map.of(SmsConstants.FLASH, true), SmsConstants.FLASH,
                "(supported by: cpsms send, sendGroup; gatewayapi send; infobip send)");
        assertInvalid(laml(provider, "send", "flash=true"), Map.of(), "flash",
                "(supported by: cpsms send, sendGroup; gatewayapi send; infobip send)");
        assertInvalid(laml(provider, "send", "reference=order-42"), Map.of(), "reference", "supported by: cpsms");
        assertInvalid(laml(provider, "send", "encoding=UTF-8"), Map.of(), "encoding", "supported by: cpsms");
        // present is enough: the kit refuses a header by name, whatever its value
        assertInvalid(laml(provider, "send"), Map.of(SmsConstants.FLASH, false), SmsConstants.FLASH, "cpsms send");
        assertThat(sim.requests()).isEmpty();
    }

    // Messaging Services and senders

    @Test
    void aMessagingServiceMayStandInForFrom() {
        String uri = "sms:twilio/send?baseUrl=" + sim.twilioBaseUrl() + "&accountSid=" + LAML_SID + "&authToken=RAW("
                     + LAML_TOKEN + ")";
        Exchange sent = call(uri, "Pooled", Map.of(SmsConstants.TO, TO,
                SmsConstants.MESSAGING_SERVICE_SID, LAML_MESSAGING_SERVICE));

        assertThat(sent.getException()).isNull();
        assertThat(sim.lastRequest().form()).containsExactly(Map.entry("To", List.of(TO)),
                Map.entry("MessagingServiceSid", List.of(LAML_MESSAGING_SERVICE)), Map.entry("Body", List.of("Pooled")));
        assertThat(sim.laml().account(LAML_SID).messages().get(0).from()).isEqualTo(LAML_FROM);

        sim.clearRequests();
        assertInvalid(uri, Map.of(), "from", "or set messagingServiceSid");
        assertInvalid(uri, Map.of(SmsConstants.MESSAGING_SERVICE_SID, "MG123"), "messagingServiceSid",
                "MG followed by 32 hex digits");
        assertInvalid(laml("mycpaas", "send", "messagingServiceSid=" + LAML_MESSAGING_SERVICE), Map.of(),
                "messagingServiceSid", "not supported by mycpaas send (supported by: twilio send)");
        assertInvalid(laml("signalwire", "send"), Map.of(SmsConstants.MESSAGING_SERVICE_SID, LAML_MESSAGING_SERVICE),
                SmsConstants.MESSAGING_SERVICE_SID, "not supported by signalwire (supported by: twilio send)");
        assertThat(sim.requests()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({ "twilio,MyShop,MyShop", "twilio,Shop 24,Shop 24", "twilio,12345,12345",
                 "twilio,whatsapp:+4570200000,whatsapp:+4570200000", "twilio,WhatsApp:+45 70 20 00 00,whatsapp:+4570200000",
                 "signalwire,12345,12345", "signalwire,+4570200000,+4570200000", "mycpaas,+45 70 20 00 00,+4570200000" })
    void everySenderKindTheProviderDocumentsIsSent(String provider, String from, String wire) {
        Exchange sent = call(laml(provider, "send"), "Hi", Map.of(SmsConstants.TO, TO, SmsConstants.FROM, from));

        assertThat(sent.getException()).isNull();
        assertThat(sim.lastRequest().formValue("From")).isEqualTo(wire);
    }

    @ParameterizedTest
    @CsvSource({ "twilio,My-Shop!", "twilio,TwelveLetter", "twilio,12", "twilio,whatsapp:12", "twilio,+999",
                 "signalwire,MyShop", "signalwire,whatsapp:+4570200000", "mycpaas,MyShop", "mycpaas,12345" })
    void malformedOrUndocumentedSendersAreRefused(String provider, String from) {
        assertInvalid(laml(provider, "send"), Map.of(SmsConstants.FROM, from), "from", "'" + from + "'");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void twilioSendsToChannelAddresses() {
        Exchange sent = call(laml("twilio", "send"), "Hi", Map.of(SmsConstants.TO, "whatsapp:+45 22 33 44 88",
                SmsConstants.FROM, "whatsapp:+4570200000"));

        assertThat(sent.getException()).isNull();
        assertThat(sim.lastRequest().formValue("To")).isEqualTo("whatsapp:+4522334488");
        assertThat(sent.getMessage().getBody(SmsSendResult.class).getRecipients().get(0).getTo())
                .isEqualTo("whatsapp:+4522334488");

        SmsValidationException e = failure(SmsValidationException.class, laml("mycpaas", "send"), "Hi",
                Map.of(SmsConstants.TO, "whatsapp:+4522334488"));
        assertThat(e.getField()).isEqualTo("to");
    }

    // the other documented parameters

    @Test
    void twilioSendsValiditySmartEncodingShortLinksAndMms() {
        Exchange sent = call(laml("twilio", "send", "validityPeriod=600", "smartEncoded=true", "shortenUrls=true",
                "sendAsMms=true", "messagingServiceSid=" + LAML_MESSAGING_SERVICE), "See https://example.com",
                Map.of(SmsConstants.TO, TO, SmsConstants.VALIDITY_PERIOD, 36000));

        assertThat(sent.getException()).isNull();
        assertThat(sim.lastRequest().form()).containsEntry("ValidityPeriod", List.of("36000"))
                .containsEntry("SmartEncoded", List.of("true")).containsEntry("ShortenUrls", List.of("true"))
                .containsEntry("SendAsMms", List.of("true"));
        assertThat(sim.laml().account(LAML_SID).messages().get(0).parameters())
                .containsEntry("ValidityPeriod", "36000").containsEntry("SmartEncoded", "true");
    }

    @Test
    void signalWireSendsItsLongerValidityAndMaxPrice() {
        Exchange sent = call(laml("signalwire", "send", "validityPeriod=172800", "maxPrice=0.05"), "Hi",
                Map.of(SmsConstants.TO, TO));

        assertThat(sent.getException()).isNull();
        assertThat(sim.lastRequest().form()).containsEntry("ValidityPeriod", List.of("172800"))
                .containsEntry("MaxPrice", List.of("0.05"));
    }

    @Test
    void parametersAProviderDoesNotHonourAreRefused() {
        assertInvalid(laml("twilio", "send", "validityPeriod=36001"), Map.of(), "validityPeriod", "1 to 36000");
        assertInvalid(laml("twilio", "send"), Map.of(SmsConstants.VALIDITY_PERIOD, 0), "validityPeriod",
                "1 to 36000");
        assertInvalid(laml("signalwire", "send", "validityPeriod=172801"), Map.of(), "validityPeriod",
                "1 to 172800");
        assertInvalid(laml("mycpaas", "send", "validityPeriod=60"), Map.of(), "validityPeriod",
                "not supported by mycpaas send (supported by: gatewayapi send; infobip send; signalwire send; twilio send;"
                + " vonage send)");
        assertInvalid(laml("twilio", "send", "maxPrice=0.05"), Map.of(), "maxPrice", "supported by: signalwire send");
        assertInvalid(laml("signalwire", "send", "maxPrice=0"), Map.of(), "maxPrice", "positive");
        assertInvalid(laml("signalwire", "send", "maxPrice=cheap"), Map.of(), "maxPrice", "like 0.05");
        assertInvalid(laml("twilio", "send", "shortenUrls=true"), Map.of(), "shortenUrls", "Messaging Service");
        for (String flag : List.of("smartEncoded", "shortenUrls", "sendAsMms")) {
            assertInvalid(laml("signalwire", "send", flag + "=true"), Map.of(), flag, "(supported by: twilio send)");
            assertInvalid(laml("mycpaas", "send", flag + "=false"), Map.of(), flag, "(supported by: twilio send)");
        }
        assertThat(sim.requests()).isEmpty();
    }

    // media

    @Test
    void aCollectionElementIsOneMediaUrlCommasIncluded() {
        Exchange sent = call(laml("twilio", "send"), "Cat", Map.of(SmsConstants.TO, TO, SmsConstants.MEDIA_URL,
                List.of("https://cdn.example.com/w_400,h_300/cat.jpg")));

        assertThat(sent.getException()).isNull();
        assertThat(sim.lastRequest().form().get("MediaUrl")).containsExactly("https://cdn.example.com/w_400,h_300/cat.jpg");
        assertThat(sim.laml().account(LAML_SID).messages().get(0).mediaUrls())
                .containsExactly("https://cdn.example.com/w_400,h_300/cat.jpg");
        assertThat(sent.getMessage().getHeader(SmsConstants.MESSAGE_ID, String.class)).startsWith("MM");
    }

    @Test
    void theOptionSplitsOnlyWhereANewUrlStarts() {
        Exchange sent = call(laml("twilio", "send",
                "mediaUrl=https://cdn.example.com/w_400,h_300/cat.jpg,https://example.org/b.png"), "Two",
                Map.of(SmsConstants.TO, TO));

        assertThat(sent.getException()).isNull();
        assertThat(sim.lastRequest().form().get("MediaUrl"))
                .containsExactly("https://cdn.example.com/w_400,h_300/cat.jpg", "https://example.org/b.png");

        call(laml("twilio", "send"), "Header", Map.of(SmsConstants.TO, TO, SmsConstants.MEDIA_URL,
                "https://cdn.example.com/a,b.jpg, http://example.org/c.gif"));
        assertThat(sim.lastRequest().form().get("MediaUrl"))
                .containsExactly("https://cdn.example.com/a,b.jpg", "http://example.org/c.gif");
    }

    private void assertInvalid(String uri, Map<String, Object> headers, String field, String text) {
        Map<String, Object> all = new java.util.HashMap<>(headers);
        all.putIfAbsent(SmsConstants.TO, TO);
        SmsValidationException e = failure(SmsValidationException.class, uri, "Hi", all);
        assertThat(e.getField()).as(e.getMessage()).isEqualTo(field);
        assertThat(e.getMessage()).contains(text);
        assertThat(e.getStatusCode()).isZero();
    }

}
