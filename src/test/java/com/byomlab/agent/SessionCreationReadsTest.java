package com.byomlab.agent;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creating a session reads the chosen credential's row once: described, its key checked and the use audited from
 * that one read (it used to be read three times). Counted at the JDBC level, on the request's thread only (the
 * session's own turns read it again, by design, so a deleted key stops them).
 */
@Import(SessionCreationReadsTest.CountCredentialReads.class)
@TestPropertySource(properties = "byom.database.read-cache=none") // the reads themselves (as on PostgreSQL), not H2's kept rows
class SessionCreationReadsTest extends ApiIntegrationTest {

    static final AtomicInteger READS_ON_REQUEST_THREADS = new AtomicInteger();

    @Test
    void aNamedCredentialIsReadOnce() {
        String token = api.newUser();
        String credential = LabFixtures.credential(api, ANTHROPIC, token, "anthropic", "sk-ant-once-" + LabFixtures.rand(),
                "claude-sonnet-4-20250514");
        ANTHROPIC.chat().enqueue(ChatReply.text("ok"));

        READS_ON_REQUEST_THREADS.set(0);
        Response created = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", "ETH?", "llm_credential_id", credential));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(READS_ON_REQUEST_THREADS.get()).isEqualTo(1);
        assertThat(LabFixtures.awaitFinal(api, token, created.text("id")).path("status").asText()).isEqualTo("completed");
    }

    @Test
    void theDefaultCredentialIsReadOnce() {
        String token = api.newUser();
        LabFixtures.credential(api, ANTHROPIC, token, "anthropic", "sk-ant-once-" + LabFixtures.rand(),
                "claude-sonnet-4-20250514");
        ANTHROPIC.chat().enqueue(ChatReply.text("ok"));

        READS_ON_REQUEST_THREADS.set(0);
        Response created = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", "ETH?"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(READS_ON_REQUEST_THREADS.get()).isEqualTo(1);
        assertThat(LabFixtures.awaitFinal(api, token, created.text("id")).path("status").asText()).isEqualTo("completed");
    }

    /** Wraps the DataSource so that every SELECT on the credentials table made by a Tomcat thread is counted. */
    @TestConfiguration
    static class CountCredentialReads {

        @Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource ds ? proxy(DataSource.class, ds) : bean;
                }
            };
        }

        private static <T> T proxy(Class<T> type, T target) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
                if (args != null && args.length > 0 && args[0] instanceof String sql
                        && method.getName().startsWith("prepare")) {
                    count(sql);
                }
                try {
                    Object result = method.invoke(target, args);
                    return result instanceof Connection c && method.getName().equals("getConnection")
                            ? proxy(Connection.class, c) : result;
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }));
        }

        private static void count(String sql) {
            String s = sql.toLowerCase(Locale.ROOT);
            if (s.startsWith("select") && s.contains("from user_llm_credentials")
                    && Thread.currentThread().getName().startsWith("http-nio")) {
                READS_ON_REQUEST_THREADS.incrementAndGet();
            }
        }
    }
}
