package io.github.camelsms.sms;

import java.time.Duration;

/**
 * A webhook test with a Sinch service plan on the simulator whose callbacks are signed with {@link #HMAC_SECRET}.
 */
public abstract class SinchTestSupport extends WebhookTestSupport {

    public static final String PLAN = "jd63jf88477ll123ab4567cd89012ef3";
    public static final String SINCH_TOKEN = "sinch-T0ken-must-not-leak";
    public static final String HMAC_SECRET = "sinch-Hmac-S3cret-must-not-leak";

    protected SinchTestSupport() {
        addSinchPlan(this);
    }

    /** The test service plan, on any webhook test's simulator. */
    public static void addSinchPlan(WebhookTestSupport test) {
        test.sim.sinch().addServicePlan(PLAN, SINCH_TOKEN).hmacSecret(HMAC_SECRET);
        test.sim.sinch().callbackDelay(Duration.ofMillis(20));
    }

    /** An sms:sinch URI with the simulator as base URL and the test service plan. */
    public static String sinchUri(WebhookTestSupport test, String operation, String... options) {
        StringBuilder uri = new StringBuilder("sms:sinch/").append(operation).append("?baseUrl=")
                .append(test.sim.baseUrl()).append("&provider.servicePlanId=").append(PLAN)
                .append("&provider.token=RAW(").append(SINCH_TOKEN).append(')');
        for (String option : options) {
            uri.append('&').append(option);
        }
        return uri.toString();
    }

    protected String sinch(String operation, String... options) {
        return sinchUri(this, operation, options);
    }

    /** A consumer of the Sinch callbacks on the path, checking their HMAC with the secret given. */
    protected static String sinchConsumer(String operation, String path, String secret) {
        return "sms:sinch/" + operation + "?path=" + path + "&validateSignature=true&provider.secretKey=RAW(" + secret
               + ")";
    }
}
