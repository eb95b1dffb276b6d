caption =
    ⚠️ FLASH FLOOD AND LANDSLIDE WARNING
    { $title }
    🔴 Disaster risk: { $level }

    { $commune } informs residents:
    ⏰ Period: { $period }
    📍 Villages at high risk:
    { $villages }

    🏫 Evacuation point: { $shelter }

    📢 Please:
    { $advice }

    ☎️ If a landslide or flash flood happens, or you need urgent help, tell your village head or the commune office at once, or call { $hotline }.
    Village heads: please announce this on the loudspeakers and pass it on to every household.

    #FlashFlood #Landslide #DisasterPreparedness
label-kicker = Flash flood and landslide warning
label-level-short = Disaster risk
label-period = Period
label-villages = Villages at high risk
label-shelter = Evacuation point
label-advice = What to do
label-source = Source
label-issued = Issued
