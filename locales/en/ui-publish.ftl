# Loa — publishing screens: the queue, channels, the "queue" dialog, the connection light.

## Top bar

ui-nav-queue = Waiting posts
ui-nav-queue-attention = { $count } posts need you
ui-online-online = Online
ui-online-offline = Offline
ui-online-partial = Partly online
ui-online-none = Connection unknown
ui-online-paused = paused
ui-online-no-channels = No publishing channels yet.
ui-online-link-unknown = not tried yet
ui-online-link-online = reachable
ui-online-link-offline = unreachable

## Queue

ui-queue-heading = Waiting posts
ui-queue-summary = { $active } waiting · { $attention } need you · { $published } published
ui-queue-pause = Pause publishing
ui-queue-resume = Resume publishing
ui-queue-paused-banner = Paused: Loa sends nothing until you press “Resume publishing”. No post is lost.
ui-publish-unavailable = Publishing is not available: { $reason }
ui-publish-preview-only = Publishing is only available in the Loa desktop app.
ui-queue-empty = No posts are waiting. Open a draft and press “Publish…”.
ui-queue-untitled = (untitled)
ui-queue-photos = { $count ->
    [one] 1 photo
   *[other] { $count } photos
}
ui-queue-attempts = { $count ->
    [one] Tried once
   *[other] Tried { $count } times
}
ui-queue-when-published = Published at { $time }
ui-queue-when-retry = Next try at { $time }
ui-queue-when-scheduled = Scheduled for { $time }
ui-queue-progress-label = Sent
ui-queue-progress = Sent { $sent } of { $total } ({ $percent }%)
ui-queue-technical = Technical details (to send to whoever helps you)
ui-queue-platform-said = { $channel } answered: “{ $message }” (code { $code })
ui-queue-post-link = View post:
ui-queue-check-page = Open this page to see whether the post is there:
ui-queue-state-queued = Waiting
ui-queue-state-media_uploaded = Ready to publish
ui-queue-state-publishing = Publishing
ui-queue-state-published = Published
ui-queue-state-failed = Failed — needs you
ui-queue-state-unconfirmed = Unsure — check the page
ui-queue-state-cancelled = Cancelled
ui-queue-state-waiting-network = Waiting for a connection
ui-queue-open-post = Open the post on { $kind }
ui-queue-retry-now = Try again now
ui-queue-manage-channels = Add or connect channels…
ui-queue-hint-failed = Loa could not publish this post to { $channel }. To change the post, edit the draft and choose “Publish…” again; otherwise choose “Retry” to send this same post again. If it still fails, send the “Technical details” to whoever helps you.
ui-queue-hint-unconfirmed = The link dropped right while publishing, so Loa cannot tell whether the post reached { $channel }. Open the page: if the post is there, press “Mark as published”; if not, press “Publish again”.
ui-queue-hint-channel-paused = The { $channel } channel is paused. Press “Resume” on that channel (on the right) to publish.
ui-queue-limit-other = { $channel } would refuse this post ({ $detail }).
ui-queue-retry = Retry
ui-queue-retry-unconfirmed = Publish again…
ui-queue-retry-question = Did you open the { $channel } page and make sure the post is NOT there? If it is, publishing again makes two posts.
ui-queue-retry-confirm = It is not there — publish again
ui-queue-mark-published = Mark as published
ui-queue-mark-question = Paste the link to the post on { $channel } (optional):
ui-queue-mark-placeholder = https://…
ui-queue-mark-confirm = It is on the page
ui-queue-back = Back
ui-queue-cancel = Cancel

## Errors worded for the window (the core's sentence names command-line commands)

ui-error-photos-need-image-host = { $channel } (Zalo) only shows photos already on a website. In Settings › Publishing channels, edit { $channel } and pick the commune website as “Photo host”, or remove the photos when publishing to { $channel }.
ui-error-channel-not-found = The channel “{ $channel }” no longer exists. Pick another one in Settings › Publishing channels.
ui-error-missing-credentials = The channel “{ $channel }” has no access token or password. Press “Edit” on it and enter the token.
ui-error-already-queued = This post is already waiting for { $channel }. To post it again, cancel that one in the queue first.
ui-error-outbox-conflict = This post changed while Loa was publishing it. Nothing is lost; Loa looks at it again by itself.
ui-error-outbox-wrong-state = This post has just moved to another step, so that cannot be done now. Look at it again in the queue.
ui-error-confirm-not-published = Loa is not sure whether this post reached the page. Open the page and look first; publish again only if it is not there, or mark it as published.

## Channels

ui-channel-heading = Channels
ui-channel-add = Add another channel…
ui-channel-add-heading = Add a channel
ui-channel-edit-heading = Edit “{ $name }”
ui-channel-empty = No channels yet. Add a Facebook Page, a Zalo OA, the commune website or a folder (USB).
ui-channel-kind-facebook = Facebook Page
ui-channel-kind-zalo = Zalo OA
ui-channel-kind-wordpress = Website (WordPress)
ui-channel-kind-folder = Folder / USB
ui-channel-status-ok = Ready
ui-channel-status-paused = Paused
ui-channel-status-throttled = Resting until { $until } at the platform’s request
ui-channel-status-needs_reconnect = Needs a new token
ui-channel-link-unknown = Ready
ui-channel-link-online = Ready · reachable
ui-channel-link-offline = Offline — posts wait for the connection
ui-channel-credentials-file = Tokens are kept in a file (no keyring on this computer). Details
ui-channel-field-kind = Kind
ui-channel-field-name = Channel name
ui-channel-name-placeholder-facebook = e.g. Commune People’s Committee page
ui-channel-name-placeholder-zalo = e.g. Commune Zalo OA
ui-channel-name-placeholder-wordpress = e.g. Commune information portal
ui-channel-name-placeholder-folder = e.g. USB for the district
ui-channel-field-page-id = Page ID
ui-channel-field-page-token = Page access token
ui-channel-field-access-token = Access token
ui-channel-field-refresh-token = Refresh token
ui-channel-field-app-id = App ID
ui-channel-field-secret-key = App secret key
ui-channel-field-image-host = Photo host for Zalo articles
ui-channel-image-host-none = None — text only
ui-channel-image-host-help = Zalo articles only show photos already on a website. Pick the commune website so Loa uploads the photos there first.
ui-channel-field-site-url = Website address
ui-channel-field-user = WordPress user name
ui-channel-field-app-password = Application password
ui-channel-app-password-help = Create it in WordPress: Users → Profile → Application Passwords. Not your login password.
ui-channel-field-folder = Folder for posts
ui-channel-folder-pick = Choose folder…
ui-channel-advanced = Advanced
ui-channel-field-base-url = API server address
ui-channel-base-url-help = Leave empty for the real server. Change it only to try a test server.
ui-channel-secret-saved = saved — leave empty to keep it
ui-channel-secret-saved-short = Token: saved
ui-channel-secret-missing = Token: missing
ui-channel-secrets-note = Tokens and passwords are kept in this computer’s keyring and are never shown here again.
ui-channel-missing = Still needed: { $fields }
ui-channel-save = Save channel
ui-channel-form-cancel = Cancel
ui-channel-page-url = The page where the published posts are
ui-channel-test = Test connection
ui-channel-testing = Testing…
ui-channel-test-ok = Connected to “{ $name }”.
ui-channel-edit = Edit
ui-channel-pause = Pause
ui-channel-resume = Resume

## The editor's "Publish…" dialog

ui-draft-queue = Publish…
ui-draft-queued = Waiting posts: { $channels }
ui-queue-dialog-title = Publish
ui-queue-dialog-channels = Publish to
ui-queue-dialog-already = already in Waiting posts
ui-queue-dialog-at = Publish at (day/month/year hour:minute)
ui-queue-dialog-at-help-now = Empty: publish as soon as there is a connection.
ui-queue-dialog-at-help-set = Loa publishes at { $time } (day/month/year, your computer’s clock).
ui-queue-dialog-at-invalid = That time does not exist. Pick the date and time again.
ui-publish-mode = When to publish
ui-publish-now = Publish now
ui-publish-now-help = As soon as there is a connection. Offline, the post waits and goes out when the connection is back.
ui-publish-schedule = Schedule
ui-publish-schedule-help = Loa publishes at the time you choose.
ui-publish-confirm-now = { $count ->
    [0] Publish now
    [one] Publish now to 1 channel
   *[other] Publish now to { $count } channels
}
ui-publish-confirm-schedule = { $count ->
    [0] Schedule
    [one] Schedule on 1 channel
   *[other] Schedule on { $count } channels
}
ui-queue-dialog-at-past = That time has passed. Choose a time to come, or “Publish now”.
ui-queue-dialog-republish = This post was published at { $time }. Publishing it again puts the same post on the page twice. Only do it if you are sure.
ui-queue-dialog-republish-confirm = Publish again anyway
ui-preview-heading = How the post will look
ui-preview-page = The commune's Page
ui-preview-just-now = Just now
ui-preview-zalo-no-cover = A Zalo article needs a cover photo: add at least one photo to the post.
ui-preview-website = Website “{ $channel }”: the title and the whole text as above.
ui-queue-dialog-busy = Preparing the post…
ui-queue-dialog-cancel = Cancel
ui-queue-dialog-no-channels = No publishing channels yet. Add the Facebook Page, the Zalo OA or the commune website first.
ui-queue-dialog-open-channels = Add a channel

## Notices

ui-notice-batch-ok = { $published ->
    [one] The queued post is published.
   *[other] All { $published } queued posts are published.
}
ui-notice-batch-done = The queue is done: { $published } published, { $failed } failed, { $unconfirmed } to check.
ui-notice-attention = A post on { $channel } needs you: { $state }.
ui-notice-open-queue = Open the queue

## Published posts, sharing to a Zalo group

ui-published-banner = Published at { $time } on { $channel } — editing here does not change the post on the page.
ui-published-open = Open the post
ui-share-zalo = Share to a Zalo group
ui-share-zalo-title = Copy the post's text and put its photos in a folder, ready to paste into a village Zalo group
ui-share-zalo-busy = Preparing photos…
ui-share-zalo-copied = The post's text is copied.
ui-share-zalo-not-copied = The computer did not allow copying automatically: select the text in the post and press Ctrl+C.
ui-share-zalo-photos = { $count ->
    [0] The post has no photos.
    [one] 1 photo is ready in the folder { $folder } (opened).
   *[other] { $count } photos are ready in the folder { $folder } (opened).
}
ui-share-zalo-next = Open the Zalo group, press Ctrl+V to paste the text, then drag the photos from the folder into the chat.
ui-share-zalo-close = Close
