package io.github.camelsms.sms.model;

import java.util.List;

/**
 * The answer to an inbound SMS: set it (or just a String) as the body at the end of a
 * {@code sms:provider/inbound} route and the consumer returns it as LaML
 * {@code <Response><Message>...</Message></Response>}.
 *
 * @param text      the reply text, or null for media only
 * @param mediaUrls media URLs that make the reply an MMS (may be empty)
 */
public record SmsReply(String text, List<String> mediaUrls) {

    public SmsReply {
        mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
    }

    public static SmsReply text(String text) {
        return new SmsReply(text, List.of());
    }

    public static SmsReply media(String text, String... mediaUrls) {
        return new SmsReply(text, List.of(mediaUrls));
    }
}
