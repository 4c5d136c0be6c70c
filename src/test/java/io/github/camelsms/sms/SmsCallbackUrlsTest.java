package io.github.camelsms.sms;

import io.github.camelsms.sms.webhook.SmsCallbackUrls;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SmsCallbackUrlsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://x.example/dlr           | t 1 | https://x.example/dlr?webhookVerifyToken=t+1",
            "https://x.example/dlr?a=1       | t   | https://x.example/dlr?a=1&webhookVerifyToken=t",
            "https://x.example/dlr?          | t   | https://x.example/dlr?webhookVerifyToken=t",
            "https://x.example/dlr?a=1#frag  | t   | https://x.example/dlr?a=1&webhookVerifyToken=t#frag",
            "https://x.example/dlr?webhookVerifyToken=own | t | https://x.example/dlr?webhookVerifyToken=own",
            "https://x.example/dlr?xwebhookVerifyToken=1  | t | https://x.example/dlr?xwebhookVerifyToken=1&webhookVerifyToken=t",
            "https://x.example/dlr           | a&b=c | https://x.example/dlr?webhookVerifyToken=a%26b%3Dc" })
    void appendsTheParameterOnce(String url, String value, String expected) {
        assertThat(SmsCallbackUrls.withParam(url, SmsCallbackUrls.TOKEN_PARAM, value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({ "https://x.example/dlr", "https://x.example/dlr?a=1" })
    void leavesTheUrlAloneWithoutAValue(String url) {
        assertThat(SmsCallbackUrls.withParam(url, SmsCallbackUrls.TOKEN_PARAM, null)).isEqualTo(url);
        assertThat(SmsCallbackUrls.withParam(url, SmsCallbackUrls.TOKEN_PARAM, " ")).isEqualTo(url);
    }
}
