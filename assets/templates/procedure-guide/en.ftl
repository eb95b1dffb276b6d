caption =
    📋 HOW TO: { $title }

    🔢 Steps:
    { $steps }

    📂 Documents needed:
    { $documents }

    💰 Fee: { $fee }
    ⏱️ Processing time: { $duration }
    🌐 Apply online: { $portal }

    You can apply online from home, with no trip to the office. If you need help, ask the one-stop desk or your village's community digital technology team.
    { $commune }

    #PublicServices #DigitalTransformation
label-kicker = Procedure guide
label-steps = Steps
label-documents = Documents needed
label-fee = Fee
label-duration = Processing time
label-scan = Scan to apply online
label-help = Help
