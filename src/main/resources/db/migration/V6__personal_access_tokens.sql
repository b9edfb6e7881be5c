-- Personal access tokens for the OpenAI-compatible gateway (/v1/**). Portable SQL for PostgreSQL and H2.
-- Only a SHA-256 of the token is stored (the token is 256 random bits, so no salt or slow hash is needed);
-- the last four characters are kept for the masked display.

CREATE TABLE personal_access_tokens (
    id            UUID PRIMARY KEY,
    user_id       UUID         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          VARCHAR(100) NOT NULL,
    token_hash    VARCHAR(64)  NOT NULL,
    token_last4   VARCHAR(4)   NOT NULL,
    -- NULL: the owner's default credential at the time of each call
    credential_id UUID REFERENCES user_llm_credentials (id) ON DELETE CASCADE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ux_pat_hash UNIQUE (token_hash)
);

CREATE INDEX ix_pat_user ON personal_access_tokens (user_id, created_at);
