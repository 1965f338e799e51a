-- Several gemeenten in one gateway (a werkorganisatie): every record belongs to one gemeente.
-- Rows from before (a single-gemeente deployment) belong to 'default', the id a single-gemeente
-- configuration gets, so an existing deployment keeps working unchanged.
ALTER TABLE feedback ADD COLUMN gemeente text NOT NULL DEFAULT 'default';
ALTER TABLE callback_requests ADD COLUMN gemeente text NOT NULL DEFAULT 'default';
ALTER TABLE chat_sessions ADD COLUMN gemeente text NOT NULL DEFAULT 'default';
ALTER TABLE cases ADD COLUMN gemeente text NOT NULL DEFAULT 'default';
CREATE INDEX feedback_gemeente ON feedback (gemeente, received_at);
CREATE INDEX callback_requests_gemeente ON callback_requests (gemeente, status, received_at);
CREATE INDEX chat_sessions_gemeente ON chat_sessions (gemeente);
