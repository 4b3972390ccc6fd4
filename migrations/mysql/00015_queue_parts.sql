-- Across all stations the follow-up queue is read by places
-- (lab/followup_queue.go): the cases of one place share overdue-or-not and
-- a priority, and each status's part of it is read in (due_at, id) order
-- up to the page's end. Sorting every case the filter selected was the
-- page's whole cost: an admin's queue screen asks for the 28,000 active
-- cases of a million women's programme every minute, and the closed cases
-- (190,000, more every year) took a quarter of a second a page.
--
-- The overdue part of a status and priority is one range of the first
-- index (nobody reached, due before now). The others of an active status
-- (reached, or not yet due) and the closed cases are read from the second
-- in due order; its id before reached_at keeps ties on the due time in id
-- order, which an index's implicit trailing id would not.

-- +goose Up
CREATE INDEX ix_followups_queue_late ON followups (status, priority, reached_at, due_at);
CREATE INDEX ix_followups_queue_rest ON followups (status, priority, due_at, id, reached_at);

-- +goose Down
DROP INDEX ix_followups_queue_rest ON followups;
DROP INDEX ix_followups_queue_late ON followups;
