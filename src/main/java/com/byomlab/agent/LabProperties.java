package com.byomlab.agent;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Limits of one agent session, and how many run at once on this instance, in all and of one user.
 *
 * <pre>
 * byom.agent.max-iterations=25        model turns before the session stops with limit_reached
 * byom.agent.max-llm-calls=100        LLM calls per session, retries included
 * byom.agent.wall-clock=300s          whole-session deadline
 * byom.agent.max-concurrent=1000      sessions running at once on this instance (more wait as pending)
 * byom.agent.max-running-per-user=5   sessions of one user running at once on this instance (more wait as pending,
 *                                     without taking a slot; users take turns for free slots)
 * byom.agent.heartbeat-interval=5s    how often an instance says its sessions are alive
 * byom.agent.instance-timeout=30s     silence after which another instance ends them as instance_lost
 * byom.agent.instance-id=             this instance's name in the database (default: host name + random)
 * </pre>
 */
@ConfigurationProperties("byom.agent")
record LabProperties(@DefaultValue("25") int maxIterations, @DefaultValue("100") int maxLlmCalls,
                     @DefaultValue("300s") Duration wallClock, @DefaultValue("1000") int maxConcurrent,
                     @DefaultValue("5s") Duration heartbeatInterval, @DefaultValue("30s") Duration instanceTimeout,
                     String instanceId, @DefaultValue("5") int maxRunningPerUser) {
}
