-- A monthly cap's check used to sum the user's whole month of llm_usage on every LLM call (52,000 calls of one
-- user: 70-90 ms a check on H2, 35-40 ms on PostgreSQL). A checkpoint holds the known cost of the user's calls in
-- the month before counted_before; a check adds the calls since. Only checks write it (users with a monthly cap),
-- so recording a call costs nothing more. Derived from llm_usage alone: kept, like those rows, after an account is
-- deleted, and safe to delete (the next check sums the month again).
CREATE TABLE monthly_spend_checkpoints (
    user_id        UUID                     NOT NULL,
    month_start    DATE                     NOT NULL,
    counted_before TIMESTAMP WITH TIME ZONE NOT NULL,
    cost_usd       NUMERIC(24, 12)          NOT NULL,
    PRIMARY KEY (user_id, month_start)
);
