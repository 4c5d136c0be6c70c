// Generated from the component's metadata (sms.json) by SpringBootSourcesTest: do not edit.
// Regenerate with: mvn -B test -Dtest='SmsComponentDocTest,SpringBootSourcesTest' -Dsms.updateDoc=true
package io.github.camelsms.sms.springboot;

import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Send SMS and manage messages, groups and contacts through CPSMS.dk and Twilio-compatible (LaML) providers.
 * <p>
 * The options of camel.component.sms.* in Spring Boot. An option left unset keeps the component's default.
 */
@ConfigurationProperties(prefix = "camel.component.sms")
public class SmsComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    /**
     * Overrides the provider's base URL, for example to use a sandbox or the simulator.
     */
    private String baseUrl;
    /**
     * The default options for every sms endpoint (each endpoint option can be set here).
     */
    private io.github.camelsms.sms.SmsConfiguration configuration;
    /**
     * The SignalWire space host, for example example.signalwire.com (signalwire only).
     */
    private String spaceUrl;
    /**
     * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if
     * possible) occurred while the Camel consumer is trying to pickup incoming messages, or the likes, will
     * now be processed as a message and handled by the routing Error Handler. Important: This is only
     * possible if the 3rd party component allows Camel to be alerted if an exception was thrown. Some
     * components handle this internally only, and therefore bridgeErrorHandler is not possible. In other
     * situations we may improve the Camel component to hook into the 3rd party component and make this
     * possible for future releases. By default the consumer will use the
     * org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or ERROR
     * level and ignored.
     */
    private Boolean bridgeErrorHandler;
    /**
     * The most webhooks this consumer routes at once. One more is answered 503 with Retry-After at once, so
     * that a slow route or a flood of callbacks cannot take every thread of the HTTP server; the provider's
     * retry is routed later. Raise it for a provider that does not retry webhooks. 0 means no limit.
     */
    private Integer maxConcurrentWebhooks;
    /**
     * The HTTP path the consumer serves on the application's platform-http server, for example /sms/dlr.
     * Required for consumers.
     */
    private String path;
    /**
     * The repository that remembers the webhooks already routed, to drop the provider's retries and
     * out-of-order reports. Defaults to an in-memory repository of 10000 keys per consumer. Its checks are
     * not atomic across instances: for several instances set webhookMemory instead.
     */
    private org.apache.camel.spi.IdempotentRepository idempotentRepository;
    /**
     * What the consumer remembers of the webhooks it routed, instead of idempotentRepository: for several
     * instances an SmsJdbcWebhookMemory on a shared database, whose claims are atomic across instances (each
     * callback routed once, no report routed after its message's final one). Cannot be combined with
     * idempotentRepository.
     */
    private io.github.camelsms.sms.webhook.SmsWebhookMemory webhookMemory;
    /**
     * The URL the provider posts delivery reports to (cpsms dlr_url, LaML StatusCallback).
     */
    private String callbackUrl;
    /**
     * The region (ISO 3166 code such as DK) for recipient numbers written without a country code, for example
     * 22 33 44 88 becomes 4522334488 with DK.
     */
    private String defaultRegion;
    /**
     * The character encoding CPSMS uses for the message (cpsms only; refused by LaML providers).
     */
    private String encoding;
    /**
     * Throw SmsPartialFailureException when the provider rejected some recipients. By default the result
     * lists them and the exchange succeeds.
     */
    private Boolean failOnPartialFailure;
    /**
     * Send as a flash SMS, shown at once and not stored (cpsms only; refused by LaML providers).
     */
    private Boolean flash;
    /**
     * The default sender: up to 11 letters and digits or up to 20 digits (cpsms); LaML an E.164 number, and
     * on twilio also an alphanumeric sender ID (up to 11 characters), a short code or a channel address
     * (whatsapp: and an E.164 number); signalwire also a short code.
     */
    private String from;
    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this
     * to allow CamelContext and routes to startup in situations where a producer may otherwise fail during
     * starting and cause the route to fail being started. By deferring this startup to be lazy then the
     * startup failure can be handled during routing messages via Camel's routing error handlers. Beware that
     * when the first message is processed then creating and starting the producer may take a little time and
     * prolong the total processing time of the processing.
     */
    private Boolean lazyStartProducer;
    /**
     * How many LaML requests a send to several recipients has in flight at once (one request per recipient);
     * at most the component's connectionsPerRoute.
     */
    private Integer maxConcurrentRequests;
    /**
     * The highest price in USD you accept for the message, such as 0.05: a dearer message fails instead of
     * being sent (MaxPrice; signalwire only, Twilio made MaxPrice obsolete).
     */
    private String maxPrice;
    /**
     * The most recipients one CPSMS send request carries; a send to more recipients is split into consecutive
     * requests and their results are merged (cpsms only).
     */
    private Integer maxRecipientsPerRequest;
    /**
     * The most messages listMessages returns, following the provider's pages (LaML only).
     */
    private Integer maxResults;
    /**
     * The longest wait in milliseconds between retries. A Retry-After from the provider is honoured up to
     * this; a longer one is not waited for and the failure is thrown.
     */
    private Long maxRetryDelay;
    /**
     * Refuse texts that take more SMS segments than this (each segment is billed). Not set means no limit
     * beyond the provider's own.
     */
    private Integer maxSegments;
    /**
     * Media URL(s) that make the message an MMS (LaML only; up to 10), separated by commas. The list is split
     * only at a comma followed by http:// or https://, so a comma inside a URL is kept.
     */
    private String mediaUrl;
    /**
     * The Messaging Service to send through, MG followed by 32 hex digits (twilio only): its sender pool
     * picks the number, so from may be left out. Needed to schedule a message (CamelSmsScheduledAt).
     */
    private String messagingServiceSid;
    /**
     * How many messages listMessages asks for per page (LaML only; 1 to 1000).
     */
    private Integer pageSize;
    /**
     * Your own reference of the message, up to 32 characters (cpsms only; refused by LaML providers). Needed
     * to cancel a scheduled message.
     */
    private String reference;
    /**
     * How many times a failed request is sent again when the failure is retryable and not in doubt
     * (connection refused, connect timeout, unknown host, TLS handshake, 429, 503 with Retry-After, a 5xx
     * answer to a read). A request that changes state (a send, create, update, delete or cancel) and may have
     * reached the provider is never retried. 0 turns retrying off.
     */
    private Integer retryAttempts;
    /**
     * The wait in milliseconds before the first retry; it doubles with each further retry, with random
     * jitter, up to maxRetryDelay.
     */
    private Long retryDelay;
    /**
     * Deliver the message as one MMS even without media (SendAsMms; twilio only).
     */
    private Boolean sendAsMms;
    /**
     * Shorten the links in the text with the Messaging Service's link shortening (ShortenUrls; twilio only,
     * with messagingServiceSid).
     */
    private Boolean shortenUrls;
    /**
     * Send to the valid recipients when some numbers are invalid, listing the invalid ones as rejected in the
     * result. By default nothing is sent when any number is invalid.
     */
    private Boolean skipInvalidRecipients;
    /**
     * Replace Unicode characters that have a GSM-7 look-alike (such as curly quotes) so the text stays GSM-7
     * (SmartEncoded; twilio only).
     */
    private Boolean smartEncoded;
    /**
     * The default recipient(s), comma-separated.
     */
    private String to;
    /**
     * How many seconds the message may wait in the provider's queue before it is dropped: twilio 1 to 36000,
     * signalwire 1 to 172800 (ValidityPeriod; not mycpaas).
     */
    private Integer validityPeriod;
    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked
     * as autowired) by looking up in the registry to find if there is a single instance of matching type,
     * which then gets configured on the component. This can be used for automatic configuring JDBC data
     * sources, JMS connection factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled;
    /**
     * The most HTTP connections the component keeps open to one provider host.
     */
    private Integer connectionsPerRoute;
    /**
     * A hook to configure the Apache HttpClient 5 async client builder (HttpAsyncClientBuilder) the endpoint
     * sends with; endpoints with the same configurer share one client.
     */
    private io.github.camelsms.sms.http.HttpAsyncClientConfigurer httpAsyncClientConfigurer;
    /**
     * The most HTTP connections the component keeps open in all.
     */
    private Integer maxTotalConnections;
    /**
     * Used for enabling or disabling all consumer based health checks from this component
     */
    private Boolean healthCheckConsumerEnabled;
    /**
     * Used for enabling or disabling all producer based health checks from this component. Notice: Camel has
     * by default disabled all producer based health-checks. You can turn on producer checks globally by
     * setting camel.health.producersEnabled=true.
     */
    private Boolean healthCheckProducerEnabled;
    /**
     * The password for proxy authentication (Basic).
     */
    private String proxyAuthPassword;
    /**
     * The user name for proxy authentication (Basic).
     */
    private String proxyAuthUsername;
    /**
     * The proxy host name.
     */
    private String proxyHost;
    /**
     * The proxy port.
     */
    private Integer proxyPort;
    /**
     * The LaML account: the Account SID (AC followed by 32 hex digits) for mycpaas and twilio, the Project ID
     * (a UUID) for signalwire.
     */
    private String accountSid;
    /**
     * Allow sending credentials over plain http:// to a host other than the loopback interface. By default
     * only https:// (or http:// to localhost) is used.
     */
    private Boolean allowInsecureHttp;
    /**
     * The CPSMS API key, generated under INDSTILLINGER - API in the CPSMS web app.
     */
    private String apiKey;
    /**
     * The LaML Auth Token (signalwire: the API token).
     */
    private String authToken;
    /**
     * Options for one provider. On an endpoint, with the prefix provider., the options the provider declares
     * for itself (see its section in the documentation), for example provider.apiKey=...; an option the
     * endpoint's provider does not declare is refused. On the component, keyed by provider name, both those
     * and any option of this component scoped to one provider, for example
     * camel.component.sms.provider-options.vonage.api-key or
     * camel.component.sms.provider-options.twilio.auth-token: so one application holds every provider's
     * credentials at once. An endpoint's own options win. This is a multi-value option with prefix: provider.
     */
    private java.util.Map<java.lang.String, java.lang.Object> providerOptions;
    /**
     * The public URL prefix the provider calls, such as https://example.com, when the application runs behind
     * a proxy or load balancer: signatures are computed over the public URL, which the application cannot
     * see.
     */
    private String publicBaseUrl;
    /**
     * The key signalwire signs its webhooks with: the project's Signing Key, shown under API Credentials in
     * the SignalWire dashboard (not the API token). Needed by signalwire consumers that validate signatures.
     */
    private String secretKey;
    /**
     * TLS settings, using Camel's SSLContextParameters.
     */
    private org.apache.camel.support.jsse.SSLContextParameters sslContextParameters;
    /**
     * The CPSMS user name (your CPSMS login).
     */
    private String username;
    /**
     * Reject (403) webhooks without a valid signature: X-Twilio-Signature or X-SignalWire-Signature
     * (HMAC-SHA1 with the authToken; signalwire: with the secretKey, its Signing Key); sinch:
     * x-sinch-webhook-signature (HMAC with provider.secretKey, within five minutes of its timestamp). Unset,
     * it is true for signalwire and twilio and false for cpsms and mycpaas and sinch: CPSMS does not sign
     * (true is refused), the mycpaas documentation says nothing of signing, and Sinch signs only when its
     * account manager has set up HMAC for the service plan.
     */
    private Boolean validateSignature;
    /**
     * A shared secret for unsigned callbacks: the producer appends it to callbackUrl as the
     * webhookVerifyToken parameter, and a consumer with it set rejects (403) every request that does not
     * carry it.
     */
    private String webhookVerifyToken;
    /**
     * The timeout in milliseconds until a connection is established. 0 means no timeout.
     */
    private Long connectTimeout;
    /**
     * The timeout in milliseconds for the provider's response once the request was sent. 0 means no timeout.
     */
    private Long responseTimeout;

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public io.github.camelsms.sms.SmsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(io.github.camelsms.sms.SmsConfiguration configuration) {
        this.configuration = configuration;
    }

    public String getSpaceUrl() {
        return spaceUrl;
    }

    public void setSpaceUrl(String spaceUrl) {
        this.spaceUrl = spaceUrl;
    }

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
    }

    public Integer getMaxConcurrentWebhooks() {
        return maxConcurrentWebhooks;
    }

    public void setMaxConcurrentWebhooks(Integer maxConcurrentWebhooks) {
        this.maxConcurrentWebhooks = maxConcurrentWebhooks;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public org.apache.camel.spi.IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(org.apache.camel.spi.IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public io.github.camelsms.sms.webhook.SmsWebhookMemory getWebhookMemory() {
        return webhookMemory;
    }

    public void setWebhookMemory(io.github.camelsms.sms.webhook.SmsWebhookMemory webhookMemory) {
        this.webhookMemory = webhookMemory;
    }

    public String getCallbackUrl() {
        return callbackUrl;
    }

    public void setCallbackUrl(String callbackUrl) {
        this.callbackUrl = callbackUrl;
    }

    public String getDefaultRegion() {
        return defaultRegion;
    }

    public void setDefaultRegion(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    public String getEncoding() {
        return encoding;
    }

    public void setEncoding(String encoding) {
        this.encoding = encoding;
    }

    public Boolean getFailOnPartialFailure() {
        return failOnPartialFailure;
    }

    public void setFailOnPartialFailure(Boolean failOnPartialFailure) {
        this.failOnPartialFailure = failOnPartialFailure;
    }

    public Boolean getFlash() {
        return flash;
    }

    public void setFlash(Boolean flash) {
        this.flash = flash;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public Integer getMaxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    public void setMaxConcurrentRequests(Integer maxConcurrentRequests) {
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    public String getMaxPrice() {
        return maxPrice;
    }

    public void setMaxPrice(String maxPrice) {
        this.maxPrice = maxPrice;
    }

    public Integer getMaxRecipientsPerRequest() {
        return maxRecipientsPerRequest;
    }

    public void setMaxRecipientsPerRequest(Integer maxRecipientsPerRequest) {
        this.maxRecipientsPerRequest = maxRecipientsPerRequest;
    }

    public Integer getMaxResults() {
        return maxResults;
    }

    public void setMaxResults(Integer maxResults) {
        this.maxResults = maxResults;
    }

    public Long getMaxRetryDelay() {
        return maxRetryDelay;
    }

    public void setMaxRetryDelay(Long maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public Integer getMaxSegments() {
        return maxSegments;
    }

    public void setMaxSegments(Integer maxSegments) {
        this.maxSegments = maxSegments;
    }

    public String getMediaUrl() {
        return mediaUrl;
    }

    public void setMediaUrl(String mediaUrl) {
        this.mediaUrl = mediaUrl;
    }

    public String getMessagingServiceSid() {
        return messagingServiceSid;
    }

    public void setMessagingServiceSid(String messagingServiceSid) {
        this.messagingServiceSid = messagingServiceSid;
    }

    public Integer getPageSize() {
        return pageSize;
    }

    public void setPageSize(Integer pageSize) {
        this.pageSize = pageSize;
    }

    public String getReference() {
        return reference;
    }

    public void setReference(String reference) {
        this.reference = reference;
    }

    public Integer getRetryAttempts() {
        return retryAttempts;
    }

    public void setRetryAttempts(Integer retryAttempts) {
        this.retryAttempts = retryAttempts;
    }

    public Long getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public Boolean getSendAsMms() {
        return sendAsMms;
    }

    public void setSendAsMms(Boolean sendAsMms) {
        this.sendAsMms = sendAsMms;
    }

    public Boolean getShortenUrls() {
        return shortenUrls;
    }

    public void setShortenUrls(Boolean shortenUrls) {
        this.shortenUrls = shortenUrls;
    }

    public Boolean getSkipInvalidRecipients() {
        return skipInvalidRecipients;
    }

    public void setSkipInvalidRecipients(Boolean skipInvalidRecipients) {
        this.skipInvalidRecipients = skipInvalidRecipients;
    }

    public Boolean getSmartEncoded() {
        return smartEncoded;
    }

    public void setSmartEncoded(Boolean smartEncoded) {
        this.smartEncoded = smartEncoded;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public Integer getValidityPeriod() {
        return validityPeriod;
    }

    public void setValidityPeriod(Integer validityPeriod) {
        this.validityPeriod = validityPeriod;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public Integer getConnectionsPerRoute() {
        return connectionsPerRoute;
    }

    public void setConnectionsPerRoute(Integer connectionsPerRoute) {
        this.connectionsPerRoute = connectionsPerRoute;
    }

    public io.github.camelsms.sms.http.HttpAsyncClientConfigurer getHttpAsyncClientConfigurer() {
        return httpAsyncClientConfigurer;
    }

    public void setHttpAsyncClientConfigurer(io.github.camelsms.sms.http.HttpAsyncClientConfigurer httpAsyncClientConfigurer) {
        this.httpAsyncClientConfigurer = httpAsyncClientConfigurer;
    }

    public Integer getMaxTotalConnections() {
        return maxTotalConnections;
    }

    public void setMaxTotalConnections(Integer maxTotalConnections) {
        this.maxTotalConnections = maxTotalConnections;
    }

    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
    }

    public String getProxyAuthPassword() {
        return proxyAuthPassword;
    }

    public void setProxyAuthPassword(String proxyAuthPassword) {
        this.proxyAuthPassword = proxyAuthPassword;
    }

    public String getProxyAuthUsername() {
        return proxyAuthUsername;
    }

    public void setProxyAuthUsername(String proxyAuthUsername) {
        this.proxyAuthUsername = proxyAuthUsername;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public String getAccountSid() {
        return accountSid;
    }

    public void setAccountSid(String accountSid) {
        this.accountSid = accountSid;
    }

    public Boolean getAllowInsecureHttp() {
        return allowInsecureHttp;
    }

    public void setAllowInsecureHttp(Boolean allowInsecureHttp) {
        this.allowInsecureHttp = allowInsecureHttp;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getAuthToken() {
        return authToken;
    }

    public void setAuthToken(String authToken) {
        this.authToken = authToken;
    }

    public java.util.Map<java.lang.String, java.lang.Object> getProviderOptions() {
        return providerOptions;
    }

    public void setProviderOptions(java.util.Map<java.lang.String, java.lang.Object> providerOptions) {
        this.providerOptions = providerOptions;
    }

    public String getPublicBaseUrl() {
        return publicBaseUrl;
    }

    public void setPublicBaseUrl(String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public org.apache.camel.support.jsse.SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(org.apache.camel.support.jsse.SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public Boolean getValidateSignature() {
        return validateSignature;
    }

    public void setValidateSignature(Boolean validateSignature) {
        this.validateSignature = validateSignature;
    }

    public String getWebhookVerifyToken() {
        return webhookVerifyToken;
    }

    public void setWebhookVerifyToken(String webhookVerifyToken) {
        this.webhookVerifyToken = webhookVerifyToken;
    }

    public Long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Long getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(Long responseTimeout) {
        this.responseTimeout = responseTimeout;
    }
}
