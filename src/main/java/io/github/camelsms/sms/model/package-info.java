/**
 * The message bodies the component produces and consumes: send results, delivery reports, inbound messages, contacts,
 * groups and log entries. Plain data; depends on no other package of the component.
 */
package io.github.camelsms.sms.model;
