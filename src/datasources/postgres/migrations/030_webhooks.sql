-- Webhook endpoints, one delivery per (endpoint, event), and every attempt made for it.
-- Secrets are kept as given (signing needs them, so they cannot be hashed like API keys).

CREATE TABLE webhook_endpoints (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  url             text NOT NULL,
  events          text[] NOT NULL,
  secret          text NOT NULL,
  -- After a rotation the old secret keeps signing (beside the new) until it expires.
  previous_secret text,
  previous_secret_expires_at timestamptz,
  -- Set when the receiver answered 410 Gone; no further deliveries are made.
  disabled_at     timestamptz,
  disabled_reason text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_owner_idx ON webhook_endpoints (owner_id, created_at);

CREATE TABLE webhook_deliveries (
  -- Sent as webhook-id ("msg_" + id without dashes), the same on every attempt.
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  endpoint_id     uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  event_type      text NOT NULL,
  task_id         uuid NOT NULL,
  sequence        integer NOT NULL,
  -- The exact bytes signed and sent, so every retry sends the same body.
  payload         text NOT NULL,
  status          text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
  attempts        integer NOT NULL DEFAULT 0,
  last_status_code integer,
  last_error      text,
  next_attempt_at timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz
);
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC);

CREATE TABLE webhook_attempts (
  id              bigserial PRIMARY KEY,
  delivery_id     uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempt         integer NOT NULL,
  status_code     integer,
  -- A stable code when no HTTP status came back (TIMEOUT, ADDRESS_NOT_ALLOWED, CONNECTION_FAILED…).
  error_code      text,
  -- At most a short excerpt of the response body.
  response_excerpt text,
  duration_ms     integer NOT NULL,
  at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, attempt);
