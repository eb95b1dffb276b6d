## Reports (window)

ui-nav-reports = Reports
ui-reports-title = Publication report
ui-reports-period = Period
ui-reports-kind-month = Month
ui-reports-kind-quarter = Quarter
ui-reports-kind-year = Year
ui-reports-kind-range = From – to
ui-reports-month = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}
ui-reports-quarter = Q{ $quarter }
ui-reports-year = Year
ui-reports-year-value = { $year }
ui-reports-from = From
ui-reports-to = to
ui-reports-period-dates = From { $from } to { $to }
ui-reports-loading = Making the report…
ui-reports-refresh = Refresh reach
ui-reports-refresh-starting = Connecting to Facebook…
ui-reports-refreshing = Reading { $channel }: { $done }/{ $total }
ui-reports-refresh-done = { $channel }: { $readings } figures updated.
ui-reports-refresh-throttled = { $channel }: Facebook asked to slow down; { $readings } figures kept, refresh again later.
ui-reports-refresh-needs-reconnect = { $channel }: reconnect the Facebook Page under Channels; { $readings } figures kept.
ui-reports-refresh-offline = { $channel }: no connection; { $readings } figures kept. Refresh again when online.
ui-reports-refresh-missing-credentials = { $channel }: the Page has no access token yet; connect it under Channels.
ui-reports-refresh-failed = { $channel }: not every figure could be read ({ $readings } kept). Try again later.
ui-reports-refresh-none = There is no Facebook Page to read reach from yet. Add a Facebook channel first.
ui-reports-not-available-list = Facebook no longer gives: { $metrics }.
ui-reports-export-pdf = Export PDF
ui-reports-export-xlsx = Export Excel
ui-reports-exporting = Exporting…
ui-reports-filter-pdf = PDF file
ui-reports-filter-xlsx = Excel workbook
ui-reports-saved = The report was saved to { $path }.
ui-reports-total = Posts published
ui-reports-photos = Photos
ui-reports-videos = Videos
ui-reports-infographics = Infographics
ui-reports-alerts = Disaster alerts
ui-reports-pending = Waiting to go out
ui-reports-failed = Failed
ui-reports-by-channel = By channel
ui-reports-no-channels = No channel yet.
ui-reports-chart-weeks = Posts per week
ui-reports-chart-months = Posts per month
ui-reports-topics = By topic
ui-reports-nothing-published = Nothing was published in this period.
ui-reports-reach = Reach on Facebook
ui-reports-reach-read-at = Facebook figures read at { $time }.
ui-reports-reach-never = No figures from Facebook yet. When online, press “Refresh reach”.
ui-reports-reach-other-channels = Reach on Zalo OA and on the commune website cannot be read in Loa yet.
ui-reports-posts = Posts published ({ $count })
