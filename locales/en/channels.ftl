# Loa — publishing channels (the loa-channels library): what to do about a failed call, and
# why a post cannot go to a channel. The platform's own message is shown under these lines.

## What to do, by kind of failure (ChannelError::hint_id)

channel-hint-transient = The request did not go through. Loa will try again by itself.
channel-hint-offline = No connection to { $channel }. Check the computer’s Wi-Fi or mobile data. The post waits and goes out by itself when the connection returns.
channel-hint-ambiguous = The connection broke while { $channel } was answering. Loa checks whether the post went out before trying again, so it is never posted twice.
channel-hint-throttled = { $channel } asks Loa to slow down. Posting resumes by itself in { $minutes } minutes.
channel-hint-auth = { $channel } no longer accepts Loa's access. Open Settings › Publishing channels and connect { $channel } again; the queued posts wait until then.
channel-hint-invalid = { $channel } refused this post. Change what its message below says, then queue the post again.
channel-hint-no-cover = An article on { $channel } needs a cover image, and this post has no photo while the Zalo OA has no cover image either. Add a photo to the post (the first one becomes the cover) and queue it again, or set a cover image for the Zalo OA; there is no need to reconnect.

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
