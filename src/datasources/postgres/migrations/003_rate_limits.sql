-- Rate-limit counters shared by every API replica (rate-limiter-flexible's Postgres store layout).
CREATE TABLE rate_limits (
  key     varchar(255) PRIMARY KEY,
  points  integer NOT NULL DEFAULT 0,
  expire  bigint
);
