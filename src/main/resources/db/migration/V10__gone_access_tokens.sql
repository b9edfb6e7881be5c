-- The hashes of a deleted account's personal access tokens (their rows go with the account), so the gateway can
-- answer such a token "account gone" rather than "unknown token". Nothing else: no user id, no name. Looked up only
-- when a presented token has no row; kept 90 days (older ones are removed at each account deletion), after which
-- such a token is simply unknown.
CREATE TABLE gone_access_tokens (
    token_hash VARCHAR(64)              NOT NULL PRIMARY KEY,
    gone_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_gone_access_tokens_time ON gone_access_tokens (gone_at);
