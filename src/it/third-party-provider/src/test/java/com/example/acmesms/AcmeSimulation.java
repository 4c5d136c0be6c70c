package com.example.acmesms;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelsms.sms.simulator.SimRequest;
import io.github.camelsms.sms.simulator.SimResponse;
import io.github.camelsms.sms.simulator.Simulation;
import io.github.camelsms.sms.simulator.SmsSimulator;
import io.github.camelsms.sms.simulator.Webhook;

/**
 * Acme SMS on camel-sms's simulator, written from Acme's API description (the Javadoc of {@link AcmeSmsProvider},
 * standing in for the provider's documents): it checks every request's signature itself, keeps accounts with credit
 * and the messages they sent, and posts signed delivery reports.
 */
final class AcmeSimulation implements Simulation {

    static final String BASE_PATH = "/acme/v1";
    static final BigDecimal PRICE = new BigDecimal("0.05");

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "ACME-HMAC keyId=([^,]+),ts=(\\d{1,12}),sig=([0-9a-f]{64})");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SmsSimulator simulator;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    AcmeSimulation(SmsSimulator simulator) {
        this.simulator = simulator;
    }

    /** An account, its signing key and credit. */
    static final class Account {
        final String secretKey;
        volatile BigDecimal credit;
        final List<String> sentTo = new CopyOnWriteArrayList<>();

        Account(String secretKey, BigDecimal credit) {
            this.secretKey = secretKey;
            this.credit = credit;
        }

        void credit(BigDecimal credit) {
            this.credit = credit;
        }

        /** The recipients of every accepted message, oldest first. */
        List<String> sentTo() {
            return List.copyOf(sentTo);
        }
    }

    Account addAccount(String keyId, String secretKey, BigDecimal credit) {
        Account account = new Account(secretKey, credit);
        accounts.put(keyId, account);
        return account;
    }

    Account account(String keyId) {
        return accounts.get(keyId);
    }

    @Override
    public String provider() {
        return AcmeSmsProvider.NAME;
    }

    @Override
    public String basePath() {
        return BASE_PATH;
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of("/acme/");
    }

    @Override
    public SimResponse handle(SimRequest request) {
        Account account = authenticate(request);
        if (account == null) {
            return error(401, "unauthorized", "unknown key, or a signature that does not match");
        }
        String path = request.path();
        if (path.equals(BASE_PATH + "/messages") && request.method().equals("POST")) {
            return send(account, request);
        }
        if (path.equals(BASE_PATH + "/credit") && request.method().equals("GET")) {
            return SimResponse.json(200, "{\"credit\":\"" + account.credit.toPlainString() + "\",\"currency\":\"EUR\"}");
        }
        return error(404, "not_found", "no such resource");
    }

    private Account authenticate(SimRequest request) {
        String authorization = request.header("Authorization");
        Matcher m = authorization == null ? null : AUTHORIZATION.matcher(authorization);
        if (m == null || !m.matches()) {
            return null;
        }
        Account account = accounts.get(m.group(1));
        long ts = Long.parseLong(m.group(2));
        if (account == null || Math.abs(Instant.now().getEpochSecond() - ts) > 300) {
            return null;
        }
        String target = request.path() + (request.query() == null ? "" : "?" + request.query());
        String signed = request.method() + "\n" + target + "\n" + m.group(2) + "\n" + request.body();
        byte[] expected = hmac(account.secretKey, signed);
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(m.group(3))) ? account : null;
    }

    private SimResponse send(Account account, SimRequest request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (Exception e) {
            return error(400, "invalid_json", "the body is not JSON");
        }
        JsonNode to = body.get("to");
        JsonNode text = body.get("text");
        if (to == null || !to.isArray() || to.isEmpty() || to.size() > 50) {
            return error(400, "invalid_to", "to must be an array of 1 to 50 numbers");
        }
        if (text == null || !text.isTextual() || text.asText().isEmpty()) {
            return error(400, "invalid_text", "text is required");
        }
        synchronized (account) {
            BigDecimal cost = PRICE.multiply(BigDecimal.valueOf(to.size()));
            if (account.credit.compareTo(cost) < 0) {
                return error(402, "insufficient_credit", "the account's credit does not cover this send");
            }
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode results = answer.putArray("results");
            String callbackUrl = body.hasNonNull("callbackUrl") ? body.get("callbackUrl").asText() : null;
            for (JsonNode number : to) {
                ObjectNode result = results.addObject().put("to", number.asText());
                if (!E164.matcher(number.asText()).matches()) {
                    result.putObject("error").put("code", "invalid_number").put("message", "not an E.164 number");
                    continue;
                }
                String id = "msg-" + ids.incrementAndGet();
                account.credit = account.credit.subtract(PRICE);
                account.sentTo.add(number.asText());
                result.put("id", id).put("status", "queued");
                if (callbackUrl != null) {
                    report(account, callbackUrl, id, number.asText(), "delivered");
                }
            }
            return SimResponse.json(200, answer.toString());
        }
    }

    private void report(Account account, String url, String id, String to, String status) {
        String body = JSON.createObjectNode().put("id", id).put("to", to).put("status", status)
                .put("at", Instant.now().toString()).toString();
        simulator.postWebhook(new Webhook("POST", url, "application/json", body,
                Map.of("Acme-Signature", signature(account.secretKey, Instant.now().getEpochSecond(), body))),
                Duration.ofMillis(20));
    }

    /** The Acme-Signature header of a report body signed at that time. */
    static String signature(String secretKey, long epochSeconds, String body) {
        return "t=" + epochSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secretKey, epochSeconds + "." + body));
    }

    private static byte[] hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static SimResponse error(int status, String code, String message) {
        return SimResponse.json(status, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
    }
}
