-- Master-key rotation: one row per run of the re-encryption job, kept as history (portable SQL only).
-- The job's real state is each credential's encryption_key_id, so a run cut short (crash, kill -9)
-- needs no repair: its row keeps finished_at NULL and an old heartbeat, and the next run carries on.
CREATE TABLE key_rotation_runs (
    id            UUID PRIMARY KEY,
    started_by    VARCHAR(20) NOT NULL,
    target_key_id BIGINT      NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE,
    reencrypted   INTEGER     NOT NULL,
    unreadable    INTEGER     NOT NULL,
    remaining     INTEGER
);

CREATE INDEX ix_key_rotation_runs_started ON key_rotation_runs (started_at);

-- The job walks active credentials not under the current key, in id order.
CREATE INDEX ix_credentials_key ON user_llm_credentials (encryption_key_id, id);
