package io.github.camelsms.sms;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelsms.sms.model.SmsMessage;
import io.github.camelsms.sms.model.SmsSendResult;
import io.github.camelsms.sms.simulator.Fault;
import io.github.camelsms.sms.simulator.RecordedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import io.github.camelsms.sms.exception.SmsAuthenticationException;
import io.github.camelsms.sms.exception.SmsException;
import io.github.camelsms.sms.exception.SmsNotFoundException;
import io.github.camelsms.sms.exception.SmsPartialFailureException;
import io.github.camelsms.sms.exception.SmsProviderException;
import io.github.camelsms.sms.exception.SmsRateLimitException;
import io.github.camelsms.sms.exception.SmsTransportException;
import io.github.camelsms.sms.exception.SmsValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class LamlProviderTest extends SmsTestSupport {

    LamlProviderTest() {
        sim.laml().statusDelay(Duration.ofMillis(20));
    }

    @Test
    void sendPostsExactlyTheDocumentedFormFields() {
        Exchange exchange = call(mycpaas("send", "callbackUrl=http://127.0.0.1:1/status"), "Hello",
                Map.of(SmsConstants.TO, "+45 22 33 44 88"));

        assertThat(exchange.getException()).isNull();
        RecordedRequest request = sim.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/laml/2010-04-01/Accounts/" + LAML_SID + "/Messages.json");
        assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.basicUser()).isEqualTo(LAML_SID);
        assertThat(request.form()).containsExactly(
                Map.entry("To", List.of("+4522334488")), Map.entry("From", List.of(LAML_FROM)),
                Map.entry("Body", List.of("Hello")), Map.entry("StatusCallback", List.of("http://127.0.0.1:1/status")));

        String sid = exchange.getMessage().getHeader(SmsConstants.MESSAGE_ID, String.class);
        assertThat(sid).startsWith("SM").hasSize(34);
        assertThat(exchange.getMessage().getHeaders()).containsEntry(SmsConstants.STATUS, "queued")
                .containsEntry(SmsConstants.PROVIDER, "mycpaas").containsEntry(Exchange.HTTP_RESPONSE_CODE, 201)
                .containsEntry(SmsConstants.MESSAGE_IDS, List.of(sid)).containsEntry(SmsConstants.ACCEPTED_COUNT, 1);
        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getRecipients()).singleElement().satisfies(r -> {
            assertThat(r.getTo()).isEqualTo("+4522334488");
            assertThat(r.getMessageId()).isEqualTo(sid);
            assertThat(r.isAccepted()).isTrue();
        });
        assertThat(sim.laml().account(LAML_SID).messages()).singleElement()
                .satisfies(m -> assertThat(m.sid()).isEqualTo(sid));
    }

    @Test
    void mediaUrlsRepeatAndMakeTheBodyOptional() {
        Exchange exchange = call(mycpaas("send"), null, Map.of(SmsConstants.TO, "+4522334488",
                SmsConstants.MEDIA_URL, List.of("https://example.org/a.png", "https://example.org/b.gif")));

        assertThat(exchange.getException()).isNull();
        assertThat(sim.lastRequest().form().get("MediaUrl"))
                .containsExactly("https://example.org/a.png", "https://example.org/b.gif");
        assertThat(sim.lastRequest().form()).doesNotContainKey("Body");
    }

    @Test
    void severalRecipientsFanOutAndMergeInInputOrder() {
        Exchange exchange = call(mycpaas("send", "maxConcurrentRequests=3"), "Hi",
                Map.of(SmsConstants.TO, "+4522000001,+15550001234,+4522000003,+4522000004"));

        assertThat(exchange.getException()).isNull();
        assertThat(sim.requestsTo("/Accounts/")).hasSize(4);
        SmsSendResult result = exchange.getMessage().getBody(SmsSendResult.class);
        assertThat(result.getRecipients()).extracting(r -> r.getTo())
                .containsExactly("+4522000001", "+15550001234", "+4522000003", "+4522000004");
        assertThat(result.getAcceptedCount()).isEqualTo(3);
        assertThat(result.getRecipients().get(1)).satisfies(r -> {
            assertThat(r.isAccepted()).isFalse();
            assertThat(r.getErrorCode()).isEqualTo("21610");
            assertThat(r.getStatus()).isEqualTo("failed");
        });
        assertThat(exchange.getMessage().getHeaders()).containsEntry(SmsConstants.STATUS, "PARTIAL")
                .containsEntry(SmsConstants.REJECTED_COUNT, 1).doesNotContainKey(SmsConstants.MESSAGE_ID);
        assertThat(exchange.getMessage().getHeader(SmsConstants.MESSAGE_IDS, List.class)).hasSize(3);

        SmsPartialFailureException e = failure(SmsPartialFailureException.class,
                mycpaas("send", "failOnPartialFailure=true"), "Hi", Map.of(SmsConstants.TO, "+4522000001,+15550001234"));
        assertThat(e.getResult().getAcceptedCount()).isEqualTo(1);
    }

    @Test
    void getMessageReadsTheResourceAndItsDates() {
        String sid = call(mycpaas("send"), "Hi", Map.of(SmsConstants.TO, "+4522334488")).getMessage()
                .getHeader(SmsConstants.MESSAGE_ID, String.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.laml().account(LAML_SID).messages().get(0).status()
                .equals("delivered"));

        Exchange exchange = call(mycpaas("getMessage"), null, Map.of(SmsConstants.MESSAGE_ID, sid));

        assertThat(exchange.getException()).isNull();
        assertThat(sim.lastRequest().method()).isEqualTo("GET");
        assertThat(sim.lastRequest().path())
                .isEqualTo("/api/laml/2010-04-01/Accounts/" + LAML_SID + "/Messages/" + sid + ".json");
        SmsMessage message = exchange.getMessage().getBody(SmsMessage.class);
        assertThat(message.getSid()).isEqualTo(sid);
        assertThat(message.getStatus()).isEqualTo("delivered");
        assertThat(message.getTo()).isEqualTo("+4522334488");
        assertThat(message.getFrom()).isEqualTo(LAML_FROM);
        assertThat(message.getNumSegments()).isEqualTo(1);
        assertThat(message.getDateCreated()).isNotNull();
        assertThat(message.getDateSent()).isNotNull();
        assertThat(exchange.getMessage().getHeader(SmsConstants.STATUS)).isEqualTo("delivered");
    }

    @Test
    void listMessagesFollowsNextPageUriUntilMaxResults() {
        for (int i = 0; i < 5; i++) {
            call(mycpaas("send"), "Message " + i, Map.of(SmsConstants.TO, "+452233448" + i));
        }
        sim.clearRequests();

        @SuppressWarnings("unchecked")
        List<SmsMessage> all = call(mycpaas("listMessages", "pageSize=2"), null, Map.of()).getMessage()
                .getBody(List.class);
        assertThat(all).hasSize(5);
        List<RecordedRequest> pages = sim.requests();
        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).queryParams()).containsEntry("PageSize", List.of("2"));
        assertThat(pages.get(2).queryParams()).containsEntry("Page", List.of("2"));

        sim.clearRequests();
        @SuppressWarnings("unchecked")
        List<SmsMessage> limited = call(mycpaas("listMessages", "pageSize=2", "maxResults=3"), null, Map.of())
                .getMessage().getBody(List.class);
        assertThat(limited).hasSize(3);
        assertThat(sim.requests()).hasSize(2);

        // DateSent matches only messages that were sent: wait until the simulator has moved this one on
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.laml().account(LAML_SID).messages().stream()
                .anyMatch(m -> m.to().equals("+4522334482") && m.dateSent() != null));
        @SuppressWarnings("unchecked")
        List<SmsMessage> filtered = call(mycpaas("listMessages"), null, Map.of(SmsConstants.TO, "+4522334482",
                SmsConstants.DATE_SENT, java.time.LocalDate.now(java.time.ZoneOffset.UTC))).getMessage()
                .getBody(List.class);
        assertThat(sim.lastRequest().queryParams()).containsEntry("To", List.of("+4522334482"))
                .containsKey("DateSent");
        assertThat(filtered).extracting(SmsMessage::getTo).containsExactly("+4522334482");
    }

    @Test
    void deleteMessageRemovesIt() {
        String sid = call(mycpaas("send"), "Hi", Map.of(SmsConstants.TO, "+4522334488")).getMessage()
                .getHeader(SmsConstants.MESSAGE_ID, String.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.laml().account(LAML_SID).messages().get(0).status()
                .equals("delivered"));

        Exchange exchange = call(mycpaas("deleteMessage"), null, Map.of(SmsConstants.MESSAGE_ID, sid));

        assertThat(exchange.getException()).isNull();
        assertThat(sim.lastRequest().method()).isEqualTo("DELETE");
        assertThat(exchange.getMessage().getHeaders()).containsEntry(Exchange.HTTP_RESPONSE_CODE, 204)
                .containsEntry(SmsConstants.STATUS, "deleted");
        assertThat(sim.laml().account(LAML_SID).messages()).isEmpty();

        SmsNotFoundException e = failure(SmsNotFoundException.class, mycpaas("getMessage"), null,
                Map.of(SmsConstants.MESSAGE_ID, sid));
        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getProviderCode()).isEqualTo("20404");
    }

    @Test
    void wrongTokenIsAuthenticationListingTheCausesWithoutTheToken() {
        String uri = "sms:mycpaas/send?baseUrl=" + sim.baseUrl() + "&accountSid=" + LAML_SID
                     + "&authToken=WrongT0ken-987&from=RAW(+4570200000)";
        SmsAuthenticationException e = failure(SmsAuthenticationException.class, uri, "Hi",
                Map.of(SmsConstants.TO, "+4522334488"));
        assertThat(e.getStatusCode()).isEqualTo(401);
        assertThat(e.getProviderCode()).isEqualTo("20003");
        assertThat(e.getMessage()).contains("Account SID").contains("padded").contains("rotated")
                .contains("another provider").doesNotContain("WrongT0ken-987").doesNotContain(LAML_TOKEN);
    }

    @Test
    void authTokenNeverReachesLogsOrExceptions() throws Exception {
        SmsComponent component = context.getComponent("sms", SmsComponent.class);
        component.getConfiguration().setBaseUrl(sim.baseUrl());
        component.getConfiguration().setAccountSid(LAML_SID);
        component.getConfiguration().setAuthToken(LAML_TOKEN);
        Exchange ok;
        Exchange notFound;
        List<String> texts = new java.util.ArrayList<>();
        try (LogCapture logs = new LogCapture()) {
            ok = call("sms:mycpaas/send?from=RAW(+4570200000)", "Hi", Map.of(SmsConstants.TO, "+4522334488"));
            notFound = call("sms:twilio/getMessage", null,
                    Map.of(SmsConstants.MESSAGE_ID, "SM00000000000000000000000000000000"));
            assertThat(logs.texts("io.github.camelsms")).isNotEmpty();
            texts.addAll(logs.texts(""));
        }
        assertThat(ok.getException()).isNull();
        assertThat(notFound.getException()).isInstanceOf(SmsNotFoundException.class);
        String basic = java.util.Base64.getEncoder().encodeToString((LAML_SID + ":" + LAML_TOKEN).getBytes());
        assertThat(sim.requests().get(0).header("Authorization")).isEqualTo("Basic " + basic);
        texts.add(String.valueOf(notFound.getException()));
        texts.add(((SmsException) notFound.getException()).getResponseBody());
        context.getEndpoints().forEach(e -> texts.add(e.toString()));
        assertThat(texts).allSatisfy(t -> assertThat(t).doesNotContain(LAML_TOKEN).doesNotContain(basic));
    }

    @Test
    void providerErrorsMapToTheContractsExceptions() {
        sim.laml().account(LAML_SID).ownedNumbers(java.util.Set.of("+4570200001"));
        SmsValidationException notOwned = failure(SmsValidationException.class, mycpaas("send"), "Hi",
                Map.of(SmsConstants.TO, "+4522334488"));
        assertThat(notOwned.getStatusCode()).isEqualTo(400);
        assertThat(notOwned.getProviderCode()).isEqualTo("21606");
        assertThat(notOwned.getMessage()).contains("twilio.com/docs/errors/21606");
        sim.laml().account(LAML_SID).ownedNumbers(null);

        sim.inject(Fault.rateLimited(4));
        SmsRateLimitException limited = failure(SmsRateLimitException.class, mycpaas("send", "retryAttempts=0"), "Hi",
                Map.of(SmsConstants.TO, "+4522334488"));
        assertThat(limited.getRetryAfter()).isEqualTo(Duration.ofSeconds(4));
        assertThat(limited.getProviderCode()).isEqualTo("20429");

        sim.inject(Fault.status(500, "{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}"));
        SmsProviderException serverError = failure(SmsProviderException.class, mycpaas("send"), "Hi",
                Map.of(SmsConstants.TO, "+4522334488"));
        assertThat(serverError.isInDoubt()).isTrue();

        sim.inject(Fault.status(500, "{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}"));
        SmsProviderException readError = failure(SmsProviderException.class, mycpaas("listMessages", "retryAttempts=0"),
                null, Map.of());
        assertThat(readError.isInDoubt()).isFalse();
        assertThat(readError.isRetryable()).isTrue();

        sim.inject(Fault.dropBeforeHandling());
        SmsTransportException dropped = failure(SmsTransportException.class, mycpaas("send"), "Hi",
                Map.of(SmsConstants.TO, "+4522334488"));
        assertThat(dropped.isInDoubt()).isTrue();
    }

    @Test
    void badInputIsRefusedBeforeSending() {
        assertInvalid(mycpaas("send"), "Hi", Map.of(SmsConstants.TO, "4522334488"), "to", "country code");
        assertInvalid(mycpaas("send"), "", Map.of(SmsConstants.TO, "+4522334488"), "body", "empty");
        assertInvalid(mycpaas("send"), "x".repeat(1601), Map.of(SmsConstants.TO, "+4522334488"), "body", "1600");
        assertInvalid(mycpaas("send"), "Hi", Map.of(SmsConstants.TO, "+4522334488", SmsConstants.FROM, "Shop"),
                "from", "E.164");
        assertInvalid(mycpaas("send"), "Hi", Map.of(SmsConstants.TO, "+4522334488", SmsConstants.MEDIA_URL,
                "/local/file.png"), "mediaUrl", "absolute");
        assertInvalid(mycpaas("send"), "Hi", Map.of(SmsConstants.TO, "+4522334488", SmsConstants.MEDIA_URL,
                "https://e.org/1,https://e.org/2,https://e.org/3,https://e.org/4,https://e.org/5,https://e.org/6,"
                + "https://e.org/7,https://e.org/8,https://e.org/9,https://e.org/10,https://e.org/11"),
                "mediaUrl", "at most 10");
        assertInvalid(mycpaas("getMessage"), null, Map.of(), SmsConstants.MESSAGE_ID, "CamelSmsMessageId");
        assertInvalid(mycpaas("deleteMessage"), null, Map.of(SmsConstants.MESSAGE_ID, "../x"),
                SmsConstants.MESSAGE_ID, "is not a mycpaas message sid (SM or MM followed by 32 hex digits)");
        assertThat(sim.requests()).isEmpty();
    }

    private void assertInvalid(String uri, Object body, Map<String, Object> headers, String field, String text) {
        SmsValidationException e = failure(SmsValidationException.class, uri, body, headers);
        assertThat(e.getField()).isEqualTo(field);
        assertThat(e.getMessage()).contains(text);
    }

    @Test
    void accountSidMustBeTheProvidersAccountId() {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").to("sms:mycpaas/send?accountSid=SK123&authToken=x");
            }
        })).hasStackTraceContaining("is not a mycpaas account id").hasStackTraceContaining("AC followed by 32 hex");
    }

    @Test
    void twilioAndSignalWireAreBaseUrlVariantsOfTheSameClient() {
        assertThat(context.getEndpoint("sms:twilio/send?accountSid=" + LAML_SID + "&authToken=t", SmsEndpoint.class)
                .effectiveBaseUrl()).isEqualTo("https://api.twilio.com/2010-04-01");
        assertThat(context.getEndpoint("sms:mycpaas/send?accountSid=" + LAML_SID + "&authToken=t", SmsEndpoint.class)
                .effectiveBaseUrl()).isEqualTo("https://developer.mycpaas.io/api/laml/2010-04-01");
        assertThat(context.getEndpoint("sms:signalwire/send?accountSid=" + SIGNALWIRE_PROJECT
                                       + "&authToken=t&spaceUrl=example.signalwire.com",
                SmsEndpoint.class).effectiveBaseUrl()).isEqualTo("https://example.signalwire.com/api/laml/2010-04-01");
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:sw").to("sms:signalwire/send?accountSid=" + SIGNALWIRE_PROJECT + "&authToken=t");
            }
        })).hasStackTraceContaining("spaceUrl option is not set");

        Exchange twilio = call(laml("twilio", "send"), "Hi", Map.of(SmsConstants.TO, "+4522334488"));
        assertThat(twilio.getException()).isNull();
        assertThat(twilio.getMessage().getHeader(SmsConstants.PROVIDER)).isEqualTo("twilio");
        assertThat(sim.lastRequest().path()).isEqualTo("/2010-04-01/Accounts/" + LAML_SID + "/Messages.json");
        Exchange signalWire = call(laml("signalwire", "send"), "Hi", Map.of(SmsConstants.TO, "+4522334488"));
        assertThat(signalWire.getException()).isNull();
        assertThat(signalWire.getMessage().getHeader(SmsConstants.PROVIDER)).isEqualTo("signalwire");
        assertThat(sim.lastRequest().path())
                .isEqualTo("/api/laml/2010-04-01/Accounts/" + SIGNALWIRE_PROJECT + "/Messages.json");
    }
}
