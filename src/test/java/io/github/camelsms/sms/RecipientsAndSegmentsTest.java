package io.github.camelsms.sms;

import java.util.List;
import java.util.Map;

import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import io.github.camelsms.sms.exception.SmsValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Recipient numbers through libphonenumber (defaultRegion, per-provider wire format, skipInvalidRecipients) and the
 * encoding and segments of every send (CamelSmsEncoding, CamelSmsSegments, maxSegments).
 */
class RecipientsAndSegmentsTest extends SmsTestSupport {

    @Test
    void nationalNumbersGetTheDefaultRegionAndEachProviderItsWireFormat() {
        Exchange cpsms = call(cpsms("send", "defaultRegion=DK"), "Hi",
                Map.of(SmsConstants.TO, "22 33 44 88, +46 70 123 45 67, 0045 99887766"));
        assertThat(cpsms.getException()).isNull();
        assertThat(sim.lastRequest().json().get("to")).extracting(n -> n.asText())
                .containsExactly("4522334488", "46701234567", "4599887766");

        Exchange laml = call(mycpaas("send", "defaultRegion=DK"), "Hi", Map.of(SmsConstants.TO, "22 33 44 88"));
        assertThat(laml.getException()).isNull();
        assertThat(sim.lastRequest().formValue("To")).isEqualTo("+4522334488");
        assertThat(sim.lastRequest().formValue("From")).isEqualTo("+4570200000");
    }

    @Test
    void withoutADefaultRegionANationalNumberIsRefusedByLaml() {
        SmsValidationException e = failure(SmsValidationException.class, mycpaas("send"), "Hi",
                Map.of(SmsConstants.TO, "22 33 44 88"));
        assertThat(e.getField()).isEqualTo("to");
        assertThat(e.getMessage()).contains("22 33 44 88").contains("defaultRegion");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void invalidNumbersAreListedAndNothingIsSent() {
        for (String uri : List.of(cpsms("send", "defaultRegion=DK"), mycpaas("send", "defaultRegion=DK"))) {
            SmsValidationException e = failure(SmsValidationException.class, uri, "Hi",
                    Map.of(SmsConstants.TO, List.of("22334488", "123", "+45 2233", "call me")));
            assertThat(e.getField()).isEqualTo("to");
            assertThat(e.getMessage()).startsWith(e.getProvider() + " send: invalid recipient number(s) [123, +45 2233, call me]:");
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.isInDoubt()).isFalse();
        }
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void skipInvalidRecipientsSendsToTheValidOnesAndReportsTheOthersRejected() {
        Exchange exchange = call(cpsms("send", "defaultRegion=DK", "skipInvalidRecipients=true"), "Hi",
                Map.of(SmsConstants.TO, "22334488, 123, 99887766"));
        assertThat(exchange.getException()).isNull();
        assertThat(sim.requests()).hasSize(1);
        assertThat(sim.lastRequest().json().get("to")).extracting(n -> n.asText())
                .containsExactly("4522334488", "4599887766");
        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getAcceptedCount()).isEqualTo(2);
        assertThat(result.getRejectedCount()).isEqualTo(1);
        SmsRecipientResult skipped = result.getRecipients().get(2);
        assertThat(skipped.getTo()).isEqualTo("123");
        assertThat(skipped.isAccepted()).isFalse();
        assertThat(skipped.getErrorCode()).isEqualTo("invalid-number");
        assertThat(exchange.getMessage().getHeader(SmsConstants.REJECTED_COUNT)).isEqualTo(1);
        assertThat(exchange.getMessage().getHeader(SmsConstants.STATUS)).isEqualTo("PARTIAL");

        Exchange laml = call(mycpaas("send", "skipInvalidRecipients=true"), "Hi",
                Map.of(SmsConstants.TO, "+4522334488, nope"));
        assertThat(laml.getException()).isNull();
        SmsSendResult lamlResult = laml.getMessage().getBody(SmsSendResult.class);
        assertThat(lamlResult.getRecipients()).extracting(SmsRecipientResult::getTo)
                .containsExactly("+4522334488", "nope");
        assertThat(lamlResult.getRejectedCount()).isEqualTo(1);
        assertThat(sim.requestsTo("/Accounts")).hasSize(1);
    }

    @Test
    void skipInvalidRecipientsStillRefusesWhenNoNumberIsValid() {
        SmsValidationException e = failure(SmsValidationException.class,
                cpsms("send", "skipInvalidRecipients=true"), "Hi", Map.of(SmsConstants.TO, "123, 456"));
        assertThat(e.getField()).isEqualTo("to");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void anUnknownDefaultRegionFailsWhenTheRouteStarts() {
        assertThatThrownBy(() -> context.getEndpoint(cpsms("send", "defaultRegion=XX")).start())
                .rootCause().isInstanceOf(SmsValidationException.class)
                .satisfies(e -> assertThat(((SmsValidationException) e).getField()).isEqualTo("defaultRegion"));
    }

    @Test
    void everySendCarriesEncodingAndSegments() {
        Exchange gsm = call(cpsms("send"), "Æbler {og} pærer €5 " + "x".repeat(140), Map.of(SmsConstants.TO,
                "4522334488"));
        assertThat(gsm.getMessage().getHeader(SmsConstants.ENCODING)).isEqualTo("GSM7");
        assertThat(gsm.getMessage().getHeader(SmsConstants.SEGMENTS)).isEqualTo(2);

        Exchange ucs2 = call(mycpaas("send"), "Hej 😀", Map.of(SmsConstants.TO, "+4522334488"));
        assertThat(ucs2.getMessage().getHeader(SmsConstants.ENCODING)).isEqualTo("UCS2");
        assertThat(ucs2.getMessage().getHeader(SmsConstants.SEGMENTS)).isEqualTo(1);
    }

    @Test
    void maxSegmentsRefusesLongerTexts() {
        SmsValidationException e = failure(SmsValidationException.class, cpsms("send", "maxSegments=1"),
                "x".repeat(161), Map.of(SmsConstants.TO, "4522334488"));
        assertThat(e.getField()).isEqualTo("body");
        assertThat(e.getMessage()).contains("2 SMS segments").contains("maxSegments allows 1");

        SmsValidationException emoji = failure(SmsValidationException.class, mycpaas("send", "maxSegments=1"),
                "😀".repeat(36), Map.of(SmsConstants.TO, "+4522334488"));
        assertThat(emoji.getField()).isEqualTo("body");
        assertThat(emoji.getMessage()).contains("UCS2");
        assertThat(sim.requests()).isEmpty();

        Exchange fits = call(cpsms("send", "maxSegments=1"), "x".repeat(160), Map.of(SmsConstants.TO, "4522334488"));
        assertThat(fits.getException()).isNull();
        assertThat(sim.requests()).hasSize(1);
    }
}
