package io.github.camelsms.sms.provider.laml;

import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsms.sms.model.SmsMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LamlResponsesTest {

    @Test
    void datesInRfc2822AndIso8601() {
        Instant expected = Instant.parse("2018-08-14T19:37:39Z");
        assertThat(LamlDates.parse("Tue, 14 Aug 2018 19:37:39 +0000")).isEqualTo(expected);
        assertThat(LamlDates.parse("2018-08-14T19:37:39Z")).isEqualTo(expected);
        assertThat(LamlDates.parse("2018-08-14T21:37:39+02:00")).isEqualTo(expected);
        assertThat(LamlDates.parse(null)).isNull();
        assertThat(LamlDates.parse("yesterday")).isNull();
    }

    @Test
    void numbersAsStringsOrNumbersAndUnknownFieldsIgnored() throws Exception {
        SmsMessage message = LamlResponses.message(new ObjectMapper().readTree("""
                {"sid":"SM1","status":"sent","num_segments":"2","num_media":0,"price":"-0.00750",
                 "error_code":30003,"date_created":"Tue, 14 Aug 2018 19:37:39 +0000","brand_new_field":{"x":1}}"""));
        assertThat(message.getNumSegments()).isEqualTo(2);
        assertThat(message.getNumMedia()).isZero();
        assertThat(message.getPrice()).isEqualByComparingTo("-0.0075");
        assertThat(message.getErrorCode()).isEqualTo("30003");
        assertThat(message.getDateCreated()).isEqualTo(Instant.parse("2018-08-14T19:37:39Z"));
    }
}
