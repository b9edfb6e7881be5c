package com.byomlab.testsupport;

import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One Spring context, shared by the test classes that carry this annotation, for the limits that keep one user or
 * one address from harming the others: the production sign-up limit per address (the test suite raises it
 * everywhere else, since all its users sign up from 127.0.0.1), a small session-creation limit and a small
 * session pool. Every sign-up in this context counts against that one address: a test class here clears the
 * {@code signups-per-address} buckets before each test.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@TestPropertySource(properties = {
        "byom.rate-limits.signups-per-address.capacity=10",
        "byom.rate-limits.session-creates.capacity=" + AbuseLimits.SESSION_CREATES,
        "byom.agent.max-concurrent=" + AbuseLimits.MAX_CONCURRENT,
        "byom.agent.max-running-per-user=" + AbuseLimits.MAX_RUNNING_PER_USER})
public @interface AbuseLimits {

    int SESSION_CREATES = 12;
    int MAX_CONCURRENT = 4;
    int MAX_RUNNING_PER_USER = 2;
}
