package com.byomlab.audit;

import com.byomlab.ByomLabApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java … verify-audit} as an operator runs it, in a JVM of its own on a database of its own: exit 0 and
 * "INTACT" on an untouched log, exit 2 naming the first broken entry after a row was deleted in the database.
 */
class VerifyAuditCommandTest {

    @TempDir
    Path dir;

    @Test
    void passesOnAnUntouchedLogAndNamesTheEntryAfterADeletedOne() throws Exception {
        FreshDatabase db = FreshDatabase.create(dir, "auditcmd");
        db.migrate(null);
        UUID user = UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            db.chain().append(List.of(AuditEvent.of(user, "credential.use", AuditEvent.Outcome.SUCCESS, "openai",
                    null, null, "call " + i)));
        }
        List<Long> ids = db.jdbc().sql("SELECT id FROM audit_events WHERE user_id = ? ORDER BY id").param(user)
                .query(Long.class).list();

        Run intact = run(db, "intact");
        assertThat(intact.exit()).as(intact.output()).isZero();
        assertThat(intact.output()).contains("INTACT", "entries checked: 5", "chain head:      entry #" + ids.get(4));

        db.jdbc().sql("DELETE FROM audit_events WHERE id = ?").param(ids.get(2)).update();
        Run broken = run(db, "broken");
        assertThat(broken.exit()).as(broken.output()).isEqualTo(2);
        assertThat(broken.output()).contains("BROKEN at entry #" + ids.get(3), "deleted_before",
                "entries between #" + ids.get(1) + " and #" + ids.get(3) + " were deleted");
    }

    private record Run(int exit, String output) {
    }

    private Run run(FreshDatabase db, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                ByomLabApplication.class.getName(), "verify-audit", "--byom.market.sample-data=false"));
        command.addAll(db.serviceArguments());
        Path output = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        builder.environment().remove("ENCRYPTION_OLD_KEYS");
        builder.environment().put("ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key));
        // this build's main classes and dependencies, not the test classes, whose resources would configure the app
        builder.environment().put("CLASSPATH", Arrays.stream(System.getProperty("java.class.path")
                        .split(File.pathSeparator)).filter(e -> !e.replace('\\', '/').endsWith("/test-classes"))
                .collect(Collectors.joining(File.pathSeparator)));
        Process process = builder.start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                throw new AssertionError("verify-audit did not end in 120 s:\n" + Files.readString(output));
            }
            return new Run(process.exitValue(), Files.readString(output));
        } finally {
            process.destroyForcibly();
        }
    }
}
