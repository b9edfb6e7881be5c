package com.byomlab.vault;

import com.byomlab.audit.VerifyAuditCommand;
import com.byomlab.keyring.MasterKeyRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Once the service is up: says in the start-up log what the key ring means for the stored credentials
 * (loudly when some are under a key that is not configured any more), then runs {@link KeyRotation} on a
 * thread of its own, at once and every {@code byom.key-rotation.check-interval}, so an instance that
 * crashed mid-way, or rows written by an instance still on the old key, are picked up without anyone
 * asking. Not used by the {@code rotate-keys} command, which runs the job itself.
 */
@Component
class BackgroundKeyRotation implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BackgroundKeyRotation.class);

    private final KeyRotation rotation;
    private final RotationProgress progress;
    private final KeyRotationSettings settings;
    private final boolean commandMode;
    private final Set<Long> configuredKeyIds;
    private ScheduledExecutorService thread;

    BackgroundKeyRotation(KeyRotation rotation, RotationProgress progress, KeyRotationSettings settings,
                          ApplicationArguments args, MasterKeyRing ring) {
        this.rotation = rotation;
        this.progress = progress;
        this.settings = settings;
        // no background writes while a one-shot command runs (verify-audit reads the audit log)
        this.commandMode = RotateKeysCommand.isRequested(args) || VerifyAuditCommand.isRequested(args);
        this.configuredKeyIds = ring.keyIds().stream().map(Integer::toUnsignedLong).collect(Collectors.toSet());
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (commandMode) {
            return;
        }
        reportAtStartUp();
        if (!settings.enabled()) {
            log.warn("Key rotation is switched off (byom.key-rotation.enabled=false)");
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "key-rotation");
            t.setDaemon(true);
            return t;
        });
        thread.execute(() -> runQuietly("startup"));
        long every = settings.checkInterval().toMillis();
        thread.scheduleWithFixedDelay(this::runIfSomethingNew, every, every, TimeUnit.MILLISECONDS);
    }

    /** Periodic runs skip the work when only the already-reported unreadable rows are left. */
    private void runIfSomethingNew() {
        long underOtherKeys = rotation.underOtherKeys(rotation.countsByKeyId());
        progress.counted(underOtherKeys);
        if (underOtherKeys > progress.unreadable().size()) {
            runQuietly("schedule");
        }
    }

    private void runQuietly(String startedBy) {
        try {
            rotation.runToCompletion(startedBy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down; the next start carries on
        } catch (RuntimeException e) {
            // e.g. the database went away: nothing is half-written, the next check resumes
            log.error("Key rotation stopped early; it resumes at the next check: {}", e.toString());
        }
    }

    private void reportAtStartUp() {
        long current = rotation.currentKeyId();
        Map<Long, Long> counts = rotation.countsByKeyId();
        Map<Long, Long> unknown = new TreeMap<>();
        long underFormer = 0;
        for (Map.Entry<Long, Long> e : counts.entrySet()) {
            if (e.getKey() == current) {
                continue;
            }
            if (configuredKeyIds.contains(e.getKey())) {
                underFormer += e.getValue();
            } else {
                unknown.put(e.getKey(), e.getValue());
            }
        }
        progress.counted(underFormer + unknown.values().stream().mapToLong(Long::longValue).sum());
        if (!unknown.isEmpty()) {
            log.error("{} stored credential(s) are encrypted under master key id(s) {} (credentials per key id) that "
                    + "are not in ENCRYPTION_KEY or ENCRYPTION_OLD_KEYS: they cannot be decrypted. They are kept, never "
                    + "deleted. Put the former key back in ENCRYPTION_OLD_KEYS and restart to re-encrypt them. The ids "
                    + "are listed by GET /api/v1/admin/key-rotation and by `java -jar <the jar> rotate-keys`.",
                    unknown.values().stream().mapToLong(Long::longValue).sum(), unknown);
        }
        if (underFormer > 0) {
            log.info("{} stored credential(s) are under a former master key: re-encrypting them under key id {} in "
                    + "the background (progress: GET /api/v1/admin/key-rotation, metric byom_key_rotation_remaining)",
                    underFormer, current);
        } else if (configuredKeyIds.size() > 1 && unknown.isEmpty()) {
            log.info("No stored credential uses a former master key any more: ENCRYPTION_OLD_KEYS can be removed");
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        if (thread != null) {
            thread.shutdownNow(); // the batch in flight commits or rolls back whole; nothing is lost either way
            thread.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
