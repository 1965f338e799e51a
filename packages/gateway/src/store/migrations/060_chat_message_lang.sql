-- The language of a chat message's text when it differs from the chat's: a FAQ answer the
-- gemeente wrote only in Dutch, shown in an English chat, is marked lang="nl" (issue 14).
ALTER TABLE chat_messages ADD COLUMN lang text CHECK (lang IS NULL OR lang IN ('nl', 'en'));
