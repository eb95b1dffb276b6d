caption =
    🔌 NOTICE: planned { $kind } cut
    { $title }

    { $provider } will cut the { $kind } supply:
    ⏰ From: { $from }
    ⏰ Until: { $to }
    📍 Affected areas:
    { $areas }
    🛠️ Reason: { $reason }

    { $note }

    Please plan your work and household needs around these hours. For questions, contact { $provider } { $hotline }
    { $commune }

    #Notice #PlannedOutage
label-kicker-power = Planned power cut
label-kicker-water = Planned water cut
label-from = From
label-to = Until
label-areas = Affected areas
label-reason = Reason
label-provider = Carried out by
label-note = Note
