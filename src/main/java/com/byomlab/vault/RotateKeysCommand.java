package com.byomlab.vault;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.util.Map;

/**
 * {@code java -jar <the jar> rotate-keys}: with the service's own configuration, runs the key rotation to
 * completion, prints a summary, and sets the exit code: 0 when nothing is left under an old key,
 * 2 when some credentials cannot be decrypted (listed by id, kept), 3 when rows were written under an
 * old key while it ran (run again). A failure to start (no database, bad key) exits with 1.
 */
@Component
public class RotateKeysCommand implements ApplicationRunner, ExitCodeGenerator {

    public static final String NAME = "rotate-keys";
    static final int DONE = 0;
    static final int UNREADABLE = 2;
    static final int STILL_UNDER_OLD_KEYS = 3;

    private final KeyRotation rotation;
    private int exitCode = DONE;

    RotateKeysCommand(KeyRotation rotation) {
        this.rotation = rotation;
    }

    /** Whether these command-line arguments ask for the command (checked before Spring starts, too). */
    public static boolean isRequested(String... args) {
        for (String arg : args) {
            if (NAME.equals(arg)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The command needs the service's beans but must not listen on any port (the service may be running
     * next to it): the web application context is kept, its server gets no connector. This wins over
     * any port given in arguments or the environment.
     */
    public static void listenOnNoPort(SpringApplication application) {
        application.addInitializers(context -> context.getEnvironment().getPropertySources().addFirst(
                new MapPropertySource(NAME, Map.of("server.port", "-1", "management.server.port", "-1"))));
    }

    static boolean isRequested(ApplicationArguments args) {
        return args.getNonOptionArgs().contains(NAME);
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        if (!isRequested(args)) {
            return;
        }
        RotationReport report = rotation.runToCompletion("command");
        PrintStream out = System.out;
        out.print(report.summary());
        out.flush();
        exitCode = report.oldKeysNoLongerNeeded() ? DONE
                : report.unreadable().isEmpty() ? STILL_UNDER_OLD_KEYS : UNREADABLE;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
