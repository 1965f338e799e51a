-- Service norms and the survey after each contact (issue 12, items 3 and 4).
-- Plain tables keyed by the record they belong to, so a gemeente scope can be added later.

-- Every status a staff member sets on a callback request (an attempt: "Gebeld", "Geen gehoor",
-- "Afgehandeld"), so the dashboard can count first attempts, "geen gehoor" and repeated attempts.
CREATE TABLE callback_attempts (
  id bigserial PRIMARY KEY,
  callback_id uuid NOT NULL REFERENCES callback_requests (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('new', 'called', 'no_answer', 'done'))
);
CREATE INDEX callback_attempts_callback ON callback_attempts (callback_id, at);
CREATE INDEX callback_attempts_at ON callback_attempts (at);

-- The resident's 1–10 score after one contact: one row per contact (the primary key refuses a
-- second). contact_id: the callback request's id or the chat session's id. No personal data.
CREATE TABLE contact_scores (
  contact_type text NOT NULL CHECK (contact_type IN ('callback', 'chat')),
  contact_id uuid NOT NULL,
  channel text NOT NULL,
  score integer NOT NULL CHECK (score BETWEEN 1 AND 10),
  at timestamptz NOT NULL,
  -- The Idempotency-Key of the request that stored it: a retry of that request is not a second score.
  idempotency_key text,
  PRIMARY KEY (contact_type, contact_id)
);
CREATE INDEX contact_scores_at ON contact_scores (at);

-- When the promise made to the resident runs out (the SDK's promiseDeadline of `expected`), so the
-- queue can be sorted by promise. Filled by the console for rows that do not have it yet.
ALTER TABLE callback_requests ADD COLUMN due_at timestamptz;
CREATE INDEX callback_requests_due ON callback_requests (status, due_at);
