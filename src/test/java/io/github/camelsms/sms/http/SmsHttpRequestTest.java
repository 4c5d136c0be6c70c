package io.github.camelsms.sms.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.github.camelsms.sms.spi.SmsHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class SmsHttpRequestTest {

    @ParameterizedTest
    @ValueSource(strings = { "", "Hello from the benchmark", "+4522334488", "a&b=c%d+e", "æøå ÆØÅ", "~!*'();:@$,/?#[]",
                             ".-*_ 0-9 AZaz", "\uD83D\uDE00 emoji", "日本語", "tab\tnew\nline\r", "\u0000\u007f\u0080\u00ff",
                             "https://example.org/cb?ref=A1&token=x y" })
    void formsAreEncodedAsUrlEncoderEncodesThem(String value) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("Body", value);
        params.put("Media Url", List.of(value, "x"));
        params.put("Skipped", null);

        String body = new String(SmsHttpRequest.form("/Messages.json", params, true).body(), StandardCharsets.UTF_8);

        String v = URLEncoder.encode(value, StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("Body=" + v + "&Media+Url=" + v + "&Media+Url=x");
    }

    @ParameterizedTest
    @ValueSource(strings = { "AC0123", "a b", "a+b/c", "æ", "\uD83D\uDE00", "x.json" })
    void pathSegmentsAreEncodedWithSpacesAsPercent20(String value) {
        assertThat(SmsHttpRequest.segment(value))
                .isEqualTo(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
