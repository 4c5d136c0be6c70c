package io.github.camelsms.sms;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.camelsms.sms.http.SmsHttpClients;
import io.github.camelsms.sms.http.SmsHttpTransport;
import io.github.camelsms.sms.http.SmsRedactor;
import io.github.camelsms.sms.spi.SmsOperation;
import io.github.camelsms.sms.spi.SmsAuthentication;
import io.github.camelsms.sms.spi.SmsProvider;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Send SMS and manage messages, groups and contacts through CPSMS.dk and Twilio-compatible (LaML) providers.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "sms", title = "SMS", syntax = "sms:provider/operation",
             category = { Category.MOBILE }, headersClass = SmsConstants.class)
public class SmsEndpoint extends DefaultEndpoint implements EndpointServiceLocation {

    @UriParam
    private SmsConfiguration configuration;

    private final transient SmsProvider provider;
    private volatile SmsHttpTransport transport;
    private volatile SmsRedactor redactor = SmsRedactor.NONE;
    private Set<String> optionsSetOnEndpoint = Set.of();
    private Set<String> providerOptionsSetOnEndpoint = Set.of();
    private volatile List<String> foreignHeaders = List.of();
    private volatile SmsOperation declaredOperation;

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
        if (isConsumerOperation()) {
            throw new IllegalArgumentException("sms:" + provider.name() + "/" + configuration.getOperation()
                                               + " receives webhooks: use it in from(...), not to(...). Operations to"
                                               + " send with: " + String.join(", ", provider.operations().keySet()));
        }
        return new SmsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (!isConsumerOperation()) {
            List<String> consumerOperations = provider.consumerOperations();
            throw new IllegalArgumentException("sms:" + provider.name() + "/" + configuration.getOperation()
                                               + " sends: use it in to(...), not from(...). Operations to receive"
                                               + " with: " + (consumerOperations.isEmpty() ? "none"
                                                       : String.join(", ", consumerOperations)));
        }
        SmsConsumer consumer = new SmsConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Whether the operation receives webhooks (deliveryReports, inbound) instead of calling the provider. */
    public boolean isConsumerOperation() {
        return provider.consumerOperations().contains(configuration.getOperation());
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (isConsumerOperation()) {
            // resolved while the route is created, before the context starts: a runtime that starts its HTTP server
            // lazily when platform-http is first resolved (Camel JBang) cannot start it from a consumer's doStart
            getCamelContext().getComponent("platform-http", true);
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        SmsInputs.checkProviderOptions(provider, configuration, providerOptionsSetOnEndpoint);
        if (isConsumerOperation()) {
            SmsInputs.checkConsumerOptions(provider, configuration.getOperation(), optionsSetOnEndpoint);
            redactor = SmsRedactor.of(configuration, provider, SmsAuthentication.NONE);
            return; // the consumer checks its own options and calls no provider API
        }
        String operation = configuration.getOperation();
        SmsInputs.checkOptions(provider, operation, optionsSetOnEndpoint);
        SmsConfiguration asGiven = configuration.copy(); // its secrets are redacted even where this operation ignores them
        SmsInputs.clearForeign(configuration, provider, operation);
        foreignHeaders = SmsInputs.foreignHeaders(provider);
        declaredOperation = provider.operations().get(operation);
        provider.checkConfiguration(configuration);
        SmsAuthentication authentication = provider.authentication(configuration);
        redactor = SmsRedactor.of(asGiven, provider, authentication);
        SmsTransportGuard.checkBaseUrl(configuration, provider.name(), effectiveBaseUrl());
        SmsTransportGuard.checkRegion(configuration, provider.name());
        SmsHttpClients clients = getComponent().httpClients();
        clients.maskInAnswers(redactor);
        SmsTransportGuard.checkConcurrency(configuration, provider.name(), clients.connectionsPerRoute());
        transport = new SmsHttpTransport(clients, clients.clientFor(SmsTransportGuard.clientOptions(configuration)),
                getComponent().retryTimer(), provider.name(), provider::toException, effectiveBaseUrl(), authentication,
                configuration.getResponseTimeout(),
                SmsTransportGuard.retryPolicy(configuration, provider.name()), redactor,
                SmsTransportGuard.tunnelProxy(configuration, effectiveBaseUrl()));
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

    @Override
    public String getServiceUrl() {
        return effectiveBaseUrl();
    }

    @Override
    public String getServiceProtocol() {
        return "http";
    }

    @Override
    public Map<String, String> getServiceMetadata() {
        return Map.of("provider", provider.name(), "operation", configuration.getOperation());
    }

    public SmsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(SmsConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Whether a consumer checks webhook signatures: as validateSignature says, or else if the provider signs. */
    boolean validatesSignatures() {
        Boolean configured = configuration.getValidateSignature();
        return configured != null ? configured : provider.webhooks() != null && provider.webhooks().signsByDefault();
    }

    public SmsProvider getProvider() {
        return provider;
    }

    /** Removes every form of this endpoint's secrets from texts, answers and exceptions (set when it starts). */
    public SmsRedactor getRedactor() {
        return redactor;
    }

    /** The provider options given in the endpoint's URI (without their prefix). */
    void setProviderOptionsSetOnEndpoint(Set<String> options) {
        this.providerOptionsSetOnEndpoint = options;
    }

    /** The options given in the endpoint's URI: only these are refused when the operation does not honour them. */
    void setOptionsSetOnEndpoint(Set<String> options) {
        this.optionsSetOnEndpoint = options;
    }

    /** The declared operation the producer performs (set when the endpoint starts). */
    SmsOperation getOperation() {
        return declaredOperation;
    }

    /** The input headers only other providers read; the producer refuses them before any request. */
    List<String> getForeignHeaders() {
        return foreignHeaders;
    }

    SmsHttpTransport getTransport() {
        return transport;
    }
}
