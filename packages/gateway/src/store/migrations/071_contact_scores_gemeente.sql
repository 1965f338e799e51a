-- The dashboards per gemeente (issue 12 item 5): a score after a contact belongs to the gemeente
-- of that contact. Existing scores take it from their callback request or chat session; a score
-- whose contact is gone (erased) stays 'default', the id of a single-gemeente gateway.
ALTER TABLE contact_scores ADD COLUMN gemeente text NOT NULL DEFAULT 'default';
UPDATE contact_scores s SET gemeente = c.gemeente
  FROM callback_requests c WHERE s.contact_type = 'callback' AND c.id = s.contact_id;
UPDATE contact_scores s SET gemeente = c.gemeente
  FROM chat_sessions c WHERE s.contact_type = 'chat' AND c.id = s.contact_id;
CREATE INDEX contact_scores_gemeente ON contact_scores (gemeente, at);
