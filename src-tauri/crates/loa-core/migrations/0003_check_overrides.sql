-- A blocking check (a citizen ID number in the text, a post over the platform's limit...) stops a
-- draft from being queued unless the officer overrides it with a reason. The override and its
-- reason are kept, for the record.
CREATE TABLE check_overrides (
    id          INTEGER PRIMARY KEY,
    draft_id    INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX check_overrides_by_draft ON check_overrides (draft_id, code);
