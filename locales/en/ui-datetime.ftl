# Loa — date and time fields: always day/month/year and a 24-hour clock, whatever the computer's settings.

ui-datetime-pattern-date = day/month/year
ui-datetime-pattern-time = hour:minute
ui-datetime-pattern-datetime = day/month/year hour:minute
ui-datetime-unreadable = Loa cannot read this date or time. Write it as { $pattern }, for example 07/12/2026 19:30.

## When, as people say it

ui-ago-now = just now
ui-ago-minutes = { $count ->
    [one] 1 minute ago
   *[other] { $count } minutes ago
}
ui-ago-hours = { $count ->
    [one] 1 hour ago
   *[other] { $count } hours ago
}
ui-ago-yesterday = yesterday at { $time }
ui-ago-date = { $date }
ui-revision-current = current
