caption =
    ⚠️ HEAVY RAIN WARNING
    { $title }
    🔴 Disaster risk: { $level }

    { $commune } informs all residents:
    ⏰ Period: { $period }
    🌧️ Rainfall: { $rainfall }
    📍 Areas at risk:
    { $areas }

    📢 Please:
    { $advice }

    ☎️ In an emergency, tell your village head or the commune office at once, or call { $hotline }.
    Please share this post so that everyone can prepare in time.

    #HeavyRain #DisasterPreparedness #StaySafe
label-kicker = Heavy rain warning
label-level-short = Disaster risk
label-period = Period
label-rainfall = Rainfall
label-areas = Affected areas
label-advice = What to do
label-source = Source
label-issued = Issued
