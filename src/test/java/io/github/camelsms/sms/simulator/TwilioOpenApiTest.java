package io.github.camelsms.sms.simulator;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioOpenApiTest {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final Map<String, String> FORM = Map.of("Authorization", "Basic QUM6dA==",
            "Content-Type", "application/x-www-form-urlencoded");

    @Test
    void probe() {
        TwilioOpenApi spec = TwilioOpenApi.get();
        System.out.println(spec.violations("POST", "/2010-04-01/Accounts/" + SID + "/Messages.json", null, FORM,
                "To=%2B4522334488&From=%2B4570200000&Body=Hi&SmartEncoded=true&ValidityPeriod=60&MaxPrice=0.5"));
        System.out.println(spec.violations("POST", "/2010-04-01/Accounts/" + SID + "/Messages.json", null, FORM,
                "From=%2B4570200000&Body=Hi&SmartEncoded=maybe&ValidityPeriod=x&Bogus=1"));
        System.out.println(spec.violations("GET", "/2010-04-01/Accounts/" + SID + "/Messages.json",
                "To=%2B4522334488&DateSent%3C=2026-11-23&DateSent%3E=2026-11-01&PageSize=5", Map.of("Authorization", "Basic QUM6dA=="), ""));
        System.out.println(spec.violations("GET", "/2010-04-01/Accounts/AC5/Messages/SM1.json", null,
                Map.of("Authorization", "Basic QUM6dA=="), ""));
        System.out.println(spec.violations("GET", "/api/laml/2010-04-01/Accounts/ea108133-d6b3-407c-9536-9fad8a929a6a/Messages/ea108133-d6b3-407c-9536-9fad8a929a6b.json", null,
                Map.of(), ""));
        System.out.println(spec.violations("POST", "/2010-04-01/Accounts/" + SID + "/Messages.json", null, FORM,
                "To=%2B4522334488&MessagingServiceSid=MG0123456789abcdef0123456789abcdef&Body=Hi&ScheduleType=fixed&SendAt=2026-11-24T10%3A00%3A00Z&MediaUrl=https%3A%2F%2Fa%2Fw_1%2Ch_2%2Fx.jpg&MediaUrl=https%3A%2F%2Fb"));
        System.out.println(spec.violations("POST", "/2010-04-01/Accounts/" + SID + "/Messages.json", null, FORM,
                "To=%2B4522334488&MessagingServiceSid=MG0123&Body=Hi&ScheduleType=later&SendAt=tomorrow"));
        System.out.println(spec.violations("DELETE", "/Accounts/" + SID + "/Calls.json", null, FORM, ""));
        assertThat(spec).isNotNull();
    }
}
