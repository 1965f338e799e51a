-- Chat (issue 7): sessions, their messages, and the KCC agents who are present.
-- Timestamps come from the gateway's clock (never now()), so tests can inject time.

CREATE TABLE chat_sessions (
  -- Random and unguessable: knowing it is what gives access to the chat.
  id uuid PRIMARY KEY,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  state text NOT NULL CHECK (state IN ('bot', 'queued', 'live', 'ended')),
  locale text NOT NULL,
  -- Origin + path only.
  page_url text,
  page_title text,
  -- The seq the next message gets: each session's messages are numbered 0, 1, 2, … without gaps.
  next_seq integer NOT NULL DEFAULT 0,
  -- The resident asked for a person. live_queue: during live hours with staff present (a place
  -- in the queue); false: outside them, a message left for the KCC.
  requested_at timestamptz,
  live_queue boolean NOT NULL DEFAULT false,
  agent_id text,
  agent_name text,
  joined_at timestamptz,
  ended_at timestamptz,
  ended_by text CHECK (ended_by IN ('resident', 'agent', 'system')),
  -- A KCC agent dealt with a left message.
  handled_at timestamptz,
  -- Klantinteracties: the chat recorded as a klantcontact (kanaal "chat").
  sync_status text NOT NULL DEFAULT 'local' CHECK (sync_status IN ('local', 'pending', 'synced', 'sync_failed')),
  sync_external_id text,
  sync_attempts integer NOT NULL DEFAULT 0,
  redacted_at timestamptz
);
CREATE INDEX chat_sessions_queue ON chat_sessions (state, requested_at);
CREATE INDEX chat_sessions_created_at ON chat_sessions (created_at);

CREATE TABLE chat_messages (
  session_id uuid NOT NULL REFERENCES chat_sessions (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  id uuid NOT NULL UNIQUE,
  sender text NOT NULL CHECK (sender IN ('resident', 'bot', 'agent', 'system')),
  -- Free text: erased with the session by the retention job.
  text text NOT NULL,
  at timestamptz NOT NULL,
  links jsonb,
  quick_replies jsonb,
  -- Set by the resident's browser: a retried send with the same client id is stored once.
  client_id text,
  agent_name text,
  PRIMARY KEY (session_id, seq)
);
CREATE UNIQUE INDEX chat_messages_client_id ON chat_messages (session_id, client_id) WHERE client_id IS NOT NULL;

-- A KCC agent is present while their console is open (it sends a heartbeat); presence drives
-- the chat's availability. The id is a pseudonym of the staff session.
CREATE TABLE chat_agents (
  id text PRIMARY KEY,
  name text NOT NULL,
  last_seen timestamptz NOT NULL
);
CREATE INDEX chat_agents_last_seen ON chat_agents (last_seen);
