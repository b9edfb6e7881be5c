-- Which instance runs a session, and when it last said so; per-step call counts and costs, so that a
-- session's totals are recomputed from its steps (idempotent) rather than incremented.

ALTER TABLE agent_sessions ADD COLUMN owner_instance VARCHAR(100);
ALTER TABLE agent_sessions ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;

CREATE INDEX ix_sessions_heartbeat ON agent_sessions (status, heartbeat_at);

ALTER TABLE agent_steps ADD COLUMN attempts INT;
ALTER TABLE agent_steps ADD COLUMN cost_usd NUMERIC(24, 12);
ALTER TABLE agent_steps ADD COLUMN cost_known BOOLEAN;
