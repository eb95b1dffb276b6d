caption =
    🌸 GOOD PEOPLE, GOOD DEEDS
    { $title }

    💬 “{ $quote }”
    – { $name }, { $role }

    { $deed }

    { $name } sets an example for us all: let us learn from it and pass kindness on. Know someone who deserves to be featured? Send us a message.
    { $commune }

    #GoodPeopleGoodDeeds #Community
label-kicker = Good people, good deeds
label-deed = What they did
