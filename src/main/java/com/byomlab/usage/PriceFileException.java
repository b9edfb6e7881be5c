package com.byomlab.usage;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A price file (the bundled table or the operator's {@code byom.usage.price-file}) that cannot be trusted:
 * missing, malformed, or with bad entries. Thrown at start-up so the service refuses to run rather than price wrongly.
 */
public class PriceFileException extends RuntimeException {

    /** Where and what: {@code line} is 1-based, 0 when the problem concerns the whole file. */
    public record Problem(int line, String message) {
    }

    private static final int MAX_LISTED = 25;

    private final String file;
    private final List<Problem> problems;

    public PriceFileException(String file, List<Problem> problems) {
        super(describe(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public PriceFileException(String file, int line, String message) {
        this(file, List.of(new Problem(line, message)));
    }

    /** The file as the operator named it, or {@code classpath:usage/model-prices.json} for the bundled table. */
    public String file() {
        return file;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** True when the bundled table itself is bad: a build defect, not an operator mistake. */
    public boolean bundled() {
        return file.startsWith("classpath:");
    }

    private static String describe(String file, List<Problem> problems) {
        if (problems.size() == 1) {
            return "Price file " + file + at(problems.get(0)) + ": " + problems.get(0).message();
        }
        String listed = problems.stream().limit(MAX_LISTED)
                .map(p -> "  " + (p.line() > 0 ? "line " + p.line() + ": " : "") + p.message())
                .collect(Collectors.joining("\n"));
        String more = problems.size() > MAX_LISTED ? "\n  ... and " + (problems.size() - MAX_LISTED) + " more" : "";
        return "Price file " + file + " has " + problems.size() + " problems:\n" + listed + more;
    }

    private static String at(Problem p) {
        return p.line() > 0 ? ", line " + p.line() : "";
    }
}
