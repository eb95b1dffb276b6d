caption =
    📣 NOTICE
    { $title }

    { $commune } announces:
    🕖 Time: { $at }
    📍 Place: { $place }

    📝 Agenda:
    { $agenda }

    👥 Who should attend:
    { $participants }

    { $note }

    All those invited are kindly asked to attend in full and on time.

    #Notice #CommunityMeeting
label-kicker = Notice
label-time = Time
label-place = Place
label-chair = Chaired by
label-agenda = Agenda
label-participants = Who should attend
label-note = Note
label-until = until
