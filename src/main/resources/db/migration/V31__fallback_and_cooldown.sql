-- Fallbacks, cooldowns and provider health (issue 24). Portable SQL for PostgreSQL and H2 (PostgreSQL mode).

-- A fallback order: the user's own (scope 'user') or a gateway token's own (scope 'token:<token id>'), the
-- credentials in order as comma-separated ids. Checked against the owner's active credentials when set, and read
-- owner-scoped again at every call (a credential deleted since is skipped).
CREATE TABLE llm_fallback_orders (
    user_id            UUID          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scope              VARCHAR(60)   NOT NULL,
    credential_ids     VARCHAR(1000) NOT NULL,
    use_system_default BOOLEAN       NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, scope)
);

-- A credential that failed in a way that moves calls on is skipped until cooling_until; shared by every instance.
CREATE TABLE credential_cooldowns (
    credential_id UUID        PRIMARY KEY REFERENCES user_llm_credentials (id) ON DELETE CASCADE,
    user_id       UUID        NOT NULL,
    failures      INT         NOT NULL,
    reason        VARCHAR(40) NOT NULL,
    failed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    cooling_until TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_cooldowns_user ON credential_cooldowns (user_id, cooling_until);

-- Every model a session ran on, as JSON, once it has moved to another credential (NULL: only llm_provider/llm_model).
ALTER TABLE agent_sessions ADD COLUMN models_used VARCHAR(4000);

-- Provider health reads the last minutes of every user's calls.
CREATE INDEX ix_llm_usage_time ON llm_usage (occurred_at);
