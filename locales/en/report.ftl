# Loa — reports for superiors (the PDF report, the XLSX workbook, errors while making a report).

## Letterhead (the layout of Decree 30/2020/ND-CP)

report-nation = SOCIALIST REPUBLIC OF VIETNAM
report-motto = Independence - Freedom - Happiness
report-agency-line1 = PEOPLE'S COMMITTEE
report-agency-line2 = { $kind ->
        [ward] OF { $commune } WARD
        [special_zone] OF { $commune } SPECIAL ZONE
       *[commune] OF { $commune } COMMUNE
    }
report-number-prefix = No.:
report-number-suffix = /BC-UBND
report-place-date = { $place }, { $day_plain } { $month_name } { $year }
report-kind = REPORT
report-subject = Results of information and communication on social networks, { $period }
report-period-dates = (From { $from } to { $to })

## Reporting period

report-period-month = { $month_name } { $year }
report-period-quarter = quarter { $quarter } of { $year }
report-period-year = year { $year }
report-period-range = { $from } to { $to }
report-date = { $day }/{ $month }/{ $year }
report-date-time = { $hour }:{ $minute } on { $day }/{ $month }/{ $year }
report-month-name = { $month ->
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
report-month-short = { $month ->
        [1] Jan
        [2] Feb
        [3] Mar
        [4] Apr
        [5] May
        [6] Jun
        [7] Jul
        [8] Aug
        [9] Sep
        [10] Oct
        [11] Nov
       *[12] Dec
    }

## Body

report-intro = The People's Committee of { $commune } commune reports the results of its information and communication work on social networks and on the commune's website for { $period } as follows:
report-section-results = I. RESULTS
report-published-title = 1. Posts published
report-published-text = Posts published: { $count } (each post counted once, however many channels it went to). Posts per channel:
report-published-total = Posts published: { $count }.
report-topics-title = 2. Posts by topic
report-topics-none = No post was published in this period.
report-series-title = 3. Recurring sections
report-series-none = No recurring section was planned in this period.
report-media-title = 4. Photos, videos, infographics
report-media-text = The published posts used { $photos } { $photos_n ->
        [one] photo
       *[other] photos
    }, { $videos } { $videos_n ->
        [one] video
       *[other] videos
    } and { $infographics } { $infographics_n ->
        [one] infographic
       *[other] infographics
    }.
report-alerts-title = 5. Weather and disaster alerts
report-alerts-none = No weather or disaster alert was published in this period.
report-alerts-text = { $count } weather and disaster { $count_n ->
        [one] alert was
       *[other] alerts were
    } published; on average { $minutes } { $minutes_n ->
        [one] minute
       *[other] minutes
    } passed from drafting to first publication.
report-alerts-text-unknown = { $count } weather and disaster { $count_n ->
        [one] alert was
       *[other] alerts were
    } published; the time from drafting is not known.
report-reach-title = 6. Reach on the Facebook Page
report-reach-read = Figures given by Facebook, read at { $time }. Facebook counts its own days, which may differ from Vietnam time by a few hours.
report-reach-other-channels = Reach on the Zalo OA and the commune website: Loa cannot read these figures yet, which does not mean they are zero.
report-reach-never = No Facebook figures for this period yet. When online, press “Refresh reach” and make the report again.
report-chart-title-weeks = 7. Posts per week
report-chart-title-months = 7. Posts per month
report-section-issues = II. OUTSTANDING ISSUES
report-issues-text = When this report was made, { $pending } { $pending_n ->
        [one] post was
       *[other] posts were
    } still waiting to be published and { $failed } { $failed_n ->
        [one] post had
       *[other] posts had
    } failed and need the officer to check and publish them again.
report-issues-unconfirmed = { $count } { $count_n ->
        [one] post
       *[other] posts
    } could not be confirmed as published; open the page to check.
report-issues-none = No post is waiting to be published or has failed.
report-section-posts = III. LIST OF PUBLISHED POSTS
report-posts-none = No post was published in this period.

## Tables

report-col-no = No.
report-col-channel = Channel
report-col-count = Posts
report-col-topic = Topic
report-col-series = Section
report-col-planned = Planned
report-col-published = Published
report-col-on-time = On time
report-col-title = Title
report-col-published-at = Published at
report-col-minutes = Minutes from drafting
report-col-metric = Measure
report-col-value = Figure
report-col-date = Date
report-col-channels = Channels
report-col-links = Links
report-col-week = Week
report-col-month = Month
report-col-total = Total
report-total = Total
report-not-available = Not available
report-unknown = Unknown

## Reach measures

report-metric-page_media_view = Views of the Page's content
report-metric-page_post_engagements = Engagements with posts
report-metric-page_views_total = Visits to the Page
report-metric-page_daily_follows_unique = New followers
report-metric-post_media_view = Views of this period's posts
report-metric-post_total_media_view_unique = People who saw the posts (added up per post)
report-metric-post_reactions_by_type_total = Reactions to the posts
report-metric-post_clicks = Clicks on the posts
report-metric-followers_start = Page followers at the start
report-metric-followers_end = Page followers at the end
report-metric-other = Other Facebook measure ({ $metric })

## Recipients and signature

report-recipients-title = Recipients:
report-recipient-party = Standing Committee of the commune Party Committee (for information);
report-recipient-council = Standing Committee of the commune People's Council (for information);
report-recipient-leaders = Chairperson and Vice-Chairpersons of the commune People's Committee;
report-recipient-archive = Archive: Records office.
report-signer-authority = ON BEHALF OF THE PEOPLE'S COMMITTEE
report-signer-title = CHAIRPERSON

## Workbook

report-sheet-summary = Summary
report-sheet-posts = Posts
report-sheet-weeks = By week
report-xlsx-title = Report on information and communication on social networks
report-xlsx-period = Period
report-xlsx-generated = Made at
report-xlsx-published = Posts published
report-xlsx-by-channel = By channel
report-xlsx-by-topic = By topic
report-xlsx-by-series = Recurring sections (planned / published / on time)
report-xlsx-photos = Photos
report-xlsx-videos = Videos
report-xlsx-infographics = Infographics
report-xlsx-alerts = Weather and disaster alerts
report-xlsx-alert-minutes = Average minutes from drafting to publication
report-xlsx-pending = Posts waiting to be published
report-xlsx-failed = Posts that failed
report-xlsx-unconfirmed = Posts not confirmed as published
report-xlsx-reach = Reach on Facebook
report-xlsx-reach-read = Facebook figures read at

## Errors

error-report = The report could not be made. Check the period and try again.
report-error-bad-period = “{ $value }” is not a valid report period. Choose a month (for example 2026-01), a quarter, a year, or two dates as year-month-day.
report-error-period-reversed = The end date ({ $to }) comes before the start date ({ $from }). Choose the period again.
report-error-period-too-long = The period is { $days } days long, more than { $max }. Choose a shorter period.
report-error-render = Could not make the report's PDF ({ $detail }). The figures are intact; try again or export the workbook.
report-error-xlsx = Could not make the report's workbook ({ $detail }). Try again or export the PDF.

## Command line (loa report, loa insights refresh)

report-cli-saved = The report was saved to { $path }.
report-cli-reading = Reading { $channel }'s figures on Facebook…
report-cli-no-facebook = There is no Facebook Page to read reach from yet. Add a Facebook channel first.
report-cli-refresh-done = { $channel }: { $readings } figures read ({ $posts } posts).
report-cli-refresh-throttled = { $channel }: Facebook asked to slow down; { $readings } figures read, read the rest after { $until }.
report-cli-refresh-needs-reconnect = { $channel }: the Facebook Page must be reconnected; { $readings } figures read.
report-cli-refresh-offline = { $channel }: no connection; { $readings } figures read. Read again when online.
report-cli-refresh-failed = { $channel }: not every figure could be read ({ $readings } figures read).
report-cli-not-available = Facebook no longer gives: { $metrics }.
