-- The media library: photos copied into the profile's content-addressed folder
-- (media/<first 2 hex>/<sha256>.<ext>, a thumbnail <sha256>.thumb.jpg beside it). The same photo
-- imported twice is one file and one row.
CREATE TABLE media (
    id              INTEGER PRIMARY KEY,
    sha256          TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    original_name   TEXT NOT NULL,
    ext             TEXT NOT NULL CHECK (ext IN ('jpg', 'png', 'webp')),
    bytes           INTEGER NOT NULL CHECK (bytes > 0),
    -- Size as shown, after the EXIF orientation is applied.
    width           INTEGER NOT NULL CHECK (width > 0),
    height          INTEGER NOT NULL CHECK (height > 0),
    -- The EXIF orientation (1-8); 1 when the photo has none.
    orientation     INTEGER NOT NULL DEFAULT 1 CHECK (orientation BETWEEN 1 AND 8),
    -- EXIF DateTimeOriginal, the camera's local time without a zone, as "2025-07-29T08:15:00"
    -- (kept as written when it is not a valid date).
    taken_at        TEXT,
    -- Make and model, or NULL.
    camera          TEXT,
    has_location    INTEGER NOT NULL DEFAULT 0 CHECK (has_location IN (0, 1)),
    imported_at     TEXT NOT NULL,
    source          TEXT NOT NULL CHECK (source IN ('dialog', 'drop', 'watch'))
) STRICT;

CREATE INDEX media_newest_first ON media (imported_at DESC, id DESC);

-- Folders the officer asked Loa to watch for new photos.
CREATE TABLE watch_folders (
    id          INTEGER PRIMARY KEY,
    path        TEXT NOT NULL UNIQUE,
    added_at    TEXT NOT NULL
) STRICT;

-- The photos of a draft, in order, each with its alternative text. `prepared_path` is the
-- upload-ready rendition once it has been made.
CREATE TABLE draft_media (
    draft_id        INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    media_id        INTEGER NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL CHECK (position >= 0),
    alt_text        TEXT NOT NULL DEFAULT '',
    prepared_path   TEXT,
    PRIMARY KEY (draft_id, position),
    UNIQUE (draft_id, media_id)
) STRICT;

CREATE INDEX draft_media_by_media ON draft_media (media_id);
