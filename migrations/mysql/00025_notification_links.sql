-- A notification that is about a woman but not a case (a pregnancy task
-- that lapsed, a pregnancy begun within a vaccination's deferral) names
-- her and the pregnancy, so that the bell can open her page.

-- +goose Up
ALTER TABLE notifications
    ADD COLUMN client_id    BIGINT NULL,
    ADD COLUMN pregnancy_id BIGINT NULL;

-- +goose Down
ALTER TABLE notifications
    DROP COLUMN pregnancy_id,
    DROP COLUMN client_id;
