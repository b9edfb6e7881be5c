-- Real market data (the collector for public exchange APIs): where each bar came from, how far the
-- collector got for each coin, what it refused or repaired, and which instance may collect. Portable SQL:
-- runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.

-- The source of each bar: 'sample' (the bundled synthetic set), 'csv' (an import), or the exchange and
-- its pair, e.g. 'binance:BTCUSDT', 'coinbase:BTC-USD'. Rows stored before this migration take it from
-- their coin; a sample coin that had rows imported into it cannot say which row is which: 'unknown'.
ALTER TABLE price_bars ADD COLUMN source VARCHAR(40) DEFAULT 'unknown' NOT NULL;
UPDATE price_bars SET source = 'sample' WHERE symbol IN (SELECT symbol FROM coins
    WHERE source LIKE 'SYNTHETIC%' AND source NOT LIKE '%rows imported from CSV%');
UPDATE price_bars SET source = 'csv' WHERE symbol IN (SELECT symbol FROM coins WHERE source LIKE 'Imported from CSV%');

-- One row per exchange and coin: the first UTC day not asked for yet (so a restart resumes there), the
-- counts, and the last error.
CREATE TABLE market_collection (
    source          VARCHAR(20)   NOT NULL,
    symbol          VARCHAR(15)   NOT NULL,
    pair            VARCHAR(30)   NOT NULL,
    next_date       DATE          NOT NULL,
    bars_stored     BIGINT        NOT NULL,
    bars_refused    BIGINT        NOT NULL,
    bars_repaired   BIGINT        NOT NULL,
    last_attempt_at TIMESTAMP WITH TIME ZONE,
    last_success_at TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(1000),
    last_error_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_market_collection PRIMARY KEY (source, symbol)
);

-- Every bar the collector refused (bad prices), repaired (duplicates, order) or found missing (a gap in
-- the exchange's data): nothing is dropped or patched silently. One row per day and kind.
CREATE TABLE market_data_issues (
    source     VARCHAR(20)   NOT NULL,
    symbol     VARCHAR(15)   NOT NULL,
    trade_date DATE          NOT NULL,
    kind       VARCHAR(10)   NOT NULL,
    detail     VARCHAR(500)  NOT NULL,
    seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_market_data_issues PRIMARY KEY (source, symbol, trade_date, kind),
    CONSTRAINT ck_market_data_issues_kind CHECK (kind IN ('refused', 'repaired', 'missing'))
);
CREATE INDEX ix_market_data_issues_seen ON market_data_issues (seen_at);

-- Which instance may collect when several share the database: whoever holds this row's lease. The holder
-- renews it with every page it stores, in the same transaction, so one that lost it stores nothing more.
CREATE TABLE market_collector_lease (
    name       VARCHAR(20)  PRIMARY KEY,
    owner      VARCHAR(100),
    expires_at TIMESTAMP WITH TIME ZONE
);
INSERT INTO market_collector_lease (name, owner, expires_at) VALUES ('collector', NULL, NULL);

-- One row per collection run, for the administrators' view.
CREATE TABLE market_collector_runs (
    id           UUID          PRIMARY KEY,
    source       VARCHAR(20)   NOT NULL,
    instance     VARCHAR(100)  NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE,
    outcome      VARCHAR(20),
    requests     INT           NOT NULL,
    bars_stored  INT           NOT NULL,
    bars_refused INT           NOT NULL,
    message      VARCHAR(1000)
);
CREATE INDEX ix_market_collector_runs_started ON market_collector_runs (started_at);
