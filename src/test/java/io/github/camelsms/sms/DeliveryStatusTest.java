package io.github.camelsms.sms;

import io.github.camelsms.sms.model.DeliveryStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryStatusTest {

    @ParameterizedTest
    @CsvSource({ "1,DELIVERED,true", "2,FAILED,true", "3,BUFFERED,false", "4,ABANDONED,true", "0,UNKNOWN,false",
                 "' 1 ',DELIVERED,true", "x,UNKNOWN,false" })
    void cpsmsCodes(String code, DeliveryStatus expected, boolean isFinal) {
        assertThat(DeliveryStatus.ofCpsms(code)).isEqualTo(expected);
        assertThat(expected.isFinal()).isEqualTo(isFinal);
    }

    @ParameterizedTest
    @CsvSource({ "queued,QUEUED,false", "sending,SENDING,false", "sent,SENT,false", "delivered,DELIVERED,true",
                 "Delivered,DELIVERED,true", "undelivered,UNDELIVERED,true", "failed,FAILED,true", "read,READ,true",
                 "canceled,CANCELED,true", "accepted,ACCEPTED,false", "receiving,RECEIVING,false",
                 "received,RECEIVED,true", "partially_delivered,PARTIALLY_DELIVERED,true", "scheduled,SCHEDULED,false",
                 "new-status,UNKNOWN,false" })
    void lamlStatuses(String status, DeliveryStatus expected, boolean isFinal) {
        assertThat(DeliveryStatus.ofLaml(status)).isEqualTo(expected);
        assertThat(expected.isFinal()).isEqualTo(isFinal);
    }
}
