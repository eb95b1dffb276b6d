# Loa — sections and the posting calendar: the core's, the command line's and the app's words (not the loa-calendar library's).

## Sections and the calendar in Loa (window, command line)

# The title of the draft made for an occurrence of a section.
series-fill-title = { $name } – No. { $episode }
series-added = Section { $id } created: { $name }.
series-saved = Section { $id } saved: { $name }.
series-deleted = Section { $id } deleted. The drafts written for it are kept.
series-none = No sections yet. Create one with: loa series add
series-line = { $id }. { $name } — { $days }, at { $time } (Vietnam time), from { $from }{ $end }
series-end-until = , until { $until }
series-end-count = , { $count } episodes
series-skipped = The { $date } occurrence of “{ $name }” is skipped.
series-unskipped = The { $date } occurrence of “{ $name }” is back on schedule.
series-moved = The { $date } occurrence of “{ $name }” moved to { $to } (Vietnam time).
series-filled = Draft { $id } “{ $title }” written for the { $date } occurrence.
series-draft-planned = Draft { $id } planned on { $date } { $time }.
series-draft-unplanned = Draft { $id } is no longer planned on a day.
calendar-kind-occurrence = Occurrence
calendar-kind-draft = Planned draft
calendar-kind-post = Post
calendar-kind-holiday = Holiday
calendar-all-day = all day
calendar-nothing = Nothing in the calendar from { $from } to { $to }.
calendar-empty-slots = Coming occurrences without a ready draft:
calendar-saved = “{ $title }” saved to { $path }.
calendar-times-note = Times in the calendar are Vietnam time (UTC+7).
## Errors

error-calendar = The calendar cannot use this value ({ $code }).
error-series-not-found = Section { $id } was not found. List the sections with: loa series list
error-queue-needs-channel = Draft { $id } fills no occurrence of a section, so Loa does not know which channel to post it to. Choose a channel (--channel).
