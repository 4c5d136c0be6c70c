package com.example.shop;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.github.camelsms.sms.model.DeliveryReport;
import org.springframework.stereotype.Component;

/** Where the application keeps the delivery reports it received. */
@Component
public class DeliveryReports {

    private final BlockingQueue<DeliveryReport> received = new LinkedBlockingQueue<>();

    public void add(DeliveryReport report) {
        received.add(report);
    }

    public BlockingQueue<DeliveryReport> received() {
        return received;
    }
}
