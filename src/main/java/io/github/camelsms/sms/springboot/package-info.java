/**
 * Spring Boot auto-configuration of the component (generated from its metadata); depends on the root package.
 */
package io.github.camelsms.sms.springboot;
