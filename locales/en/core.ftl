# Loa — messages shared by the app and the command line (topics, statuses, errors).

## Post topics

topic-policy_law = Policy and law
topic-weather_disaster = Weather and disasters
topic-health = Health
topic-admin_procedure = Administrative procedures
topic-security_scam = Security and scam warnings
topic-culture_tourism = Culture and tourism
topic-economy_products = Economy and local products
topic-good_deeds = Good people, good deeds
topic-other = Other

## Draft status

status-draft = Draft
status-ready = Ready
status-queued = Queued
status-published = Published
status-archived = Archived

## Languages

lang-vi = Tiếng Việt
lang-en = English

## Errors

error-draft-not-found = Draft { $id } was not found.
error-revision-not-found = Version { $revision } of draft { $id } was not found.
error-draft-in-trash = Draft { $id } is in the trash. Restore it before editing.
error-published-by-hand = Only Loa marks a post “Published”, once it is really on the page. To publish this post, press “Publish…”. If it was posted some other way, open Waiting posts and press “Mark as published” on it.
error-open-with-system = Loa could not open “{ $target }” on this computer. Open that folder or address yourself.
error-nothing-to-open = This post has no address on the page yet. Wait until it is published.
error-data-dir = Cannot use the data folder { $path } ({ $detail }). Check that it is writable and the disk is not full.
error-database = Loa could not read or write its data ({ $detail }). Close Loa and open it again; if it happens again, tell support.
error-database-read-only = Loa cannot write to its data folder (the folder or the disk is read-only). Check that the folder is writable, or copy the profile to a place that is.
error-disk-full = The disk is full, so Loa could not save. Delete files you do not need and try again; the last change was not saved.
error-database-corrupt = The data file loa.db is damaged and Loa cannot read it. Do not delete it; restore the latest backup or tell support.
error-database-too-new = This data was created by a newer version of Loa. Update Loa to open it.
error-migration = Could not upgrade the database ({ $detail }). The old data is intact.
error-invalid-value = “{ $value }” is not a valid { $field ->
        [topic] topic
        [status] status
        [lang] language
       *[other] { $field }
    }. Valid values: { $allowed }.
error-read-file = Cannot read { $path } ({ $detail }).
error-write-file = Could not save { $path }. Choose another folder, or check that the disk has free space, and try again.
error-file-not-utf8 = { $path } is not UTF-8 text. If it was typed in a TCVN3 (ABC) or VNI font, open the file, copy the text and paste it into a draft (Loa offers to convert it to Unicode), or save the file again as Unicode.
error-file-empty = { $path } is empty.
error-file-unsupported = { $path } is not a .txt, .md, .rtf or .docx file.
error-internal = Something unexpected went wrong ({ $detail }). Your text is still on screen.
error-file-unreadable = Cannot read the text of { $path } ({ $detail }). The file may be damaged; open it in Word and save it again.
error-checks-block = This post cannot be published yet: { $count } findings to fix first (see “Checks before publishing”). Fix them, or give a reason to publish anyway.
error-override-needs-reason = Give a reason for publishing despite this finding.
error-media-not-found = Photo { $id } is not in the photo library.
error-media-unsupported = { $path } is a { $format } photo, which Loa cannot read yet. Set the phone camera to JPEG (on an iPhone: Settings › Camera › Formats › Most Compatible), or export the photo as JPEG, then try again.
error-media-not-a-photo = { $path } is not a JPEG, PNG or WebP photo.
error-media-unreadable = The photo { $path } is damaged and cannot be read ({ $detail }). Copy it from the phone again.
error-media-store = Cannot save the photo into the library ({ $path }: { $detail }). Check that the disk is not full.
error-media-not-attached = Photo { $media } is not in draft { $id }.
error-folder-not-found = The folder { $path } was not found. Pick the folder again (a memory card or USB stick may have been removed).
error-watch-folder-not-found = Watch folder { $id } was not found.
error-watch = Cannot watch photo folders ({ $detail }). Photos can still be added by picking the files.
error-watermark-logo = The logo { $path } cannot be used ({ $detail }). The logo must be a PNG image at most 4096 pixels on each side.
error-media-process = Photo { $id } could not be prepared for posting.
