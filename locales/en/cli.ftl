# Loa — the `loa` command line.

cli-untitled = (untitled)
cli-no-drafts = No drafts yet.
cli-imported = Imported { $file } → draft { $id }
cli-skipped = Skipped { $file }: { $reason }
cli-import-summary = Imported { $imported } files, skipped { $skipped }.
cli-field-title = Title
cli-field-lang = Language
cli-field-topic = Topic
cli-field-status = Status
cli-field-created = Created
cli-field-updated = Updated
