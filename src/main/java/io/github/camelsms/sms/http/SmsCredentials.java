package io.github.camelsms.sms.http;

/**
 * A user and a secret for HTTP Basic authentication. {@link #toString()} never shows the secret.
 */
public record SmsCredentials(String user, String secret) {

    @Override
    public String toString() {
        return "SmsCredentials[user=" + user + ", secret=****]";
    }
}
