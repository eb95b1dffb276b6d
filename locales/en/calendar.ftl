# Loa — the posting calendar: sections, their occurrences, holidays, empty-slot warnings, the week plan.
# Times in the calendar are always Vietnam time (UTC+7), whatever the computer's time zone.

## Weekdays (weeks start on Monday)

calendar-weekday-mon = Monday
calendar-weekday-tue = Tuesday
calendar-weekday-wed = Wednesday
calendar-weekday-thu = Thursday
calendar-weekday-fri = Friday
calendar-weekday-sat = Saturday
calendar-weekday-sun = Sunday

## The state of an occurrence

calendar-state-empty = No post yet
calendar-state-drafted = Being written
calendar-state-ready = Ready
calendar-state-queued = Queued
calendar-state-published = Published
calendar-state-skipped = Skipped

## Warnings for coming slots without a post

calendar-empty-slot = { $day } { $time } — { $name }: no post yet
calendar-empty-slot-not-ready = { $day } { $time } — { $name }: the post is not ready

## The week plan

calendar-episode = No. { $number }
calendar-week-title = Posting plan, week of { $range }
calendar-week-dates = From { $from } to { $to }
calendar-vietnam-time = Vietnam time (UTC+7)
calendar-lunar-day = Lunar { $day }/{ $month }
calendar-lunar-day-leap = Lunar { $day }/{ $month } (leap month)
calendar-day-off = Day off
calendar-lunar-holiday = Lunar calendar
calendar-anniversary = { $years } years
calendar-moved-from = Moved from { $day } { $date }
calendar-skip-reason = Reason: { $reason }
calendar-nothing-planned = Nothing planned
calendar-more-items = and { $count } more
calendar-plan-summary = { $total } posts this week · { $done } ready or published · { $empty } slots without a ready post
calendar-plan-legend = Legend

## Errors

calendar-error-bad-date = The date “{ $input }” is not valid. Write it as year-month-day, for example 2025-07-29.
calendar-error-bad-time = The time “{ $input }” is not valid. Write it as hours:minutes, for example 19:00.
calendar-error-bad-date-time = “{ $input }” is not a valid date and time. Write it as year-month-dayThours:minutes in Vietnam time, for example 2025-08-01T19:30.
calendar-error-bad-instant = “{ $input }” is not a valid time or has no time zone. Write it in full, for example 2025-07-29T19:00:00+07:00.
calendar-error-bad-weekday = “{ $input }” is not a day of the week. Use mon, tue, wed, thu, fri, sat, sun, separated by commas.
calendar-error-bad-colour = The colour “{ $input }” is not valid. Pick one from the palette, or write it as #RRGGBB, for example #C8102E.
calendar-error-date-out-of-range = { $date } is outside the dates Loa plans for ({ $min } to { $max }). Pick a date within them.
calendar-error-bad-range = The range { $from } to { $to } cannot be used: the first day must not be after the last, and the range must be at most { $max_days } days.
calendar-error-no-such-lunar-date = Lunar year { $year } has no day { $day } of { $leap ->
        [yes] the leap month { $month }
       *[no] month { $month }
    }. Check the lunar day and month.
calendar-error-no-weekdays = A section needs at least one day of the week. Choose the days it is posted on.
calendar-error-bad-count = The number of occurrences must be from 1 to { $max }; { $count } was given.
calendar-error-ends-before-start = The end date ({ $until }) is before the start date ({ $start }). Choose the end date again.
calendar-error-bad-first-episode = The first episode number must be from 1 to { $max }; { $first } was given.
calendar-error-not-an-occurrence = The section has no occurrence on { $date }. Choose a date in the section's schedule.
calendar-error-too-many-edits = This section has been edited more than { $max } times. Create a new section to replace it.

## Holidays and commemoration days

holiday-tet-eve = Lunar New Year's Eve
holiday-tet = Lunar New Year (Tết)
holiday-tet-2 = Tết, second day
holiday-tet-3 = Tết, third day
holiday-lantern = First Full Moon Festival
holiday-hung-kings = Hùng Kings' Commemoration Day
holiday-doan-ngo = Đoan Ngọ Festival
holiday-vu-lan = Vu Lan Festival
holiday-mid-autumn = Mid-Autumn Festival
holiday-kitchen-gods = Kitchen Gods' Day
holiday-new-year = New Year's Day
holiday-party-founding = Founding of the Communist Party of Vietnam
holiday-physicians-day = Vietnamese Physicians' Day
holiday-womens-day = International Women's Day
holiday-youth-union = Founding of the Ho Chi Minh Communist Youth Union
holiday-reunification = Reunification Day
holiday-labour-day = International Workers' Day
holiday-dien-bien-phu = Điện Biên Phủ Victory Day
holiday-ho-chi-minh-birthday = President Hồ Chí Minh's Birthday
holiday-childrens-day = International Children's Day
holiday-family-day = Vietnamese Family Day
holiday-war-invalids-martyrs = War Invalids and Martyrs' Day
holiday-august-revolution = August Revolution Day
holiday-national-day = National Day
holiday-capital-liberation = Capital Liberation Day
holiday-vietnamese-womens-day = Vietnamese Women's Day
holiday-teachers-day = Vietnamese Teachers' Day
holiday-culture-day = Vietnam Culture Day
holiday-army-day = Founding of the Vietnam People's Army
