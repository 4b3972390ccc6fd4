-- Same as mysql/00012_case_last_contact.sql: each case keeps a copy of its
-- latest contact attempt, so that the queue reads no contact row.

-- +goose Up
ALTER TABLE followups ADD COLUMN last_contact_at DATETIME NULL;
ALTER TABLE followups ADD COLUMN last_contact_channel TEXT NOT NULL DEFAULT '';
ALTER TABLE followups ADD COLUMN last_contact_result TEXT NOT NULL DEFAULT '';

UPDATE followups SET (last_contact_at, last_contact_channel, last_contact_result) =
    (SELECT c.at, c.channel, c.result FROM followup_contacts c WHERE c.followup_id = followups.id ORDER BY c.id DESC LIMIT 1)
WHERE EXISTS (SELECT 1 FROM followup_contacts c WHERE c.followup_id = followups.id);

-- +goose Down
ALTER TABLE followups DROP COLUMN last_contact_result;
ALTER TABLE followups DROP COLUMN last_contact_channel;
ALTER TABLE followups DROP COLUMN last_contact_at;
