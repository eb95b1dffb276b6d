-- The video of an outbox row (a post has photos or one video), as a snapshot under
-- <profile>/outbox/files/, and where its resumable upload stands. After every chunk the platform
-- accepted, the session and the offsets it answered are written here in their own transaction,
-- so a dropped link, a sleeping laptop or a killed process resumes from the platform's offset,
-- never from zero.
CREATE TABLE outbox_video (
    outbox_id           INTEGER PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
    path                TEXT NOT NULL,
    size                INTEGER NOT NULL CHECK (size > 0),
    sha256              TEXT NOT NULL CHECK (length(sha256) = 64),
    -- The compression preset it was prepared with (facebook, zalo, reels, saver, original).
    preset              TEXT NOT NULL,
    -- Facebook: the upload session and the video it creates; NULL before `start` (and again
    -- after a session expired).
    upload_session_id   TEXT,
    video_id            TEXT,
    session_started_at  TEXT,
    -- The next chunk the platform asks for: [start_offset, end_offset).
    start_offset        INTEGER NOT NULL DEFAULT 0 CHECK (start_offset >= 0),
    end_offset          INTEGER CHECK (end_offset IS NULL OR end_offset >= start_offset),
    -- The chunk size the link last supported (adapts to the link, kept across restarts).
    chunk_bytes         INTEGER CHECK (chunk_bytes IS NULL OR chunk_bytes > 0),
    -- Every body byte put on the wire for this video, cut chunks included.
    bytes_sent          INTEGER NOT NULL DEFAULT 0 CHECK (bytes_sent >= 0),
    -- Set once every byte is on the platform (Facebook: the video id; WordPress: the media id).
    remote_id           TEXT,
    remote_url          TEXT,
    uploaded_at         TEXT
) STRICT;

-- A post has photos or one video, never both.
CREATE TRIGGER outbox_video_without_photos BEFORE INSERT ON outbox_video
WHEN EXISTS (SELECT 1 FROM outbox_media WHERE outbox_id = NEW.outbox_id)
BEGIN
    SELECT RAISE(ABORT, 'an outbox row has photos or one video');
END;

CREATE TRIGGER outbox_photos_without_video BEFORE INSERT ON outbox_media
WHEN EXISTS (SELECT 1 FROM outbox_video WHERE outbox_id = NEW.outbox_id)
BEGIN
    SELECT RAISE(ABORT, 'an outbox row has photos or one video');
END;
