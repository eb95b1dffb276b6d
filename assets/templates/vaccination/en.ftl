caption =
    💉 VACCINATION SCHEDULE
    { $title }

    { $commune } announces a { $vaccine } vaccination session:
    📅 Date: { $date }
    ⏰ Time: { $start } – { $end }
    🏥 Place: { $place }
    👶 Who: { $who }

    🎒 Please bring:
    { $bring }

    { $note }

    Please bring your children on time to protect them and the whole community. For questions, ask the commune health station or call { $contact }.

    #Vaccination #CommunityHealth
label-kicker = Vaccination schedule
label-vaccine = Vaccine
label-date = Date
label-time = Time
label-place = Place
label-who = Who should come
label-target = Expected
label-bring = What to bring
label-note = Note
