-- Full-text search over drafts. The index holds no text of its own (contentless): the core writes
-- two forms of each draft into it, computed in Rust (search::fold):
--   *_f  folded: lower case, no diacritics, đ -> d  ("Lũ quét ở Điện Biên" -> "lu quet o dien bien")
--   *_e  exact:  lower case NFC, accents kept      (so an accented query ranks exact matches first)
-- SQLite's own remove_diacritics does not fold đ, hence the folding in Rust.
CREATE VIRTUAL TABLE search_index USING fts5(
    title_f, body_f, extra_f, title_e, body_e,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3'
);

-- The titles alone, so "all the words in the title" (the first tier of results) walks short
-- posting lists instead of the whole text's.
CREATE VIRTUAL TABLE search_title USING fts5(
    title_f, title_e,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3'
);

-- Lets a search filter and join on drafts without reading their (large) bodies.
CREATE INDEX drafts_search_filter ON drafts (id, deleted_at, status, topic, updated_at);
