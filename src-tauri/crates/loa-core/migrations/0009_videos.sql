-- The video library: videos copied into the profile's content-addressed folder
-- (media/<first 2 hex>/<sha256>.<ext>, a poster frame <sha256>.thumb.jpg beside it), as photos
-- are. What ffprobe found is kept so the library and the editor never run it again.
CREATE TABLE videos (
    id                INTEGER PRIMARY KEY,
    sha256            TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    original_name     TEXT NOT NULL,
    ext               TEXT NOT NULL CHECK (ext IN ('mp4', 'mov', '3gp', '3g2', 'webm', 'mkv')),
    bytes             INTEGER NOT NULL CHECK (bytes > 0),
    container         TEXT NOT NULL CHECK (container IN ('mp4', 'mov', '3gp', '3g2', 'webm', 'matroska')),
    -- NULL when neither the header nor a scan gave a length.
    duration_ms       INTEGER CHECK (duration_ms >= 0),
    -- 1 when the length came from reading the packets (the header had none).
    duration_scanned  INTEGER NOT NULL DEFAULT 0 CHECK (duration_scanned IN (0, 1)),
    -- Size as shown, after the rotation is applied.
    width             INTEGER NOT NULL CHECK (width > 0),
    height            INTEGER NOT NULL CHECK (height > 0),
    -- Clockwise degrees the player turns the stored picture.
    rotation          INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270)),
    fps               REAL,
    video_codec       TEXT NOT NULL,
    audio_codec       TEXT,
    hdr               INTEGER NOT NULL DEFAULT 0 CHECK (hdr IN (0, 1)),
    has_location      INTEGER NOT NULL DEFAULT 0 CHECK (has_location IN (0, 1)),
    -- Make and model the phone wrote, or NULL.
    device            TEXT,
    imported_at       TEXT NOT NULL,
    source            TEXT NOT NULL CHECK (source IN ('dialog', 'drop', 'watch'))
) STRICT;

CREATE INDEX videos_newest_first ON videos (imported_at DESC, id DESC);

-- The one video of a draft, how it is to be compressed, and the compressed copy once made
-- (`prepared_*` are NULL until then, and cleared when the preset or the video changes).
CREATE TABLE draft_video (
    draft_id          INTEGER PRIMARY KEY REFERENCES drafts (id) ON DELETE CASCADE,
    video_id          INTEGER NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    preset            TEXT NOT NULL DEFAULT 'facebook'
                      CHECK (preset IN ('facebook', 'zalo', 'reels', 'saver', 'original')),
    keep_location     INTEGER NOT NULL DEFAULT 0 CHECK (keep_location IN (0, 1)),
    prepared_path     TEXT,
    prepared_bytes    INTEGER CHECK (prepared_bytes > 0),
    prepared_sha256   TEXT CHECK (prepared_sha256 IS NULL OR length(prepared_sha256) = 64),
    CHECK ((prepared_path IS NULL) = (prepared_bytes IS NULL)
           AND (prepared_path IS NULL) = (prepared_sha256 IS NULL))
) STRICT;

CREATE INDEX draft_video_by_video ON draft_video (video_id);

-- A post carries photos or one video, never both. The core checks first and says so in words;
-- these keep a hand-edited database or a future code path from breaking the rule.
CREATE TRIGGER draft_video_without_photos BEFORE INSERT ON draft_video
WHEN EXISTS (SELECT 1 FROM draft_media WHERE draft_id = NEW.draft_id)
BEGIN
    SELECT RAISE(ABORT, 'a draft has photos or one video');
END;

CREATE TRIGGER draft_photos_without_video BEFORE INSERT ON draft_media
WHEN EXISTS (SELECT 1 FROM draft_video WHERE draft_id = NEW.draft_id)
BEGIN
    SELECT RAISE(ABORT, 'a draft has photos or one video');
END;
