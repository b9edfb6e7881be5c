-- Rate-limit buckets shared by every instance of the service (Bucket4j's JDBC proxy managers).
-- Portable SQL for PostgreSQL and H2 (PostgreSQL mode). One row per bucket, e.g.
-- 'validations:<user id>'; state is Bucket4j's serialised bucket; expires_at (epoch millis) is when
-- the bucket would be full again, after which the row is deleted by a periodic sweep.

CREATE TABLE rate_limit_buckets (
    id         VARCHAR(200) PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);

CREATE INDEX ix_rate_limit_buckets_expires_at ON rate_limit_buckets (expires_at);
