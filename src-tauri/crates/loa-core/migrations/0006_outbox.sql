-- Publishing: the channels a post can go to, and the outbox, one row per (post, channel).
-- (0005 is taken by templates.) Secrets are NEVER stored here: they live in the OS keyring (or the
-- documented credentials file fallback), keyed by the channel id.

CREATE TABLE channels (
    id              INTEGER PRIMARY KEY,
    -- The officer's name for it ("Trang xã"), used on the command line.
    name            TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    kind            TEXT NOT NULL CHECK (kind IN ('facebook', 'zalo', 'wordpress', 'folder')),
    base_url        TEXT NOT NULL DEFAULT '',
    page_id         TEXT NOT NULL DEFAULT '',
    user            TEXT NOT NULL DEFAULT '',
    folder          TEXT,
    -- Zalo only: the WordPress channel whose media library hosts the article's photos (Zalo
    -- articles take image URLs only).
    image_host_channel_id INTEGER REFERENCES channels (id) ON DELETE SET NULL,
    -- Minimum seconds between two publishes, so the platform does not see a burst.
    spacing_secs    INTEGER NOT NULL DEFAULT 0 CHECK (spacing_secs >= 0),
    -- The officer paused this channel.
    paused          INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    -- A hold Loa put on the channel: rate limited until `paused_until`, or the token needs to be
    -- renewed (lifted when the credentials are updated).
    pause_reason    TEXT CHECK (pause_reason IN ('throttled', 'needs_reconnect')),
    paused_until    TEXT,
    -- When the last publish call started: spacing holds across processes and restarts.
    last_publish_at TEXT,
    -- Only the holder of the lease works on this channel's items (one `loa sync` or app at a
    -- time); it expires so that a killed process does not block the channel for ever.
    lease_owner     TEXT,
    lease_until     TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

-- One post going to one channel. What is published is what was queued: the text, title and
-- photos are snapshots taken at queue time.
CREATE TABLE outbox (
    id                  INTEGER PRIMARY KEY,
    draft_id            INTEGER NOT NULL REFERENCES drafts (id),
    channel_id          INTEGER NOT NULL REFERENCES channels (id),
    state               TEXT NOT NULL CHECK (state IN ('queued', 'media_uploaded', 'publishing',
                            'published', 'failed', 'unconfirmed', 'cancelled')),
    title               TEXT NOT NULL,
    text                TEXT NOT NULL,
    -- loa_channels::text_hash of `text`: the read-back key.
    text_hash           TEXT NOT NULL,
    -- Stable per row: WordPress finds the post again by it.
    slug                TEXT NOT NULL,
    -- The time the officer asked for (`--at`), and whether the platform's own scheduler takes it.
    scheduled_at        TEXT,
    platform_scheduled  INTEGER NOT NULL DEFAULT 0 CHECK (platform_scheduled IN (0, 1)),
    attempts            INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    readback_attempts   INTEGER NOT NULL DEFAULT 0 CHECK (readback_attempts >= 0),
    -- Not before this time (backoff, a local schedule, or the next read-back).
    next_attempt_at     TEXT,
    -- When the last publish call started: the read-back looks for posts since then.
    publish_started_at  TEXT,
    published_at        TEXT,
    remote_id           TEXT,
    remote_url          TEXT,
    last_error_code     TEXT,
    last_error_message  TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
) STRICT;

-- A post goes to a channel once: queueing it again is refused unless the earlier row was
-- cancelled.
CREATE UNIQUE INDEX outbox_one_per_post_and_channel ON outbox (draft_id, channel_id)
    WHERE state <> 'cancelled';
CREATE INDEX outbox_work ON outbox (channel_id, state, next_attempt_at);
CREATE INDEX outbox_by_draft ON outbox (draft_id);

-- The photos of an outbox row, in order, as snapshots (`path` is a content-addressed copy under
-- <profile>/outbox/). `remote_id` is written the moment the platform returns it, so a photo is
-- never uploaded twice.
CREATE TABLE outbox_media (
    outbox_id   INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 0),
    path        TEXT NOT NULL,
    alt_text    TEXT NOT NULL DEFAULT '',
    size        INTEGER NOT NULL CHECK (size >= 0),
    remote_id   TEXT,
    remote_url  TEXT,
    uploaded_at TEXT,
    bytes_sent  INTEGER NOT NULL DEFAULT 0 CHECK (bytes_sent >= 0),
    PRIMARY KEY (outbox_id, position)
) STRICT;
