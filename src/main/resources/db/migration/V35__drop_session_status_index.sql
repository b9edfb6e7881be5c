-- Issue 27: every index a session's insert or status change touches is pages copied and written (H2) or entries
-- added (PostgreSQL). ix_sessions_heartbeat (status, heartbeat_at) starts with status and serves every query this one
-- did (the sweep of stale sessions, the heartbeat, the active sessions among some ids).
DROP INDEX ix_sessions_status;
