-- Infographic templates. Each template is stored whole: its manifest and every file it needs to
-- render (its own folder and the shared files of its pack, such as lib.typ), so a template never
-- depends on another row and can be upgraded, imported or exported on its own.
CREATE TABLE templates (
    id              TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
    version         INTEGER NOT NULL CHECK (version >= 1),
    -- builtin: seeded from the pack shipped with Loa and upgraded with it;
    -- user: made or edited by the officer; imported: from a pack file. Seeding never touches
    -- user or imported templates.
    origin          TEXT NOT NULL CHECK (origin IN ('builtin', 'user', 'imported')),
    pack_id         TEXT NOT NULL,
    pack_version    INTEGER NOT NULL CHECK (pack_version >= 1),
    -- The template's place in its pack's list, so the built-in pack keeps its author's order.
    position        INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0),
    category        TEXT NOT NULL,
    -- The template.json as parsed (JSON), for listing without reading the files.
    manifest        TEXT NOT NULL CHECK (json_valid(manifest)),
    -- SHA-256 of the template's files, to tell a changed template from an unchanged one.
    files_sha256    TEXT NOT NULL CHECK (length(files_sha256) = 64),
    updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX templates_in_order ON templates (pack_id, position, id);

-- The files of a template, by path inside its pack (pack.json, lib.typ, <id>/layout.typ, …).
CREATE TABLE template_files (
    template_id     TEXT NOT NULL REFERENCES templates (id) ON DELETE CASCADE,
    path            TEXT NOT NULL CHECK (length(path) BETWEEN 1 AND 512),
    bytes           BLOB NOT NULL,
    PRIMARY KEY (template_id, path)
) STRICT, WITHOUT ROWID;
