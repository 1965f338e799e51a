-- Staff accounts (issue 12): the OpenID Connect login of the KCC console, and its audit log.

-- A login in progress: state, nonce and PKCE verifier of one authorization request, found by the
-- SHA-256 of a random cookie value; used once (deleted when the callback arrives) or expires.
CREATE TABLE staff_logins (
  id_hash text PRIMARY KEY,
  state text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX staff_logins_expires_at ON staff_logins (expires_at);

-- The AVG verwerkingsregister of the console: who (the identity provider's subject and name,
-- or the shared login) opened, called, changed or exported which callback request or chat, and
-- when. No resident data: only the record's id and, for lists, the references shown. Rows older
-- than RETENTION_DAYS are deleted by the retention job.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_sub text,
  actor_name text NOT NULL,
  actor_role text NOT NULL,
  action text NOT NULL,
  record_type text NOT NULL CHECK (record_type IN ('callback', 'chat', 'console')),
  record_id text,
  detail text
);
CREATE INDEX audit_log_at ON audit_log (at);
