caption =
    🚨 SCAM WARNING
    { $title }

    { $intro }

    ❌ How the scam works:
    { $tactics }

    ✅ To keep your money safe:
    { $todo }

    ☎️ If you notice signs of a scam, tell the commune police or call { $hotline } at once.
    Please share this post with your family, especially older relatives.
    { $commune }

    #ScamAlert #StaySafeOnline
label-kicker = Scam warning
label-tactics = How the scam works
label-todo = What to do
label-call = Report it at once
