package com.byomlab.database;

/** The configured H2 database does not run in PostgreSQL mode, which the service's SQL needs. */
class H2ModeMissingException extends RuntimeException {

    private final String mode;

    H2ModeMissingException(String mode) {
        super("spring.datasource.url points at an H2 database in mode " + mode + ", not MODE=PostgreSQL. BYOM Lab "
                + "writes PostgreSQL's SQL (ON CONFLICT, for one) and runs on H2 only in PostgreSQL mode.");
        this.mode = mode;
    }

    String mode() {
        return mode;
    }
}
