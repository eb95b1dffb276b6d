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
