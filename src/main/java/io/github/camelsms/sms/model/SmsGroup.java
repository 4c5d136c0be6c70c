package io.github.camelsms.sms.model;

/**
 * A CPSMS contact group.
 */
public class SmsGroup {

    private final String groupId;
    private final String groupName;

    public SmsGroup(String groupId, String groupName) {
        this.groupId = groupId;
        this.groupName = groupName;
    }

    /** The group id, as a string (CPSMS returns it as a string from addgroup and as a number from listgroups). */
    public String getGroupId() {
        return groupId;
    }

    public String getGroupName() {
        return groupName;
    }

    @Override
    public String toString() {
        return "SmsGroup[" + groupId + " " + groupName + "]";
    }
}
