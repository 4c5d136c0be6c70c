package io.github.camelsms.sms;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import io.github.camelsms.sms.exception.SmsValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Reading LaML accounts: DateSent ranges and Twilio's Balance.
 */
class LamlReadingTest extends SmsTestSupport {

    LamlReadingTest() {
        sim.laml().statusDelay(Duration.ofMillis(10));
    }

    @Test
    void listMessagesFiltersOnASentDateRange() {
        call(laml("twilio", "send"), "One", Map.of(SmsConstants.TO, "+4522334488"));
        call(laml("twilio", "send"), "Two", Map.of(SmsConstants.TO, "+4522334489"));
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.laml().account(LAML_SID).messages().stream()
                .allMatch(m -> m.dateSent() != null));
        LocalDate today = LocalDate.ofInstant(sim.laml().account(LAML_SID).messages().get(0).dateSent(),
                ZoneOffset.UTC);
        sim.clearRequests();

        // the two sends may straddle midnight UTC: the range leaves a day on either side
        Exchange inRange = call(laml("twilio", "listMessages"), null, Map.of(
                SmsConstants.DATE_SENT_AFTER, today.minusDays(1), SmsConstants.DATE_SENT_BEFORE,
                today.plusDays(1).toString()));

        assertThat(inRange.getException()).isNull();
        assertThat(inRange.getMessage().getBody(List.class)).hasSize(2);
        assertThat(sim.lastRequest().queryParams()).containsEntry("DateSent>", List.of(today.minusDays(1).toString()))
                .containsEntry("DateSent<", List.of(today.plusDays(1).toString()));

        Exchange later = call(laml("twilio", "listMessages"), null,
                Map.of(SmsConstants.DATE_SENT_AFTER, today.plusDays(2)));
        assertThat(later.getMessage().getBody(List.class)).isEmpty();
        Exchange earlier = call(laml("mycpaas", "listMessages"), null,
                Map.of(SmsConstants.DATE_SENT_BEFORE, today.minusDays(1)));
        assertThat(earlier.getMessage().getBody(List.class)).isEmpty();
        assertThat(sim.lastRequest().queryParams()).containsKey("DateSent<").doesNotContainKey("DateSent>");

        SmsValidationException crossed = failure(SmsValidationException.class, laml("twilio", "listMessages"), null,
                Map.of(SmsConstants.DATE_SENT_AFTER, today, SmsConstants.DATE_SENT_BEFORE, today.minusDays(1)));
        assertThat(crossed.getMessage()).contains("no message can match");
        SmsValidationException unreadable = failure(SmsValidationException.class, laml("twilio", "listMessages"),
                null, Map.of(SmsConstants.DATE_SENT_BEFORE, "last week"));
        assertThat(unreadable.getField()).isEqualTo(SmsConstants.DATE_SENT_BEFORE);
    }

    @Test
    void listMessagesFiltersOnEverySenderKindTheProviderTakes() {
        call(laml("twilio", "send"), "From the shop", Map.of(SmsConstants.TO, "whatsapp:+4522334488",
                SmsConstants.FROM, "MyShop"));
        call(laml("twilio", "send"), "From the number", Map.of(SmsConstants.TO, "+4522334488"));

        Exchange listed = call(laml("twilio", "listMessages"), null, Map.of(SmsConstants.FROM, "MyShop",
                SmsConstants.TO, "whatsapp:+45 22 33 44 88"));

        assertThat(listed.getException()).isNull();
        assertThat(listed.getMessage().getBody(List.class)).hasSize(1);
        assertThat(sim.lastRequest().queryParams()).containsEntry("From", List.of("MyShop"))
                .containsEntry("To", List.of("whatsapp:+4522334488"));
        SmsValidationException e = failure(SmsValidationException.class, laml("mycpaas", "listMessages"), null,
                Map.of(SmsConstants.FROM, "MyShop"));
        assertThat(e.getField()).isEqualTo("from");
    }

    @Test
    void twilioCreditReadsTheBalance() {
        sim.laml().account(LAML_SID).balance(new BigDecimal("-3.25"));

        Exchange credit = call(laml("twilio", "credit"), null, Map.of());

        assertThat(credit.getException()).isNull();
        assertThat(credit.getMessage().getBody()).isEqualTo(new BigDecimal("-3.25"));
        assertThat(credit.getMessage().getHeaders()).containsEntry(SmsConstants.CURRENCY, "USD")
                .containsEntry(Exchange.HTTP_RESPONSE_CODE, 200);
        assertThat(sim.lastRequest().method()).isEqualTo("GET");
        assertThat(sim.lastRequest().path()).isEqualTo("/2010-04-01/Accounts/" + LAML_SID + "/Balance.json");
    }

    @Test
    void operationsAProviderDoesNotDocumentFailWhenTheRouteStarts() {
        for (String uri : List.of(laml("mycpaas", "credit"), laml("signalwire", "credit"),
                laml("mycpaas", "cancelScheduled"), laml("signalwire", "cancelScheduled"))) {
            assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:" + Math.abs(uri.hashCode())).to(uri);
                }
            })).as(uri).hasStackTraceContaining("send, getMessage, listMessages, deleteMessage");
        }
        assertThat(sim.requests()).isEmpty();
    }
}
