package io.github.camelsms.sms;

import io.github.camelsms.sms.service.SmsHttpTransport;
import io.github.camelsms.sms.service.SmsPhoneNumbers;
import io.github.camelsms.sms.service.SmsProvider;
import io.github.camelsms.sms.service.SmsTransportGuard;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Send SMS and manage messages, groups and contacts through CPSMS.dk and Twilio-compatible (LaML) providers.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "sms", title = "SMS", syntax = "sms:provider/operation",
             producerOnly = true, category = { Category.MOBILE }, headersClass = SmsConstants.class)
public class SmsEndpoint extends DefaultEndpoint {

    @UriParam
    private SmsConfiguration configuration;

    private final transient SmsProvider provider;
    private volatile SmsHttpTransport transport;

    public SmsEndpoint(String uri, SmsComponent component, SmsConfiguration configuration, SmsProvider provider) {
        super(uri, component);
        this.configuration = configuration;
        this.provider = provider;
    }

    @Override
    public SmsComponent getComponent() {
        return (SmsComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new SmsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("The sms component can only send (it has no consumer yet): " + this);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        provider.checkConfiguration(configuration);
        SmsTransportGuard.checkBaseUrl(configuration, provider.name(), effectiveBaseUrl());
        SmsPhoneNumbers.checkRegion(configuration, provider.name());
        transport = new SmsHttpTransport(getComponent().httpClients().clientFor(configuration), provider,
                effectiveBaseUrl(), provider.credentials(configuration), configuration.getResponseTimeout(),
                SmsTransportGuard.retryPolicy(configuration, provider.name()));
    }

    @Override
    protected void doStop() throws Exception {
        transport = null;
        super.doStop();
    }

    /** The base URL requests go to: the baseUrl option, or the provider's default. */
    public String effectiveBaseUrl() {
        String base = configuration.getBaseUrl();
        return base != null && !base.isBlank() ? base : provider.defaultBaseUrl(configuration);
    }

    public SmsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(SmsConfiguration configuration) {
        this.configuration = configuration;
    }

    public SmsProvider getProvider() {
        return provider;
    }

    SmsHttpTransport getTransport() {
        return transport;
    }
}
