caption =
    🌟 FEATURE: { $series } – PART { $episode }
    📰 { $headline }

    Read part { $episode } of the “{ $series }” series on the { $commune } page. Follow the page so you don't miss the next parts!

    #PartyCongress #Term2025_2030
label-episode = Part
