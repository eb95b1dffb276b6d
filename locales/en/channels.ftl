# Loa — publishing channels (the loa-channels library): what to do about a failed call, and
# why a post cannot go to a channel. The platform's own answer is kept apart, under “Technical details”, for whoever helps.

## What to do, by kind of failure (ChannelError::hint_id)

channel-hint-transient = The request did not go through. Loa will try again by itself.
channel-hint-offline = No connection to { $channel }. Check the computer’s Wi-Fi or mobile data. The post waits and goes out by itself when the connection returns.
channel-hint-ambiguous = The connection broke while { $channel } was answering. Loa checks whether the post went out before trying again, so it is never posted twice.
channel-hint-throttled = { $channel } asks Loa to slow down. Posting resumes by itself in { $minutes } minutes.
channel-hint-auth = { $channel } no longer accepts Loa's access. Open Settings › Publishing channels and connect { $channel } again; the queued posts wait until then.
channel-hint-invalid = { $channel } refused this post. Check the title, the text and the photos, change what needs changing, then choose “Publish…” again. If it is refused again, send the “Technical details” to whoever helps you.
channel-hint-no-cover = An article on { $channel } needs a cover image, and this post has no photo while the Zalo OA has no cover image either. Add a photo to the post (the first one becomes the cover) and queue it again, or set a cover image for the Zalo OA; there is no need to reconnect.
channel-hint-too-large = { $channel } refused the post because a photo or the video is larger than the site accepts. Process the photo again for “Zalo (1280 px)” or compress the video with “Saver”, then choose “Publish…” again; if that does not help, ask the site's administrator to raise the upload limit.
channel-hint-duplicate = { $channel } refused the post because it is identical to one posted a moment ago. If this is a new post, add the date or a new detail to the text, then choose “Publish…” again.
channel-hint-photo-unusable = A photo of this post was deleted from the computer or { $channel } could not read it. Choose and process the photo again in the post, then choose “Publish…” again.
channel-hint-link = { $channel } could not open the link in this post. Check the link (open it in a browser), correct or remove it, then choose “Publish…” again.
channel-hint-zalo-fields = { $channel } refused the title, the summary or the cover image of this post. Shorten the title and the first paragraph, use a JPEG photo, then choose “Publish…” again.

## Why a post cannot be queued for a channel (LimitViolation)

channel-limit-title-missing = { $channel } needs a title.
channel-limit-title-too-long = The title has { $actual } characters; { $channel } takes at most { $max }. Shorten the title.
channel-limit-text-too-long = The text has { $actual } characters; { $channel } takes at most { $max }.
channel-limit-too-many-photos = { $max ->
    [0] { $channel } cannot carry photos sent from Loa (Zalo articles only show photos already on a public website). Remove the photos for { $channel }, or post them on another channel.
   *[other] { $channel } takes at most { $max } photos; this post has { $actual }.
}
channel-limit-photo-too-large = Photo { $index } is { $actual_mb } MB; { $channel } takes photos up to { $max_mb } MB. Prepare the photo again at a smaller size.
channel-limit-photo-format = Photo { $index } is in a format { $channel } does not take. Prepare it again as JPEG.
