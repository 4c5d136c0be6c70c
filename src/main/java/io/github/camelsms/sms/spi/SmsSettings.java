package io.github.camelsms.sms.spi;

/**
 * An endpoint's options as the code below the component reads them (providers, webhook schemes, the kit); the
 * component's {@code SmsSettings} implements it, and its option docs describe each value.
 */
public interface SmsSettings {

    /** The provider name of the endpoint URI. */
    String getProvider();

    /** The operation name of the endpoint URI. */
    String getOperation();

    /**
     * The value of a provider's own option ({@link SmsProviderOption}) for this endpoint's provider: set on the
     * endpoint as {@code provider.<name>} or on the component under providerOptions; null when unset.
     */
    Object providerOption(String name);

    // generic options

    String getBaseUrl();

    String getFrom();

    String getTo();

    String getCallbackUrl();

    String getReference();

    String getDefaultRegion();

    Integer getMaxSegments();

    Integer getValidityPeriod();

    Boolean getFlash();

    boolean isSkipInvalidRecipients();

    boolean isFailOnPartialFailure();

    int getMaxConcurrentRequests();

    int getMaxRecipientsPerRequest();

    int getMaxResults();

    int getPageSize();

    String getWebhookVerifyToken();

    String getProxyAuthUsername();

    String getProxyAuthPassword();

    // the built-in providers' options that are endpoint options

    String getUsername();

    String getApiKey();

    String getAccountSid();

    String getAuthToken();

    String getSecretKey();

    String getSpaceUrl();

    String getMessagingServiceSid();

    String getMediaUrl();

    String getEncoding();

    String getMaxPrice();

    Boolean getSendAsMms();

    Boolean getShortenUrls();

    Boolean getSmartEncoded();
}
