package io.github.camelsms.sms;

import io.github.camelsms.sms.spi.SmsSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.util.StringHelper;
import io.github.camelsms.sms.http.HttpAsyncClientConfigurer;
import io.github.camelsms.sms.webhook.SmsWebhookMemory;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.jsse.SSLContextParameters;
import io.github.camelsms.sms.exception.SmsPartialFailureException;

/**
 * The options of an sms endpoint. The component holds one instance as the defaults; each endpoint gets a copy.
 */
@UriParams
public class SmsConfiguration implements SmsSettings, Cloneable {

    /** The default of maxConcurrentWebhooks. */
    public static final int DEFAULT_MAX_CONCURRENT_WEBHOOKS = 10;

    @UriPath(description = "The SMS provider, such as cpsms or twilio: every provider on the class path (the"
                           + " built-in ones are listed in the component documentation's provider table).")
    @Metadata(required = true)
    private String provider;
    @UriPath(description = "The operation, such as send, credit or (consumers) deliveryReports: each provider's"
                           + " operations are listed in the component documentation's provider table.")
    @Metadata(required = true)
    private String operation;

    @UriParam(label = "common,security", prefix = "provider.", multiValue = true,
              description = "Options for one provider. On an endpoint, with the prefix provider., the options the"
                            + " provider declares for itself (see its section in the documentation), for example"
                            + " provider.apiKey=...; an option the endpoint's provider does not declare is refused. On"
                            + " the component, keyed by provider name, both those and any option of this component"
                            + " scoped to one provider, for example camel.component.sms.provider-options.vonage.api-key"
                            + " or camel.component.sms.provider-options.twilio.auth-token: so one application holds"
                            + " every provider's credentials at once. An endpoint's own options win.")
    private Map<String, Object> providerOptions = new LinkedHashMap<>();

    @UriParam(label = "security", description = "The CPSMS user name (your CPSMS login).")
    private String username;
    @UriParam(label = "security", secret = true,
              description = "The CPSMS API key, generated under INDSTILLINGER -> API in the CPSMS web app.")
    private String apiKey;
    @UriParam(label = "security", description = "The LaML account: the Account SID (AC followed by 32 hex digits) for"
                                              + " mycpaas and twilio, the Project ID (a UUID) for signalwire.")
    private String accountSid;
    @UriParam(label = "security", secret = true, description = "The LaML Auth Token (signalwire: the API token).")
    private String authToken;
    @UriParam(label = "common", description = "The SignalWire space host, for example example.signalwire.com"
                                              + " (signalwire only).")
    private String spaceUrl;

    @UriParam(label = "common", description = "Overrides the provider's base URL, for example to use a sandbox or the"
                                              + " simulator.")
    private String baseUrl;
    @UriParam(label = "producer", description = "The default sender: up to 11 letters and digits or up to 20 digits"
                                                + " (cpsms); LaML an E.164 number, and on twilio also an alphanumeric"
                                                + " sender ID (up to 11 characters), a short code or a channel address"
                                                + " (whatsapp: and an E.164 number); signalwire also a short code.")
    private String from;
    @UriParam(label = "producer", description = "The default recipient(s), comma-separated.")
    private String to;
    @UriParam(label = "producer", description = "The URL the provider posts delivery reports to (cpsms dlr_url, LaML"
                                                + " StatusCallback).")
    private String callbackUrl;
    @UriParam(label = "producer", enums = "UTF-8,ISO-8859-1",
              description = "The character encoding CPSMS uses for the message (cpsms only; refused by LaML"
                            + " providers).")
    private String encoding;
    @UriParam(label = "producer", description = "Send as a flash SMS, shown at once and not stored (cpsms only;"
                                                + " refused by LaML providers).")
    private Boolean flash;
    @UriParam(label = "producer", description = "Your own reference of the message, up to 32 characters (cpsms"
                                                + " only; refused by LaML providers). Needed to cancel a scheduled"
                                                + " message.")
    private String reference;
    @UriParam(label = "producer", description = "Media URL(s) that make the message an MMS (LaML only; up to 10),"
                                                + " separated by commas. The list is split only at a comma followed by"
                                                + " http:// or https://, so a comma inside a URL is kept.")
    private String mediaUrl;
    @UriParam(label = "producer", description = "The Messaging Service to send through, MG followed by 32 hex digits"
                                                + " (twilio only): its sender pool picks the number, so from may be"
                                                + " left out. Needed to schedule a message (CamelSmsScheduledAt).")
    private String messagingServiceSid;
    @UriParam(label = "producer", javaType = "java.lang.Integer",
              description = "How many seconds the message may wait in the provider's queue before it is dropped:"
                            + " twilio 1 to 36000, signalwire 1 to 172800 (ValidityPeriod; not mycpaas).")
    private Integer validityPeriod;
    @UriParam(label = "producer", javaType = "java.lang.Boolean",
              description = "Replace Unicode characters that have a GSM-7 look-alike (such as curly quotes) so the"
                            + " text stays GSM-7 (SmartEncoded; twilio only).")
    private Boolean smartEncoded;
    @UriParam(label = "producer", javaType = "java.lang.Boolean",
              description = "Shorten the links in the text with the Messaging Service's link shortening (ShortenUrls;"
                            + " twilio only, with messagingServiceSid).")
    private Boolean shortenUrls;
    @UriParam(label = "producer", javaType = "java.lang.Boolean",
              description = "Deliver the message as one MMS even without media (SendAsMms; twilio only).")
    private Boolean sendAsMms;
    @UriParam(label = "producer",
              description = "The highest price in USD you accept for the message, such as 0.05: a dearer message fails"
                            + " instead of being sent (MaxPrice; signalwire only, Twilio made MaxPrice obsolete).")
    private String maxPrice;
    @UriParam(label = "producer", defaultValue = "false",
              description = "Throw SmsPartialFailureException when the provider rejected some recipients. By default"
                            + " the result lists them and the exchange succeeds.")
    private boolean failOnPartialFailure;
    @UriParam(label = "producer", defaultValue = "1000",
              description = "The most messages listMessages returns, following the provider's pages (LaML only).")
    private int maxResults = 1000;
    @UriParam(label = "producer", defaultValue = "50",
              description = "How many messages listMessages asks for per page (LaML only; 1 to 1000).")
    private int pageSize = 50;
    @UriParam(label = "producer", defaultValue = "4",
              description = "How many LaML requests a send to several recipients has in flight at once (one"
                            + " request per recipient); at most the component's connectionsPerRoute.")
    private int maxConcurrentRequests = 4;
    @UriParam(label = "producer", defaultValue = "500",
              description = "The most recipients one CPSMS send request carries; a send to more recipients is split"
                            + " into consecutive requests and their results are merged (cpsms only).")
    private int maxRecipientsPerRequest = 500;

    @UriParam(label = "producer", defaultValue = "2",
              description = "How many times a failed request is sent again when the failure is retryable and not in"
                            + " doubt (connection refused, connect timeout, unknown host, TLS handshake, 429, 503 with"
                            + " Retry-After, a 5xx answer to a read). A request that changes state (a send, create,"
                            + " update, delete or cancel) and may have reached the provider is never retried. 0 turns"
                            + " retrying off.")
    private int retryAttempts = 2;
    @UriParam(label = "producer", defaultValue = "500", javaType = "long",
              description = "The wait in milliseconds before the first retry; it doubles with each further retry,"
                            + " with random jitter, up to maxRetryDelay.")
    private long retryDelay = 500;
    @UriParam(label = "producer", defaultValue = "30000", javaType = "long",
              description = "The longest wait in milliseconds between retries. A Retry-After from the provider is"
                            + " honoured up to this; a longer one is not waited for and the failure is thrown.")
    private long maxRetryDelay = 30000;
    @UriParam(label = "producer",
              description = "The region (ISO 3166 code such as DK) for recipient numbers written without a country"
                            + " code, for example 22 33 44 88 becomes +4522334488 with DK.")
    private String defaultRegion;
    @UriParam(label = "producer", defaultValue = "false",
              description = "Send to the valid recipients when some numbers are invalid, listing the invalid ones as"
                            + " rejected in the result. By default nothing is sent when any number is invalid.")
    private boolean skipInvalidRecipients;
    @UriParam(label = "producer",
              description = "Refuse texts that take more SMS segments than this (each segment is billed). Not set"
                            + " means no limit beyond the provider's own.")
    private Integer maxSegments;
    @UriParam(label = "security", defaultValue = "false",
              description = "Allow sending credentials over plain http:// to a host other than the loopback"
                            + " interface. By default only https:// (or http:// to localhost) is used.")
    private boolean allowInsecureHttp;

    @UriParam(label = "timeout", defaultValue = "10000", javaType = "long",
              description = "The timeout in milliseconds until a connection is established. 0 means no timeout.")
    private long connectTimeout = 10000;
    @UriParam(label = "timeout", defaultValue = "30000", javaType = "long",
              description = "The timeout in milliseconds for the provider's response once the request was sent. 0"
                            + " means no timeout.")
    private long responseTimeout = 30000;
    @UriParam(label = "advanced", description = "A hook to configure the Apache HttpClient 5 async client builder"
                                                + " (HttpAsyncClientBuilder) the endpoint sends with; endpoints with"
                                                + " the same configurer share one client.")
    private HttpAsyncClientConfigurer httpAsyncClientConfigurer;
    @UriParam(label = "security", description = "TLS settings, using Camel's SSLContextParameters.")
    private SSLContextParameters sslContextParameters;
    @UriParam(label = "proxy", description = "The proxy host name.")
    private String proxyHost;
    @UriParam(label = "proxy", description = "The proxy port.")
    private Integer proxyPort;
    @UriParam(label = "proxy", description = "The user name for proxy authentication (Basic).")
    private String proxyAuthUsername;
    @UriParam(label = "proxy", secret = true, description = "The password for proxy authentication (Basic).")
    private String proxyAuthPassword;

    @UriParam(label = "consumer", description = "The HTTP path the consumer serves on the application's platform-http"
                                                + " server, for example /sms/dlr. Required for consumers.")
    private String path;
    @UriParam(label = "consumer", defaultValue = "10",
              description = "The most webhooks this consumer routes at once. One more is answered 503 with"
                            + " Retry-After at once, so that a slow route or a flood of callbacks cannot take every"
                            + " thread of the HTTP server; the provider's retry is routed later. Raise it for a"
                            + " provider that does not retry webhooks. 0 means no limit.")
    private int maxConcurrentWebhooks = DEFAULT_MAX_CONCURRENT_WEBHOOKS;
    @UriParam(label = "consumer,security", javaType = "java.lang.Boolean",
              description = "Reject (403) webhooks without a valid signature in the provider's scheme (such as"
                            + " X-Twilio-Signature, HMAC-SHA1 with the authToken; signalwire: with the secretKey, its"
                            + " Signing Key). Unset, it is true for the providers that sign their webhooks and false"
                            + " for the others (the column 'Validates signatures by default' of the documentation's"
                            + " provider table); true is refused for a provider that does not sign.")
    private Boolean validateSignature;
    @UriParam(label = "consumer,security", secret = true,
              description = "The key signalwire signs its webhooks with: the project's Signing Key, shown under API"
                            + " Credentials in the SignalWire dashboard (not the API token). Needed by signalwire"
                            + " consumers that validate signatures.")
    private String secretKey;
    @UriParam(label = "consumer,security",
              description = "The public URL prefix the provider calls, such as https://example.com, when the"
                            + " application runs behind a proxy or load balancer: signatures are computed over the"
                            + " public URL, which the application cannot see.")
    private String publicBaseUrl;
    @UriParam(label = "security", secret = true,
              description = "A shared secret for unsigned callbacks: the producer appends it to callbackUrl as the"
                            + " webhookVerifyToken parameter, and a consumer with it set rejects (403) every request that"
                            + " does not carry it.")
    private String webhookVerifyToken;
    @UriParam(label = "consumer,advanced",
              description = "The repository that remembers the webhooks already routed, to drop the provider's"
                            + " retries and out-of-order reports. Defaults to an in-memory repository of 10000 keys"
                            + " per consumer. Its checks are not atomic across instances: for several instances set"
                            + " webhookMemory instead.")
    private IdempotentRepository idempotentRepository;
    @UriParam(label = "consumer,advanced",
              description = "What the consumer remembers of the webhooks it routed, instead of idempotentRepository:"
                            + " for several instances an SmsJdbcWebhookMemory on a shared database, whose claims are"
                            + " atomic across instances (each callback routed once, no report routed after its"
                            + " message's final one). Cannot be combined with idempotentRepository.")
    private SmsWebhookMemory webhookMemory;

    public SmsConfiguration copy() {
        try {
            SmsConfiguration copy = (SmsConfiguration) clone();
            copy.providerOptions = providerOptions == null ? new LinkedHashMap<>()
                    : new LinkedHashMap<>(providerOptions);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /**
     * The raw value of a provider option for this configuration's provider: set on the endpoint ({@code name}), or on
     * the component ({@code <provider>.<name>}, also as nested maps and with dashes, as Spring Boot binds them).
     */
    public Object providerOption(String name) {
        if (providerOptions == null) {
            return null;
        }
        for (Map.Entry<String, Object> entry : providerOptions.entrySet()) {
            if (camelCase(entry.getKey()).equals(name)) {
                return entry.getValue(); // the endpoint's own value wins
            }
        }
        return provider == null ? null : scopedTo(provider).get(name);
    }

    /**
     * The component's values scoped to one provider, by option name: keys {@code <provider>.<name>} and, as Spring Boot
     * binds them, nested maps under {@code <provider>}; names with dashes are turned into camelCase.
     */
    Map<String, Object> scopedTo(String providerName) {
        Map<String, Object> scoped = new LinkedHashMap<>();
        if (providerOptions == null) {
            return scoped;
        }
        providerOptions.forEach((key, value) -> {
            String name = camelCase(key);
            if (name.startsWith(providerName + ".")) {
                scoped.put(name.substring(providerName.length() + 1), value);
            } else if (name.equals(providerName) && value instanceof Map<?, ?> nested) {
                nested.forEach((inner, innerValue) -> scoped.put(camelCase(String.valueOf(inner)), innerValue));
            }
        });
        return scoped;
    }

    /** The names of the provider options set here, as the user wrote them (endpoint keys have no dot). */
    public Set<String> providerOptionKeys() {
        return providerOptions == null ? Set.of() : Set.copyOf(providerOptions.keySet());
    }

    static String camelCase(String key) {
        return StringHelper.dashToCamelCase(key);
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public Map<String, Object> getProviderOptions() {
        return providerOptions;
    }

    public void setProviderOptions(Map<String, Object> providerOptions) {
        this.providerOptions = providerOptions;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getAccountSid() {
        return accountSid;
    }

    public void setAccountSid(String accountSid) {
        this.accountSid = accountSid;
    }

    public String getAuthToken() {
        return authToken;
    }

    public void setAuthToken(String authToken) {
        this.authToken = authToken;
    }

    public String getSpaceUrl() {
        return spaceUrl;
    }

    public void setSpaceUrl(String spaceUrl) {
        this.spaceUrl = spaceUrl;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getCallbackUrl() {
        return callbackUrl;
    }

    public void setCallbackUrl(String callbackUrl) {
        this.callbackUrl = callbackUrl;
    }

    public String getEncoding() {
        return encoding;
    }

    public void setEncoding(String encoding) {
        this.encoding = encoding;
    }

    public Boolean getFlash() {
        return flash;
    }

    public void setFlash(Boolean flash) {
        this.flash = flash;
    }

    public String getReference() {
        return reference;
    }

    public void setReference(String reference) {
        this.reference = reference;
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

    public Integer getValidityPeriod() {
        return validityPeriod;
    }

    public void setValidityPeriod(Integer validityPeriod) {
        this.validityPeriod = validityPeriod;
    }

    public Boolean getSmartEncoded() {
        return smartEncoded;
    }

    public void setSmartEncoded(Boolean smartEncoded) {
        this.smartEncoded = smartEncoded;
    }

    public Boolean getShortenUrls() {
        return shortenUrls;
    }

    public void setShortenUrls(Boolean shortenUrls) {
        this.shortenUrls = shortenUrls;
    }

    public Boolean getSendAsMms() {
        return sendAsMms;
    }

    public void setSendAsMms(Boolean sendAsMms) {
        this.sendAsMms = sendAsMms;
    }

    public String getMaxPrice() {
        return maxPrice;
    }

    public void setMaxPrice(String maxPrice) {
        this.maxPrice = maxPrice;
    }

    public boolean isFailOnPartialFailure() {
        return failOnPartialFailure;
    }

    public void setFailOnPartialFailure(boolean failOnPartialFailure) {
        this.failOnPartialFailure = failOnPartialFailure;
    }

    public int getMaxResults() {
        return maxResults;
    }

    public void setMaxResults(int maxResults) {
        this.maxResults = maxResults;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public int getMaxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    public void setMaxConcurrentRequests(int maxConcurrentRequests) {
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    public int getRetryAttempts() {
        return retryAttempts;
    }

    public void setRetryAttempts(int retryAttempts) {
        this.retryAttempts = retryAttempts;
    }

    public long getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public long getMaxRetryDelay() {
        return maxRetryDelay;
    }

    public void setMaxRetryDelay(long maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public String getDefaultRegion() {
        return defaultRegion;
    }

    public void setDefaultRegion(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    public boolean isSkipInvalidRecipients() {
        return skipInvalidRecipients;
    }

    public void setSkipInvalidRecipients(boolean skipInvalidRecipients) {
        this.skipInvalidRecipients = skipInvalidRecipients;
    }

    public Integer getMaxSegments() {
        return maxSegments;
    }

    public void setMaxSegments(Integer maxSegments) {
        this.maxSegments = maxSegments;
    }

    public boolean isAllowInsecureHttp() {
        return allowInsecureHttp;
    }

    public void setAllowInsecureHttp(boolean allowInsecureHttp) {
        this.allowInsecureHttp = allowInsecureHttp;
    }

    public int getMaxRecipientsPerRequest() {
        return maxRecipientsPerRequest;
    }

    public void setMaxRecipientsPerRequest(int maxRecipientsPerRequest) {
        this.maxRecipientsPerRequest = maxRecipientsPerRequest;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(long responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public HttpAsyncClientConfigurer getHttpAsyncClientConfigurer() {
        return httpAsyncClientConfigurer;
    }

    public void setHttpAsyncClientConfigurer(HttpAsyncClientConfigurer httpAsyncClientConfigurer) {
        this.httpAsyncClientConfigurer = httpAsyncClientConfigurer;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
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

    public String getProxyAuthUsername() {
        return proxyAuthUsername;
    }

    public void setProxyAuthUsername(String proxyAuthUsername) {
        this.proxyAuthUsername = proxyAuthUsername;
    }

    public String getProxyAuthPassword() {
        return proxyAuthPassword;
    }

    public void setProxyAuthPassword(String proxyAuthPassword) {
        this.proxyAuthPassword = proxyAuthPassword;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public Boolean getValidateSignature() {
        return validateSignature;
    }

    public void setValidateSignature(Boolean validateSignature) {
        this.validateSignature = validateSignature;
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

    public int getMaxConcurrentWebhooks() {
        return maxConcurrentWebhooks;
    }

    public void setMaxConcurrentWebhooks(int maxConcurrentWebhooks) {
        this.maxConcurrentWebhooks = maxConcurrentWebhooks;
    }

    public String getWebhookVerifyToken() {
        return webhookVerifyToken;
    }

    public void setWebhookVerifyToken(String webhookVerifyToken) {
        this.webhookVerifyToken = webhookVerifyToken;
    }

    public SmsWebhookMemory getWebhookMemory() {
        return webhookMemory;
    }

    public void setWebhookMemory(SmsWebhookMemory webhookMemory) {
        this.webhookMemory = webhookMemory;
    }

    public IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    /** Names the endpoint without any credential. */
    @Override
    public String toString() {
        return "SmsConfiguration[" + provider + "/" + operation + (baseUrl != null ? " at " + baseUrl : "") + "]";
    }
}
