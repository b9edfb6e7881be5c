-- Market data for the Lab agent's tools. Portable SQL only: runs unchanged on PostgreSQL and on H2
-- in PostgreSQL mode. Column names avoid OPEN/CLOSE, which some dialects treat as keywords.

CREATE TABLE coins (
    symbol     VARCHAR(15)  PRIMARY KEY,
    name       VARCHAR(100) NOT NULL,
    -- where the prices came from, shown to users and to the model (e.g. "synthetic, ... not real")
    source     VARCHAR(500) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per symbol and day. NUMERIC(38, 12) holds both BTC (~1e5) and sub-cent coins, and
-- volumes in coin units up to ~1e26.
CREATE TABLE price_bars (
    symbol      VARCHAR(15)     NOT NULL REFERENCES coins (symbol),
    trade_date  DATE            NOT NULL,
    open_price  NUMERIC(38, 12) NOT NULL,
    high_price  NUMERIC(38, 12) NOT NULL,
    low_price   NUMERIC(38, 12) NOT NULL,
    close_price NUMERIC(38, 12) NOT NULL,
    volume      NUMERIC(38, 12) NOT NULL,
    CONSTRAINT pk_price_bars PRIMARY KEY (symbol, trade_date),
    -- the import validates the same rules row by row; this is the last line of defence
    CONSTRAINT ck_price_bars_ohlc CHECK (low_price > 0
        AND low_price <= LEAST(open_price, close_price)
        AND high_price >= GREATEST(open_price, close_price)),
    CONSTRAINT ck_price_bars_volume CHECK (volume >= 0)
);
