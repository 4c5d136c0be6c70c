package io.github.camelsms.sms;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.camelsms.sms.model.SmsContact;
import io.github.camelsms.sms.model.SmsGroup;
import io.github.camelsms.sms.model.SmsLogEntry;
import io.github.camelsms.sms.simulator.Fault;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import io.github.camelsms.sms.exception.SmsRateLimitException;

import static org.assertj.core.api.Assertions.assertThat;

class CpsmsOperationsTest extends SmsTestSupport {

    @Test
    void creditIsParsedFromTheDanishFormat() {
        sim.cpsms().account(USER).credit(new BigDecimal("9843.40"));

        Exchange exchange = call(cpsms("credit"), null, Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(sim.lastRequest().method()).isEqualTo("GET");
        assertThat(sim.lastRequest().path()).isEqualTo("/creditvalue");
        assertThat(exchange.getMessage().getBody()).isInstanceOf(BigDecimal.class);
        assertThat(exchange.getMessage().getBody(BigDecimal.class)).isEqualByComparingTo("9843.40");
    }

    @Test
    void creditAcceptsANumberToo() {
        sim.inject(Fault.status(200, "{\"credit\": 12.5}"));
        assertThat(call(cpsms("credit"), null, Map.of()).getMessage().getBody(BigDecimal.class))
                .isEqualByComparingTo("12.5");
    }

    @Test
    void sendResponseQuirksAreTolerated() {
        // the 2016 shape: a nested success array with string "price" and capitalised keys
        sim.inject(Fault.status(200, "{\"Success\":[[{\"to\":\"4522334488\",\"price\":\"1.6\",\"countryCode\":\"45\","
                                     + "\"smsAmount\":1}]]}"));
        Exchange exchange = call(cpsms("send"), "Hi", Map.of(SmsConstants.TO, "4522334488"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(SmsConstants.COST, BigDecimal.class)).isEqualByComparingTo("1.6");
        assertThat(exchange.getMessage().getHeader(SmsConstants.ACCEPTED_COUNT)).isEqualTo(1);
    }

    @Test
    void logReadsEntriesWithRangeAndRecipient() {
        call(cpsms("send"), "First", Map.of(SmsConstants.TO, "4522334488", SmsConstants.REFERENCE, "r1"));
        call(cpsms("send"), "Second", Map.of(SmsConstants.TO, "4522334499"));
        Instant from = Instant.now().minusSeconds(3600);
        Instant to = Instant.now().plusSeconds(60);

        Exchange exchange = call(cpsms("log"), null, Map.of(SmsConstants.LOG_FROM, from, SmsConstants.LOG_TO, to,
                SmsConstants.TO, "+4522334488"));

        assertThat(exchange.getException()).isNull();
        assertThat(sim.lastRequest().path())
                .isEqualTo("/getlog/" + from.getEpochSecond() + "/" + to.getEpochSecond() + "/4522334488");
        @SuppressWarnings("unchecked")
        List<SmsLogEntry> entries = exchange.getMessage().getBody(List.class);
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.getTo()).isEqualTo("4522334488");
            assertThat(e.getFrom()).isEqualTo("CamelSms");
            assertThat(e.getUserReference()).isEqualTo("r1");
            assertThat(e.getDlrStatus()).isEqualTo(1);
            assertThat(e.getPointPrice()).isEqualByComparingTo("1");
            assertThat(e.getTimeSent()).isBetween(from, to);
        });

        Exchange all = call(cpsms("log"), null, Map.of());
        assertThat(sim.lastRequest().path()).isEqualTo("/getlog");
        assertThat(all.getMessage().getBody(List.class)).hasSize(2);
    }

    @Test
    void logRateLimitBecomesRateLimitException() {
        sim.cpsms().logRateLimit(java.time.Duration.ofMinutes(2));
        assertThat(call(cpsms("log"), null, Map.of()).getException()).isNull();

        SmsRateLimitException e = failure(SmsRateLimitException.class, cpsms("log"), null, Map.of());

        assertThat(e.getStatusCode()).isEqualTo(429);
        assertThat(e.getRetryAfter()).isBetween(java.time.Duration.ofSeconds(100), java.time.Duration.ofSeconds(121));
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.isInDoubt()).isFalse();
        assertThat(e.getMessage()).contains("one request per two minutes");
    }

    @Test
    void groupsCanBeCreatedListedRenamedAndDeleted() {
        Exchange created = call(cpsms("createGroup"), null, Map.of(SmsConstants.GROUP_NAME, "Drivers"));
        assertThat(sim.lastRequest().method()).isEqualTo("POST");
        assertThat(sim.lastRequest().path()).isEqualTo("/addgroup");
        assertThat(sim.lastRequest().json().get("groupName").asText()).isEqualTo("Drivers");
        SmsGroup group = created.getMessage().getBody(SmsGroup.class);
        assertThat(group.getGroupName()).isEqualTo("Drivers");
        assertThat(group.getGroupId()).matches("\\d+");
        assertThat(created.getMessage().getHeader(SmsConstants.GROUP_ID)).isEqualTo(group.getGroupId());

        @SuppressWarnings("unchecked")
        List<SmsGroup> groups = call(cpsms("listGroups"), null, Map.of()).getMessage().getBody(List.class);
        assertThat(groups).extracting(SmsGroup::getGroupId, SmsGroup::getGroupName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(group.getGroupId(), "Drivers"));

        Exchange renamed = call(cpsms("updateGroup"), null, Map.of(SmsConstants.GROUP_ID, group.getGroupId(),
                SmsConstants.GROUP_NAME, "Night drivers"));
        assertThat(renamed.getException()).isNull();
        assertThat(sim.lastRequest().method()).isEqualTo("PUT");
        assertThat(sim.lastRequest().path()).isEqualTo("/updategroup");
        assertThat(sim.lastRequest().json().get("groupId").isInt()).isTrue();
        assertThat(sim.lastRequest().json().get("groupName").asText()).isEqualTo("Night drivers");
        assertThat(renamed.getMessage().getHeader(SmsConstants.STATUS, String.class)).contains("Updated");
        assertThat(sim.cpsms().account(USER).groups()).containsValue("Night drivers");

        Exchange deleted = call(cpsms("deleteGroup"), null, Map.of(SmsConstants.GROUP_ID, group.getGroupId()));
        assertThat(deleted.getException()).isNull();
        assertThat(sim.lastRequest().method()).isEqualTo("DELETE");
        assertThat(sim.lastRequest().path()).isEqualTo("/deletegroup/" + group.getGroupId());
        assertThat(deleted.getMessage().getBody(String.class)).isEqualTo("Group " + group.getGroupId() + " deleted");
        assertThat(sim.cpsms().account(USER).groups()).isEmpty();
    }

    @Test
    void contactsCanBeCreatedListedUpdatedAndDeleted() {
        String groupId = call(cpsms("createGroup"), null, Map.of(SmsConstants.GROUP_NAME, "Team")).getMessage()
                .getBody(SmsGroup.class).getGroupId();

        Exchange created = call(cpsms("createContact"), null, Map.of(SmsConstants.GROUP_ID, groupId,
                SmsConstants.PHONE_NUMBER, "+45 22 33 44 88", SmsConstants.CONTACT_NAME, "Ann"));
        assertThat(created.getException()).isNull();
        assertThat(sim.lastRequest().path()).isEqualTo("/addcontact");
        assertThat(sim.lastRequest().json().get("phoneNumber").asText()).isEqualTo("4522334488");
        assertThat(sim.lastRequest().json().get("contactName").asText()).isEqualTo("Ann");
        assertThat(created.getMessage().getBody(SmsContact.class).getPhoneNumber()).isEqualTo("4522334488");

        @SuppressWarnings("unchecked")
        List<SmsContact> contacts = call(cpsms("listContacts"), null, Map.of(SmsConstants.GROUP_ID, groupId))
                .getMessage().getBody(List.class);
        assertThat(sim.lastRequest().path()).isEqualTo("/listcontacts/" + groupId);
        assertThat(contacts).singleElement().satisfies(c -> {
            assertThat(c.getPhoneNumber()).isEqualTo("4522334488");
            assertThat(c.getContactName()).isEqualTo("Ann");
            assertThat(c.getGroupId()).isEqualTo(groupId);
        });

        Exchange updated = call(cpsms("updateContact"), null, Map.of(SmsConstants.GROUP_ID, groupId,
                SmsConstants.PHONE_NUMBER, "4522334488", SmsConstants.CONTACT_NAME, "Ann B."));
        assertThat(updated.getException()).isNull();
        assertThat(sim.lastRequest().method()).isEqualTo("PUT");
        assertThat(sim.cpsms().account(USER).contacts(Integer.parseInt(groupId))).containsEntry("4522334488", "Ann B.");

        Exchange deleted = call(cpsms("deleteContact"), null, Map.of(SmsConstants.GROUP_ID, groupId,
                SmsConstants.PHONE_NUMBER, "4522334488"));
        assertThat(deleted.getException()).isNull();
        assertThat(sim.lastRequest().path()).isEqualTo("/deletecontact/" + groupId + "/4522334488");
        assertThat(deleted.getMessage().getBody(String.class)).isEqualTo("Contact deleted/removed");
        assertThat(sim.cpsms().account(USER).contacts(Integer.parseInt(groupId))).isEmpty();
    }

    @Test
    void resultsSerializeAsJson() throws Exception {
        call(cpsms("send"), "Hi", Map.of(SmsConstants.TO, "4522334488"));
        Object log = call(cpsms("log"), null, Map.of()).getMessage().getBody();
        Object result = call(cpsms("send"), "Hi", Map.of(SmsConstants.TO, "4522334488")).getMessage().getBody();

        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(mapper.writeValueAsString(result)).contains("\"acceptedCount\":1").contains("\"to\":\"4522334488\"");
        assertThat(mapper.writeValueAsString(log)).contains("\"timeSent\":\"20");
    }
}
