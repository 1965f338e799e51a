-- Chat (issue 7): a warm hand-off into a chat (e.g. feedback's "Chat met ons") keeps what the
-- resident said there: { source, page, topic, summary, caseReference, caseTitle } (BSNs removed).
-- Free text: deleted with the session by the retention job.
ALTER TABLE chat_sessions ADD COLUMN handoff jsonb;
