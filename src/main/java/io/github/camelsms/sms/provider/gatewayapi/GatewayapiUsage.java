package io.github.camelsms.sms.provider.gatewayapi;

import java.math.BigDecimal;

import io.github.camelsms.sms.spi.SmsHeaders;
import io.github.camelsms.sms.spi.SmsCall;

/**
 * What the requests of one send cost: GatewayAPI answers each request with its usage (total_cost and currency), not
 * with a cost per recipient, so the send's cost is the sum over its requests.
 */
final class GatewayapiUsage {

    private BigDecimal totalCost;
    private String currency;

    synchronized void add(BigDecimal cost, String currency) {
        if (cost != null) {
            totalCost = totalCost == null ? cost : totalCost.add(cost);
        }
        if (currency != null) {
            this.currency = currency;
        }
    }

    /** CamelSmsCost and CamelSmsCurrency of the send, when GatewayAPI reported them. */
    synchronized void setHeaders(SmsCall call) {
        if (totalCost != null) {
            call.setOutHeader(SmsHeaders.COST, totalCost);
        }
        if (currency != null) {
            call.setOutHeader(SmsHeaders.CURRENCY, currency);
        }
    }
}
