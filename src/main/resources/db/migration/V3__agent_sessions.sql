-- Agent sessions and their steps. Portable SQL for PostgreSQL and H2 (PostgreSQL mode).

CREATE TABLE agent_sessions (
    id                 UUID PRIMARY KEY,
    user_id            UUID          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_goal          VARCHAR(5000) NOT NULL,
    status             VARCHAR(32)   NOT NULL,
    status_reason      VARCHAR(500),
    error_code         VARCHAR(64),
    -- what actually runs: the credential (NULL for the system default), its provider and model
    llm_credential_id  UUID REFERENCES user_llm_credentials (id) ON DELETE SET NULL,
    llm_provider       VARCHAR(32)   NOT NULL,
    llm_model          VARCHAR(100)  NOT NULL,
    using_custom_model BOOLEAN       NOT NULL,
    simulated          BOOLEAN       NOT NULL,
    llm_calls          INT           NOT NULL,
    input_tokens       BIGINT        NOT NULL,
    output_tokens      BIGINT        NOT NULL,
    final_report       VARCHAR(1000000),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at         TIMESTAMP WITH TIME ZONE,
    finished_at        TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ix_sessions_user_time ON agent_sessions (user_id, created_at);
CREATE INDEX ix_sessions_status ON agent_sessions (status);

CREATE TABLE agent_steps (
    session_id        UUID        NOT NULL REFERENCES agent_sessions (id) ON DELETE CASCADE,
    seq               INT         NOT NULL,
    kind              VARCHAR(20) NOT NULL,
    content           VARCHAR(1000000),
    tool_name         VARCHAR(64),
    tool_call_id      VARCHAR(200),
    input_tokens      INT,
    output_tokens     INT,
    cached_tokens     INT,
    reasoning_tokens  INT,
    latency_ms        BIGINT,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (session_id, seq)
);
