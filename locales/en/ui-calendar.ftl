# Loa — the posting calendar: week, month, sections, empty slots.
# Times in the calendar are always Vietnam time (UTC+7). Day names, states and holidays come from calendar.ftl.

ui-nav-calendar = Calendar

ui-calendar-title = Posting calendar
ui-calendar-nav = Change week or month
ui-calendar-prev-week = Previous week
ui-calendar-next-week = Next week
ui-calendar-prev-month = Previous month
ui-calendar-next-month = Next month
ui-calendar-today = Today
ui-calendar-week-of = Week { $range }
ui-calendar-month-of = { $month }/{ $year }
ui-calendar-show-month = Show the month
ui-calendar-show-week = Show the week
ui-calendar-vietnam-time = Times in the calendar are Vietnam time (UTC+7), whatever time zone this computer uses.
ui-calendar-vietnam-time-short = Vietnam time (UTC+7)
ui-calendar-open-day = See and change this day
ui-calendar-dismiss = Dismiss
ui-calendar-close = Close
ui-calendar-cancel = Cancel
ui-calendar-untitled = (No title yet)
ui-calendar-date-placeholder = dd/mm/yyyy
ui-calendar-date-invalid = Not a date (dd/mm/yyyy)

## Short day names (section list)

ui-calendar-weekday-short-mon = Mon
ui-calendar-weekday-short-tue = Tue
ui-calendar-weekday-short-wed = Wed
ui-calendar-weekday-short-thu = Thu
ui-calendar-weekday-short-fri = Fri
ui-calendar-weekday-short-sat = Sat
ui-calendar-weekday-short-sun = Sun

## Items of a day

ui-calendar-lunar-short = Lunar
ui-calendar-moved = moved
ui-calendar-moved-from = This episode was planned for { $date } and was moved here.
ui-calendar-planned-draft = Planned post
ui-calendar-linked-draft = This episode's post: { $title }
ui-calendar-day-empty = Nothing on this day yet.

## Actions on an episode

ui-calendar-fill = Write this episode's post
ui-calendar-open-draft = Open the post
ui-calendar-skip = Skip this episode
ui-calendar-skip-reason = Reason for skipping (optional)
ui-calendar-skip-reason-placeholder = For example: falls on a public holiday
ui-calendar-unskip = Bring this episode back
ui-calendar-move-day = Move to
ui-calendar-move-time = Time (hh:mm)
ui-calendar-move = Move
ui-calendar-unplan = Take off the calendar

## Planning a post

ui-calendar-plan-here = Plan a post on this day
ui-calendar-plan-which = Post
ui-calendar-plan-pick = Choose a post…
ui-calendar-plan-time = Time (optional)
ui-calendar-plan = Plan
ui-calendar-unplanned-title = Posts not planned yet
ui-calendar-unplanned-help = Drag a post onto the day it should go out. With the keyboard: pick the day and press Enter.
ui-calendar-unplanned-drag = Drag onto a day to plan it; click to open it
ui-calendar-no-unplanned = No post is waiting to be planned.
ui-calendar-drop-on = { $what } → { $date }

## Episodes coming up without a post

ui-calendar-empty-slots-title = { $count ->
    [one] One episode is due within 48 hours without a ready post:
   *[other] { $count } episodes are due within 48 hours without a ready post:
}
ui-calendar-empty-slot-fill = Write it

## Saving the week's plan

ui-calendar-export-png = Save as picture
ui-calendar-export-pdf = Save as PDF
ui-calendar-exporting = Saving…
ui-calendar-export-saved = The week's plan was saved to { $path }. You can send this file to your leader over Zalo.
ui-calendar-filter-png = PNG picture
ui-calendar-filter-pdf = PDF document

## Sections

ui-calendar-series-title = Sections
ui-calendar-series-none = No section yet. Press “New section” to make one.
ui-calendar-series-new = New section
ui-calendar-series-edit = Edit
ui-calendar-series-delete = Delete
ui-calendar-series-delete-confirm = Delete this section
ui-calendar-series-schedule = { $days } · { $time }
ui-calendar-series-new-title = New section
ui-calendar-series-edit-title = Edit the section
ui-calendar-series-edit-note = Changes apply to episodes from now on; past episodes stay as they were.
ui-calendar-series-name = Section name
ui-calendar-series-name-en = English name (optional)
ui-calendar-series-weekdays = Posts on
ui-calendar-series-time = Time (Vietnam time)
ui-calendar-series-from = Starts on
ui-calendar-series-end = Ends
ui-calendar-series-end-never = No end date
ui-calendar-series-end-until = On
ui-calendar-series-end-count = After
ui-calendar-series-end-count-unit = episodes
ui-calendar-series-channels = Posts to these channels
ui-calendar-series-no-channels = No channel yet. You can add channels in Settings and choose them later.
ui-calendar-series-template = Template (optional)
ui-calendar-series-no-template = No template
ui-calendar-series-defaults = Filled in for every episode
ui-calendar-series-defaults-help = Fields left empty are filled when the post is written. Write { "{episode}" } where the episode number goes.
ui-calendar-series-colour = Section colour
ui-calendar-series-colour-auto = Loa picks one
ui-calendar-series-colour-n = Colour { $n }
ui-calendar-series-save = Save the section

ui-calendar-need-name = Give the section a name.
ui-calendar-need-weekday = Choose at least one day of the week.
ui-calendar-need-time = Write the time as hours:minutes, for example 19:00.
ui-calendar-need-start = Choose the start date.
ui-calendar-need-until = Choose an end date that is not before the start date.
ui-calendar-need-count = Write the number of episodes, from 1 to 9999.
