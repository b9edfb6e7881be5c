-- Token counts mean one thing on every provider: input includes cache reads and cache writes, output includes
-- reasoning. Cache writes get their own column beside cache reads, and rows written before the change are
-- restated in that meaning (Anthropic counted cache reads beside its input; Gemini counted thinking beside its
-- output). Costs were computed from the provider's own meaning and stay as they are. Anthropic cache writes of
-- older rows were not recorded and cannot be restored.

ALTER TABLE llm_usage ADD COLUMN cache_write_tokens INT;
ALTER TABLE agent_steps ADD COLUMN cache_write_tokens INT;
ALTER TABLE agent_sessions ADD COLUMN cache_write_tokens BIGINT DEFAULT 0 NOT NULL;

UPDATE llm_usage SET input_tokens = input_tokens + cached_input_tokens
WHERE provider = 'anthropic' AND input_tokens IS NOT NULL AND cached_input_tokens IS NOT NULL;
UPDATE llm_usage SET output_tokens = output_tokens + reasoning_tokens
WHERE provider = 'google' AND output_tokens IS NOT NULL AND reasoning_tokens IS NOT NULL;

UPDATE agent_steps SET input_tokens = input_tokens + cached_tokens
WHERE input_tokens IS NOT NULL AND cached_tokens IS NOT NULL
  AND session_id IN (SELECT id FROM agent_sessions WHERE llm_provider = 'anthropic');
UPDATE agent_steps SET output_tokens = output_tokens + reasoning_tokens
WHERE output_tokens IS NOT NULL AND reasoning_tokens IS NOT NULL
  AND session_id IN (SELECT id FROM agent_sessions WHERE llm_provider = 'google');

UPDATE agent_sessions SET input_tokens = input_tokens + cached_input_tokens WHERE llm_provider = 'anthropic';
UPDATE agent_sessions SET output_tokens = output_tokens + reasoning_tokens WHERE llm_provider = 'google';
