-- The posting calendar: recurring sections (chuyên mục, "series") and what the officer did to
-- their occurrences. Occurrences themselves are computed (loa-calendar), never stored: only the
-- rule versions, the exceptions and the links to drafts are. Dates and times of day are Vietnam
-- time (UTC+7) whatever the laptop's zone; instants are RFC 3339.

CREATE TABLE series (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_en           TEXT,
    -- #RRGGBB.
    colour            TEXT NOT NULL,
    -- A template of the profile; not a foreign key: a template removed later leaves the
    -- section, whose fills then make plain drafts.
    template_id       TEXT,
    -- The template's default field values, a JSON object of strings.
    template_defaults TEXT NOT NULL DEFAULT '{}',
    first_episode     INTEGER NOT NULL DEFAULT 1 CHECK (first_episode >= 1),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    -- Deleting a section hides it; its filled drafts and their posts stay.
    deleted_at        TEXT
) STRICT;

-- The section's rule over time: an edit adds a version effective from the moment it was made,
-- so occurrences before it keep the old rule ("editing changes future occurrences only").
CREATE TABLE series_versions (
    id             INTEGER PRIMARY KEY,
    series_id      INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    effective_from TEXT NOT NULL,
    -- "tue,fri", Monday first.
    weekdays       TEXT NOT NULL,
    -- HH:MM.
    time           TEXT NOT NULL,
    start_date     TEXT NOT NULL,
    until_date     TEXT,
    count          INTEGER CHECK (count IS NULL OR count >= 1),
    CHECK (until_date IS NULL OR count IS NULL),
    UNIQUE (series_id, effective_from)
) STRICT;

CREATE TABLE series_channels (
    series_id  INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    channel_id INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    PRIMARY KEY (series_id, channel_id)
) STRICT;

-- One skipped or moved occurrence, keyed by its original (rule) date. `moved_to` is a Vietnam
-- date and time, YYYY-MM-DDTHH:MM.
CREATE TABLE series_exceptions (
    series_id     INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    original_date TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('skip', 'move')),
    reason        TEXT,
    moved_to      TEXT,
    CHECK ((kind = 'move') = (moved_to IS NOT NULL)),
    PRIMARY KEY (series_id, original_date)
) STRICT;

-- The draft that fills an occurrence. A draft fills at most one.
CREATE TABLE occurrence_drafts (
    series_id     INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    original_date TEXT NOT NULL,
    draft_id      INTEGER NOT NULL UNIQUE REFERENCES drafts (id),
    PRIMARY KEY (series_id, original_date)
) STRICT;

-- A draft dragged onto a day of the calendar (not part of a section): Vietnam date, and an
-- optional HH:MM.
ALTER TABLE drafts ADD COLUMN planned_date TEXT;
ALTER TABLE drafts ADD COLUMN planned_time TEXT;
CREATE INDEX drafts_planned ON drafts (planned_date) WHERE planned_date IS NOT NULL;
