-- The AWS region of a Bedrock credential (where its models are called, e.g. us-east-1); NULL for other providers.
-- Numbered 9.1 so that migrations added meanwhile as V10+ on other branches keep their order.
ALTER TABLE user_llm_credentials ADD COLUMN region VARCHAR(32);
