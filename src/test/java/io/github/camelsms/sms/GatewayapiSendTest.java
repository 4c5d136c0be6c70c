package io.github.camelsms.sms;

import io.github.camelsms.sms.exception.SmsValidationException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsms.sms.model.SmsMessage;
import io.github.camelsms.sms.model.SmsRecipientResult;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.provider.gatewayapi.GatewayapiProvider;
import io.github.camelsms.sms.simulator.RecordedRequest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GatewayAPI's wire format and what comes back, against its simulation; every request is also checked against the
 * OpenAPI document written from GatewayAPI's pages (GatewayapiOpenApiCheck), which fails the test on close.
 */
class GatewayapiSendTest extends SmsTestSupport {

    static final String TOKEN = "gwapi-T0ken-must-not-leak-7c";

    GatewayapiSendTest() {
        sim.gatewayapi().addAccount(TOKEN, new BigDecimal("100"));
    }

    static String gatewayapi(String baseUrl, String operation, String... options) {
        StringBuilder uri = new StringBuilder("sms:gatewayapi/").append(operation).append("?baseUrl=").append(baseUrl)
                .append("&provider.token=RAW(").append(TOKEN).append(')');
        for (String option : options) {
            uri.append('&').append(option);
        }
        return uri.toString();
    }

    private String uri(String operation, String... options) {
        return gatewayapi(sim.baseUrl(), operation, options);
    }

    @Test
    void aSendCarriesEveryInputAsGatewayapiDocumentsIt() {
        Instant at = Instant.now().plusSeconds(3600);

        Exchange exchange = call(uri("send", "from=MyShop", "reference=order-42",
                "callbackUrl=RAW(https://shop.example/dsn?x=1)"), "Hello World",
                Map.of(SmsConstants.TO, List.of("+45 20 00 00 01", "4520000002", "+4520000003"),
                        SmsConstants.SCHEDULED_AT, at, SmsConstants.VALIDITY_PERIOD, 600, SmsConstants.FLASH, true));

        assertThat(exchange.getException()).isNull();
        RecordedRequest request = sim.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/rest/mtsms");
        assertThat(request.header("Authorization")).isEqualTo("Token " + TOKEN);
        JsonNode body = request.json();
        assertThat(body.get("message").asText()).isEqualTo("Hello World");
        assertThat(body.get("sender").asText()).isEqualTo("MyShop");
        assertThat(body.get("userref").asText()).isEqualTo("order-42");
        assertThat(body.get("callback_url").asText()).isEqualTo("https://shop.example/dsn?x=1");
        assertThat(body.get("sendtime").asLong()).isEqualTo(at.getEpochSecond());
        assertThat(body.get("validity_period").asInt()).isEqualTo(600);
        assertThat(body.get("destaddr").asText()).isEqualTo("DISPLAY");
        assertThat(body.has("encoding")).as("GSM text goes with GatewayAPI's default").isFalse();
        assertThat(body.get("recipients")).extracting(r -> r.get("msisdn").asLong())
                .containsExactly(4520000001L, 4520000002L, 4520000003L);

        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        String id = String.valueOf(sim.gatewayapi().account(TOKEN).messages().get(0).id());
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::getTo, SmsRecipientResult::getMessageId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("4520000001", id),
                        org.assertj.core.groups.Tuple.tuple("4520000002", id),
                        org.assertj.core.groups.Tuple.tuple("4520000003", id));
        assertThat(exchange.getMessage().getHeader(SmsConstants.COST, BigDecimal.class)).isEqualByComparingTo("0.36");
        assertThat(exchange.getMessage().getHeader(SmsConstants.CURRENCY)).isEqualTo("DKK");
        assertThat(exchange.getMessage().getHeader(SmsConstants.ACCEPTED_COUNT)).isEqualTo(3);
    }

    @Test
    void aSendToMoreThanMaxRecipientsPerRequestGoesAsSeveralMessagesInInputOrder() {
        List<String> numbers = List.of("4520000001", "4520000002", "4520000003", "4520000004", "4520000005");

        Exchange exchange = call(uri("send", "maxRecipientsPerRequest=2"), "Hi", Map.of(SmsConstants.TO, numbers));

        assertThat(exchange.getException()).isNull();
        assertThat(sim.requestsTo("/rest/mtsms")).hasSize(3)
                .extracting(r -> r.json().get("recipients").size()).containsExactly(2, 2, 1);
        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getRecipients()).extracting(SmsRecipientResult::getTo).containsExactlyElementsOf(numbers);
        assertThat(result.getMessageIds()).hasSize(5).doesNotContainNull();
        assertThat(result.getRecipients().get(0).getMessageId()).isNotEqualTo(result.getRecipients().get(2)
                .getMessageId());
        // GatewayAPI reports cost per request: the send's is the sum, a recipient's only when it was alone
        assertThat(exchange.getMessage().getHeader(SmsConstants.COST, BigDecimal.class)).isEqualByComparingTo("0.60");
        assertThat(result.getRecipients().get(0).getCost()).isNull();
        assertThat(result.getRecipients().get(4).getCost()).isEqualByComparingTo("0.12");
    }

    @Test
    void textOutsideGsmIsSentAsUcs2() {
        assertThat(call(uri("send"), "Hej 😀", Map.of(SmsConstants.TO, "4520000001")).getException()).isNull();

        assertThat(sim.lastRequest().json().get("encoding").asText()).isEqualTo("UCS2");
        assertThat(sim.gatewayapi().account(TOKEN).messages().get(0).message()).isEqualTo("Hej 😀");
    }

    @Test
    void badInputsAreRefusedWithNothingSent() {
        Map<String, Object> to = Map.of(SmsConstants.TO, "4520000001");
        assertThat(failure(SmsValidationException.class, uri("send", "validityPeriod=59"), "Hi", to).getField())
                .isEqualTo("validityPeriod");
        assertThat(failure(SmsValidationException.class, uri("send", "from=Far too long"), "Hi", to).getField())
                .isEqualTo("from");
        assertThat(failure(SmsValidationException.class, uri("send", "callbackUrl=RAW(ftp://x/y)"), "Hi", to)
                .getField()).isEqualTo("callbackUrl");
        assertThat(failure(SmsValidationException.class, uri("send"), "Hi", Map.of(SmsConstants.TO, "4520000001",
                SmsConstants.SCHEDULED_AT, Instant.now().minusSeconds(5))).getField())
                .isEqualTo(SmsConstants.SCHEDULED_AT);
        assertThat(failure(SmsValidationException.class, uri("send", "maxRecipientsPerRequest=10001"), "Hi", to)
                .getMessage()).contains("10000");
        assertThat(failure(SmsValidationException.class, uri("send", "provider.region=moon"), "Hi", to)
                .getMessage()).contains("provider.region");
        assertThat(failure(SmsValidationException.class, "sms:gatewayapi/send?baseUrl=" + sim.baseUrl(), "Hi", to)
                .getMessage()).contains("provider.token");
        assertThat(failure(SmsValidationException.class, uri("cancelScheduled"), null,
                Map.of(SmsConstants.MESSAGE_ID, "12a")).getField()).isEqualTo(SmsConstants.MESSAGE_ID);
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void theRegionChoosesTheHost() {
        SmsEndpoint eu = context.getEndpoint("sms:gatewayapi/credit?provider.token=t&provider.region=eu",
                SmsEndpoint.class);
        SmsEndpoint global = context.getEndpoint("sms:gatewayapi/credit?provider.token=t", SmsEndpoint.class);

        assertThat(new GatewayapiProvider().defaultBaseUrl(eu.getConfiguration())).isEqualTo("https://gatewayapi.eu");
        assertThat(new GatewayapiProvider().defaultBaseUrl(global.getConfiguration()))
                .isEqualTo("https://gatewayapi.com");
    }

    @Test
    void creditReadsTheBalanceAndItsCurrency() {
        sim.gatewayapi().account(TOKEN).credit(new BigDecimal("1234.56")).currency("EUR");

        Exchange exchange = call(uri("credit"), null, Map.of());

        assertThat(exchange.getMessage().getBody(BigDecimal.class)).isEqualByComparingTo("1234.56");
        assertThat(exchange.getMessage().getHeader(SmsConstants.CURRENCY)).isEqualTo("EUR");
        assertThat(sim.lastRequest().path()).isEqualTo("/rest/me");
    }

    @Test
    void aScheduledMessageIsCancelledByItsId() {
        Exchange sent = call(uri("send"), "Later", Map.of(SmsConstants.TO, List.of("4520000001", "4520000002"),
                SmsConstants.SCHEDULED_AT, Instant.now().plusSeconds(3600)));
        String id = sent.getMessage().getBody(SmsSendResult.class).getMessageIds().get(0);

        Exchange cancelled = call(uri("cancelScheduled"), null, Map.of(SmsConstants.MESSAGE_ID, id));

        assertThat(cancelled.getException()).isNull();
        assertThat(sim.lastRequest().method()).isEqualTo("DELETE");
        assertThat(sim.lastRequest().path()).isEqualTo("/rest/mtsms/" + id);
        assertThat(sim.gatewayapi().account(TOKEN).messages()).isEmpty();
        assertThat(sim.gatewayapi().account(TOKEN).credit()).isEqualByComparingTo("100");
    }

    @Test
    void getMessageListsEachRecipientWithItsStatus() {
        Exchange sent = call(uri("send", "from=MyShop"), "Hi",
                Map.of(SmsConstants.TO, List.of("4520000001", "4599000002")));
        String id = sent.getMessage().getBody(SmsSendResult.class).getMessageIds().get(0);

        Exchange read = call(uri("getMessage"), null, Map.of(SmsConstants.MESSAGE_ID, id));

        assertThat(read.getException()).isNull();
        @SuppressWarnings("unchecked")
        List<SmsMessage> messages = read.getMessage().getBody(List.class);
        assertThat(messages).extracting(SmsMessage::getSid, SmsMessage::getTo, SmsMessage::getFrom)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id, "4520000001", "MyShop"),
                        org.assertj.core.groups.Tuple.tuple(id, "4599000002", "MyShop"));
        assertThat(messages).allSatisfy(m -> assertThat(m.getStatus()).isIn("ENROUTE", "DELIVERED", "UNDELIVERABLE"));
    }
}
