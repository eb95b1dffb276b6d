caption =
    📊 { $title }
    { $period }

    Take a look at the commune's key figures in the picture below. These results come from the joint efforts of the Party committee, the local government and all the people of the commune.
    Share to spread the pride in our homeland!
    { $commune }

    #KeyFigures #RuralDevelopment
label-kicker = Key figures
label-source = Source
