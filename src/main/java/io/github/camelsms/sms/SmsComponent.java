package io.github.camelsms.sms;

import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

import io.github.camelsms.sms.http.SmsHttpClients;
import io.github.camelsms.sms.spi.SmsProvider;
import io.github.camelsms.sms.spi.SmsProviders;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.IOHelper;
import org.apache.camel.util.PropertiesHelper;

/**
 * The sms component: {@code sms:provider/operation}. It owns the pooled HTTP clients its endpoints share and closes
 * them when it stops.
 */
@Component("sms")
public class SmsComponent extends HealthCheckComponent {

    /** The URI prefix of the options a provider declares for itself. */
    static final String PROVIDER_OPTION_PREFIX = "provider.";

    @Metadata(description = "The default options for every sms endpoint (each endpoint option can be set here).")
    private SmsConfiguration configuration = new SmsConfiguration();
    @Metadata(label = "advanced", defaultValue = "200",
              description = "The most HTTP connections the component keeps open in all.")
    private int maxTotalConnections = 200;
    @Metadata(label = "advanced", defaultValue = "40",
              description = "The most HTTP connections the component keeps open to one provider host.")
    private int connectionsPerRoute = 40;

    private volatile SmsHttpClients httpClients;
    private volatile ScheduledExecutorService retryTimer;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String[] parts = remaining.split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("Use sms:provider/operation, for example sms:cpsms/send. Providers: "
                                               + String.join(", ", SmsProviders.names()));
        }
        SmsProvider provider = SmsProviders.find(parts[0]);
        if (provider == null) {
            throw new IllegalArgumentException("Unknown SMS provider '" + parts[0] + "'. Supported providers: "
                                               + String.join(", ", SmsProviders.names()));
        }
        if (!provider.operations().containsKey(parts[1]) && !provider.consumerOperations().contains(parts[1])) {
            throw new IllegalArgumentException("The " + provider.name() + " provider has no operation '" + parts[1]
                                               + "'. Supported operations: "
                                               + String.join(", ", provider.operations().keySet())
                                               + (provider.consumerOperations().isEmpty() ? ""
                                                       : "; consumer operations (in from): "
                                                         + String.join(", ", provider.consumerOperations())));
        }
        SmsConfiguration endpointConfiguration = configuration.copy();
        endpointConfiguration.setProvider(provider.name());
        endpointConfiguration.setOperation(parts[1]);
        SmsInputs.applyProviderScoped(getCamelContext(), endpointConfiguration, provider);
        Map<String, Object> providerOptions = PropertiesHelper.extractProperties(parameters, PROVIDER_OPTION_PREFIX);
        endpointConfiguration.getProviderOptions().putAll(providerOptions);
        SmsEndpoint endpoint = new SmsEndpoint(uri, this, endpointConfiguration, provider);
        endpoint.setOptionsSetOnEndpoint(Set.copyOf(parameters.keySet()));
        endpoint.setProviderOptionsSetOnEndpoint(Set.copyOf(providerOptions.keySet()));
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The shared HTTP clients, created on first use. */
    SmsHttpClients httpClients() {
        SmsHttpClients clients = httpClients;
        if (clients == null) {
            synchronized (this) {
                if (httpClients == null) {
                    httpClients = new SmsHttpClients(getCamelContext(), maxTotalConnections, connectionsPerRoute);
                }
                clients = httpClients;
            }
        }
        return clients;
    }

    /** The one thread that starts retries when their wait is over (no thread waits meanwhile), created on first use. */
    ScheduledExecutorService retryTimer() {
        ScheduledExecutorService timer = retryTimer;
        if (timer == null) {
            synchronized (this) {
                if (retryTimer == null) {
                    retryTimer = getCamelContext().getExecutorServiceManager()
                            .newSingleThreadScheduledExecutor(this, "SmsRetryTimer");
                }
                timer = retryTimer;
            }
        }
        return timer;
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (this) {
            // First the clients: requests in flight or waiting for a connection fail at once, each exchange ends with
            // what was sent so far. Then the retries still waiting run against the closed clients and end the same way.
            IOHelper.close(httpClients);
            httpClients = null;
            if (retryTimer != null) {
                List<Runnable> waiting = getCamelContext().getExecutorServiceManager().shutdownNow(retryTimer);
                retryTimer = null;
                waiting.forEach(Runnable::run);
            }
        }
        super.doStop();
    }

    public SmsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(SmsConfiguration configuration) {
        this.configuration = configuration;
    }

    public int getMaxTotalConnections() {
        return maxTotalConnections;
    }

    public void setMaxTotalConnections(int maxTotalConnections) {
        this.maxTotalConnections = maxTotalConnections;
    }

    public int getConnectionsPerRoute() {
        return connectionsPerRoute;
    }

    public void setConnectionsPerRoute(int connectionsPerRoute) {
        this.connectionsPerRoute = connectionsPerRoute;
    }
}
