-- Every llm_usage row is written into each of the table's B-trees; on H2 each insert copies the index pages it
-- touches (and its commit copies them again). No query looks rows up by session_id alone: the per-session totals
-- of cost estimates filter on provider and model (ix_llm_usage_model) or read every agent row, and a session's own
-- figures live in agent_sessions. So this index is one more copy per call that nothing reads.
DROP INDEX ix_llm_usage_session;
