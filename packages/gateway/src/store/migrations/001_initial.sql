-- Dichtbij gateway: the initial schema. Runs unchanged on PGlite (embedded) and PostgreSQL.
-- Timestamps come from the gateway's clock (never now()), so tests can inject time.

CREATE TABLE feedback (
  id uuid PRIMARY KEY,
  received_at timestamptz NOT NULL,
  variant text NOT NULL CHECK (variant IN ('page', 'score')),
  useful boolean,
  score integer CHECK (score BETWEEN 1 AND 10),
  reasons jsonb NOT NULL DEFAULT '[]',
  -- Free text: erased by the retention job.
  comment text,
  channel text NOT NULL,
  contact text,
  -- Personal data: erased by the retention job.
  callback_phone text,
  -- Origin + path only: query strings and fragments are dropped on the way in.
  page_url text NOT NULL,
  page_title text,
  locale text NOT NULL,
  redacted_at timestamptz
);
CREATE INDEX feedback_received_at ON feedback (received_at);
CREATE INDEX feedback_page ON feedback (page_url);

CREATE TABLE callback_requests (
  id uuid PRIMARY KEY,
  reference text NOT NULL UNIQUE,
  received_at timestamptz NOT NULL,
  -- Personal data and free text: erased by the retention job (redacted_at is then set).
  phone text,
  name text,
  question text,
  context jsonb,
  topic text,
  topic_label text,
  preferred jsonb NOT NULL,
  expected jsonb NOT NULL,
  locale text NOT NULL,
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'called', 'no_answer', 'done')),
  status_changed_at timestamptz,
  -- Hand-over to a sink (e.g. Klantinteracties): local = no sink configured.
  sync_status text NOT NULL CHECK (sync_status IN ('local', 'pending', 'synced', 'sync_failed')),
  sync_target text,
  sync_external_id text,
  sync_attempts integer NOT NULL DEFAULT 0,
  sync_next_at timestamptz,
  sync_error text,
  synced_at timestamptz,
  redacted_at timestamptz
);
CREATE INDEX callback_requests_queue ON callback_requests (status, received_at);
CREATE INDEX callback_requests_sync ON callback_requests (sync_status, sync_next_at);
CREATE INDEX callback_requests_received_at ON callback_requests (received_at);

-- One row per Idempotency-Key, written in the same transaction as the record it created.
CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  body_hash text NOT NULL,
  status integer NOT NULL,
  response jsonb NOT NULL,
  record_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);

-- Fixed-window counters shared by every gateway instance on the same database.
-- Keys are "bucket:hmac(subject)": no IP address or phone number in clear text.
CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  count integer NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX rate_limits_expires_at ON rate_limits (expires_at);

-- The embedded case source (demo, or a gemeente without a zaaksysteem connector).
CREATE TABLE cases (
  reference text PRIMARY KEY,
  status jsonb NOT NULL,
  check_value text,
  started_on text NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE TABLE case_owners (
  reference text NOT NULL REFERENCES cases (reference) ON DELETE CASCADE,
  bsn text NOT NULL,
  PRIMARY KEY (reference, bsn)
);
CREATE INDEX case_owners_bsn ON case_owners (bsn);

-- Server-side sessions: KCC staff, and the resident demo login. The cookie holds a random
-- token; only its SHA-256 is stored.
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('staff', 'resident')),
  subject text,
  csrf text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

-- Small key/value settings of this deployment, e.g. the key used to pseudonymise rate-limit subjects.
CREATE TABLE settings (
  key text PRIMARY KEY,
  value text NOT NULL
);
