-- Costs priced per kind of token (issue 23). Cache writes split by lifetime: cache_write_tokens stays all writes,
-- cache_write_1h_tokens is the part written for one hour (Anthropic bills 2x input for it, 1.25x for five minutes).
-- long_context: the call was priced at the model's long-context tier (its input was above the tier's threshold).
-- cost_without_cache_usd: what the same call would have cost with every input token at the input rate, so that what
-- caching saved is cost_without_cache_usd - cost_usd. cost_note: why cost_usd is NULL (e.g. the price table has no
-- cache-write rate for the model), so an incomplete cost says what is missing. Rows written before stay NULL there.

ALTER TABLE llm_usage ADD COLUMN cache_write_1h_tokens INT;
ALTER TABLE llm_usage ADD COLUMN long_context BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE llm_usage ADD COLUMN cost_without_cache_usd NUMERIC(24, 12);
ALTER TABLE llm_usage ADD COLUMN cost_note VARCHAR(300);

ALTER TABLE agent_steps ADD COLUMN cache_saving_usd NUMERIC(24, 12);
ALTER TABLE agent_sessions ADD COLUMN cache_saving_usd NUMERIC(24, 12) DEFAULT 0 NOT NULL;
