-- Reach figures read from the platforms (Facebook Page and post insights), stored with the time
-- they were read so that a report made offline afterwards still shows them. One row per figure:
-- a new reading of the same figure replaces the old one.
--   scope 'page_day': a Page measure for one day (Facebook's day) — Page measures and the
--     follower count (`page_follows`) are kept day by day, so any later period adds up offline;
--   'followers_now': the follower count read on `day` (today's is not computed daily yet);
--   'post': a post's lifetime measure (outbox_id: the post on that channel).
-- status 'not_available': the platform refused the measure (removed, Graph #100) — error_code
-- keeps its code; 'no_data': the measure exists but has no figure.
CREATE TABLE insight_readings (
    id          INTEGER PRIMARY KEY,
    channel_id  INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    scope       TEXT NOT NULL CHECK (scope IN ('page_day', 'followers_now', 'post')),
    day         TEXT CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    outbox_id   INTEGER REFERENCES outbox (id) ON DELETE CASCADE,
    metric      TEXT NOT NULL CHECK (length(metric) BETWEEN 1 AND 100),
    status      TEXT NOT NULL CHECK (status IN ('value', 'not_available', 'no_data')),
    value       INTEGER,
    error_code  TEXT,
    read_at     TEXT NOT NULL,
    CHECK ((status = 'value') = (value IS NOT NULL)),
    CHECK ((scope = 'post') = (outbox_id IS NOT NULL)),
    CHECK ((scope = 'post') = (day IS NULL))
) STRICT;

CREATE UNIQUE INDEX insight_one_figure ON insight_readings (
    channel_id, scope, IFNULL(day, ''), IFNULL(outbox_id, 0), metric);
CREATE INDEX insight_by_day ON insight_readings (day) WHERE day IS NOT NULL;
