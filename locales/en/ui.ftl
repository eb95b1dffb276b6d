# Loa interface — English

ui-app-name = Loa
ui-app-tagline = Posts for commune and ward information pages

ui-lang-switch = Tiếng Việt
ui-lang-switch-title = Switch the interface to Vietnamese

ui-draft-new = New draft
ui-draft-list-heading = Drafts
ui-draft-list-empty = No drafts yet. Click “New draft” to start.
ui-draft-untitled = (Untitled)
ui-draft-delete = Move to trash

ui-trash-show = Trash
ui-trash-hide = Hide trash
ui-trash-heading = Trash
ui-trash-empty = The trash is empty.
ui-trash-restore = Restore
ui-trash-deleted-at = Deleted { $time }

ui-editor-empty = Pick a draft on the left or create a new one.
ui-loading = Loading…

ui-field-title = Title
ui-field-title-placeholder = Type the title of the post
ui-field-body = Text
ui-field-body-placeholder = Type the text of the post. Line breaks, links and #hashtags are kept as typed.
ui-field-lang = Post language
ui-field-topic = Topic
ui-field-status = Status

ui-save-idle = No changes
ui-save-saving = Saving…
ui-save-saved = Saved
ui-save-error = Not saved: { $reason } Your text is kept; Loa will try again when you keep editing.

ui-char-count = { $count } / { $limit }
ui-char-count-title = Characters in the text against the limit of one Facebook post
ui-char-over = { $over } characters over Facebook's limit

ui-revisions-heading = Revision history
ui-revisions-empty = No earlier versions yet.
ui-revision-restore = Restore this version
ui-revision-confirm = Restore the version from { $time }? The current text stays in the history.
ui-revision-confirm-yes = Restore
ui-revision-confirm-no = Cancel
ui-revision-chars = { $count } characters

ui-error-unexpected = Something unexpected went wrong. The text you typed is still on screen.
ui-error-dismiss = Dismiss

ui-search-label = Search drafts
ui-search-placeholder = Search drafts (with or without diacritics)…
ui-search-results-label = Search results
ui-search-none = No draft contains “{ $query }”.

ui-legacy-region = Convert legacy Vietnamese font text to Unicode
ui-legacy-offer-body = The text you pasted looks like it was typed in a { $encoding } font — convert it to Unicode?
ui-legacy-offer-title = The title you pasted looks like it was typed in a { $encoding } font — convert it to Unicode?
ui-legacy-preview = Converted:
ui-legacy-accept = Convert to Unicode
ui-legacy-dismiss = Keep as is

ui-checks-heading = Checks before posting
ui-checks-running = Checking…
ui-checks-none = No problems found.
ui-checks-count-block = { $count } to fix
ui-checks-count-warn = { $count ->
    [one] { $count } warning
   *[other] { $count } warnings
}
ui-checks-block = Fix
ui-checks-warn = Note
ui-checks-field-photo = Photo { $number }
ui-checks-field-schedule = Schedule
ui-checks-field-post = Post
ui-checks-select = Show in the text
ui-checks-override = Publish anyway…
ui-checks-override-reason = Why publish despite this finding
ui-checks-override-placeholder = E.g. the commune office hotline, which may be public
ui-checks-override-confirm = Record reason
ui-checks-override-cancel = Cancel
ui-checks-mask = Hide the number (keep the last 3 digits)
ui-checks-override-example-citizen-id = For example: the person agreed to publish it; the consent is kept at the commune office
ui-checks-override-example-old-id-number = For example: the number belongs to an organisation, not a person
ui-checks-override-example-facebook-text-too-long = For example: a legal text that must be published in full
ui-checks-override-example-facebook-too-many-photos = For example: a photo story that needs all these photos
ui-checks-override-example-facebook-photo-too-large = For example: a map that must stay sharp enough to read the village names
ui-checks-override-example-zalo-title-too-long = For example: the document's full name must be kept; Zalo may cut it
ui-checks-override-example-zalo-description-too-long = For example: the first paragraph is a quotation that must stay whole
ui-checks-override-example-schedule-outside-window = For example: the post only goes to the commune website, not Facebook
ui-checks-override-example-legacy-encoding = For example: checked again, the letters show correctly
ui-checks-override-example-empty-post = For example: a photo-only post that needs no text
ui-checks-overridden = Publishing anyway because: { $reason }
ui-checks-queue-blocked = This draft cannot be queued yet: fix the red findings below, or give a reason to publish anyway.
ui-checks-queue-retry = Every blocking finding now has a reason. You can set the status to “Queued” again.

## Photos: library, watch folders, ready to post
ui-nav-drafts = Drafts
ui-nav-media = Photos
ui-nav-title = Switch between drafts and the photo library
ui-media-heading = Photo library
ui-media-import = Add photos, videos…
ui-media-import-filter = JPEG, PNG, WebP photos and MP4, MOV, 3GP, WebM videos
ui-media-importing = Adding photos…
ui-media-select-all = Select all
ui-media-clear-selection = Clear selection
ui-media-selected = { $count } selected
ui-media-empty = No photos or videos yet. Click “Add photos, videos…”, drop files here, or add a watch folder.
ui-media-drop-here = Drop photos here to add them to the library
ui-media-location = Location
ui-media-location-title = This photo carries a GPS position. The copies prepared for posting leave it out.
ui-media-preview-only = The photo library is only available in the Loa desktop app.
ui-media-folders-heading = Watch folders
ui-media-folders-empty = No watched folders. Photos copied into a watched folder join the library by themselves.
ui-media-folder-add = Add folder…
ui-media-folder-remove = Stop watching
ui-media-prepare-heading = Prepare for posting
ui-media-preset = Destination
ui-media-preset-facebook = Facebook (2048 px)
ui-media-preset-zalo = Zalo (1280 px)
ui-media-preset-web = Electronic information page (1600 px)
ui-media-preset-print = Print (full size)
ui-media-use-watermark = Watermark the photos
ui-media-watermark-text = Watermark text
ui-media-watermark-text-placeholder = e.g. Mường Tè Commune People's Committee
ui-media-watermark-logo = Logo (PNG, used instead of the text)
ui-media-watermark-logo-pick = Choose logo…
ui-media-watermark-logo-clear = Remove logo
ui-media-watermark-logo-none = No logo
ui-media-watermark-logo-filter = PNG images
ui-media-watermark-position = Position
ui-media-position-br = Bottom right
ui-media-position-bl = Bottom left
ui-media-position-tr = Top right
ui-media-position-tl = Top left
ui-media-position-center = Centre
ui-media-watermark-opacity = Opacity: { $percent }%
ui-media-preview = Preview
ui-media-preview-empty = Select a photo to preview the watermark.
ui-media-attach = Add selected photos to the draft
ui-media-attach-to = { $count ->
    [one] Add 1 photo to “{ $title }”
   *[other] Add { $count } photos to “{ $title }”
}
ui-media-attach-new = { $count ->
    [one] Add 1 photo to a new post
   *[other] Add { $count } photos to a new post
}
ui-draft-images-heading = Photos of the post ({ $count })
ui-draft-images-empty = No photos yet. Open “Photos” at the top to choose some.
ui-draft-images-alt = Description of photo { $n } (for blind readers)
ui-draft-images-alt-placeholder = What the photo shows, and where
ui-draft-images-up = Move up
ui-draft-images-down = Move down
ui-draft-images-remove = Remove from the post
ui-media-prepare = Prepare photos for posting
ui-media-prepare-cancel = Stop
ui-media-progress = { $done } of { $total } photos done
ui-media-result-ok = Photo { $n }: done, { $width }×{ $height }, { $size } KB
ui-media-result-failed = Photo { $n }: failed. { $message }

ui-media-skipped-heading = Files not taken
ui-media-skipped-clear = Hide the list
