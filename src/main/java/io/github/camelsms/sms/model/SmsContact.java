package io.github.camelsms.sms.model;

/**
 * A CPSMS contact in a group.
 */
public class SmsContact {

    private final String groupId;
    private final String phoneNumber;
    private final String contactName;

    public SmsContact(String groupId, String phoneNumber, String contactName) {
        this.groupId = groupId;
        this.phoneNumber = phoneNumber;
        this.contactName = contactName;
    }

    public String getGroupId() {
        return groupId;
    }

    /** The number with country code and no + (CPSMS format). */
    public String getPhoneNumber() {
        return phoneNumber;
    }

    public String getContactName() {
        return contactName;
    }

    @Override
    public String toString() {
        return "SmsContact[" + phoneNumber + " " + contactName + " in group " + groupId + "]";
    }
}
