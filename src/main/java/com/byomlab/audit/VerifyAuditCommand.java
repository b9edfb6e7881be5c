package com.byomlab.audit;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

import java.io.PrintStream;

/**
 * {@code java -jar <the jar> verify-audit}: with the service's own configuration, checks the audit log's hash chain
 * ({@link AuditVerifier}), prints what it found and the chain head, and sets the exit code: 0 when the chain is
 * intact, 2 when an entry is broken (the first one is named: id, time, what is wrong). A failure to start (no
 * database, bad key) or a malformed {@code --anchor} exits with 1. {@code --anchor=<id>:<hash>} (a chain head a former
 * check printed) also checks that the log still holds that entry with that hash. Listens on no port, like {@code rotate-keys} (ByomLabApplication).
 */
@Component
public class VerifyAuditCommand implements ApplicationRunner, ExitCodeGenerator {

    public static final String NAME = "verify-audit";
    static final int INTACT = 0;
    static final int BROKEN = 2;
    static final int BAD_ARGUMENT = 1;

    private final AuditVerifier verifier;
    private int exitCode = INTACT;

    VerifyAuditCommand(AuditVerifier verifier) {
        this.verifier = verifier;
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

    public static boolean isRequested(ApplicationArguments args) {
        return args.getNonOptionArgs().contains(NAME);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!isRequested(args)) {
            return;
        }
        AuditVerification.Anchor anchor = null;
        if (args.containsOption("anchor")) {
            String given = String.join("", args.getOptionValues("anchor"));
            anchor = AuditVerification.Anchor.parse(given).orElse(null);
            if (anchor == null) {
                System.out.println("--anchor must be <id>:<hash>, the chain head a former check printed "
                        + "(e.g. --anchor=1234:9f86d081…, 64 hex digits).");
                exitCode = BAD_ARGUMENT;
                return;
            }
        }
        AuditVerification result = verifier.verify(anchor);
        PrintStream out = System.out;
        out.print(result.summary());
        out.flush();
        exitCode = result.intact() ? INTACT : BROKEN;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
