# Loa — checks run on a post before it is queued for publishing.
# Each check has a message and a suggested fix. ID and phone numbers are only ever shown masked.

## Personal data

check-citizen-id = The post contains a citizen ID number ({ $found }). A resident's personal identification number must not be published.
check-citizen-id-fix = Remove the number, or mask it (for example keep only the last 3 digits), before publishing.
check-old-id-number = The post contains an old ID card number ({ $found }). A resident's identity document number must not be published.
check-old-id-number-fix = Remove the number, or mask it, before publishing.
check-phone-number = The post contains a mobile phone number ({ $found }).
check-phone-number-fix = If it belongs to a resident, remove or mask it. If it is the office's public hotline, you can keep it.
check-email = The post contains an e-mail address ({ $found }).
check-email-fix = If it is a personal address, remove it before publishing. If it is the office's address, you can keep it.

## Photos

check-photo-alt-missing = Photo { $number } has no description.
check-photo-alt-missing-fix = Write a short sentence describing the photo, for people using screen readers or on a slow connection.

## Facebook limits

check-facebook-text-too-long = The text posted to Facebook is { $length } characters long, over the limit of { $limit }.
check-facebook-text-too-long-fix = Shorten the text, or split it into several posts.
check-facebook-too-many-photos = The post has { $count } photos; a Facebook post should have at most { $limit }.
check-facebook-too-many-photos-fix = Remove some photos, or split them over several posts.
check-facebook-photo-too-large = Photo { $number } is { $size } MB, over Facebook's limit of { $limit } MB.
check-facebook-photo-too-large-fix = Process the photo again with the “Facebook” preset to make it smaller.

## Zalo OA limits

check-zalo-title-too-long = The title is { $length } characters long, over the Zalo OA article limit of { $limit }.
check-zalo-title-too-long-fix = Shorten the title; the part over the limit is highlighted.
check-zalo-description-too-long = The first paragraph is { $length } characters long, over the Zalo OA article description limit of { $limit }.
check-zalo-description-too-long-fix = Shorten the first paragraph, or split it with a blank line; the first paragraph becomes the description on Zalo.

## Scheduling

check-schedule-outside-window = The scheduled time is outside what Facebook accepts (between { $min_minutes } minutes and { $max_days } days from now).
check-schedule-outside-window-fix = Pick a time within that window, or remove the schedule to publish as soon as there is a connection.

## Text quality

check-not-nfc = The text contains letters in decomposed form (accents stored apart from their letters); it may display or search wrongly.
check-not-nfc-fix = Save the draft again: Loa normalises the text on save.
check-legacy-encoding = The text seems to be in the old { $encoding } encoding (for example “{ $sample }”); readers will see garbled letters.
check-legacy-encoding-fix = Cut this text and paste it back into the post: Loa offers to convert it to Unicode. Accept, then check again.
check-empty-post = The post has neither a title nor a body.
check-empty-post-fix = Enter a title or some text before publishing.
