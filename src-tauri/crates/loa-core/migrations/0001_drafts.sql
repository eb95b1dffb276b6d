-- Drafts: what the officer is writing. Text is stored NFC-normalised (the core normalises on every
-- write path); timestamps are RFC 3339 in UTC.
CREATE TABLE drafts (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT '',
    lang        TEXT NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en')),
    topic       TEXT NOT NULL DEFAULT 'other' CHECK (topic IN (
                    'policy_law', 'weather_disaster', 'health', 'admin_procedure', 'security_scam',
                    'culture_tourism', 'economy_products', 'good_deeds', 'other')),
    status      TEXT NOT NULL DEFAULT 'draft' CHECK (status IN (
                    'draft', 'ready', 'queued', 'published', 'archived')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    -- Soft delete: a draft in the trash keeps everything and can be restored.
    deleted_at  TEXT
) STRICT;

CREATE INDEX drafts_live_by_update ON drafts (deleted_at, updated_at DESC);

-- Snapshots of a draft's text, so an earlier version can be restored. Autosave coalesces a burst of
-- typing into one revision (see drafts::REVISION_COALESCE_SECS).
CREATE TABLE draft_revisions (
    id          INTEGER PRIMARY KEY,
    draft_id    INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE INDEX draft_revisions_by_draft ON draft_revisions (draft_id, id DESC);

-- Profile settings (interface language, later the commune's watermark...), one row per key.
CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL
) STRICT;
