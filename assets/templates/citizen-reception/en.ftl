caption =
    📢 NOTICE: { $title }

    { $intro }

    🗓️ Reception hours:
    { $schedule }

    { $note }

    Residents who wish to raise a matter are welcome at the times and places above.
    { $commune }

    #CitizenReception #PublicService
label-kicker = Citizen reception
label-day = Day
label-time = Time
label-host = Received by
label-place = Place
label-note = Note
