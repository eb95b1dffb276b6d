# Loa — publishing: channels, the outbox and sync (shared by the app and the command line).

## Errors

error-channel-not-found = There is no channel named “{ $channel }”. See the channels with “loa channel list”.
error-channel-kind-mismatch = The channel “{ $channel }” already exists and publishes to { $kind }. Pick another name.
error-outbox-item-not-found = Outbox item { $id } was not found.
error-outbox-wrong-state = Outbox item { $id } is { $state }: it cannot be { $action ->
        [cancel] cancelled
        [retry] retried
       *[other] changed
    } now.
error-already-queued = Draft { $id } is already queued for { $channel }. Cancel that item first to queue it again.
error-confirm-not-published = Loa could not tell whether item { $id } went out. Check the page first; retry only if the post is not there, or mark it as published.
error-outbox-conflict = Outbox item { $id } changed while it was being published. Nothing was lost; it will be looked at again.
error-credentials = The channel's password or token could not be read or saved ({ $detail }).
error-missing-credentials = The channel “{ $channel }” has no token or password yet. Add it again with its token.
error-channel-failed = { $reason ->
    [auth] { $channel } does not accept the access token or application password Loa is using (wrong, expired or revoked). Create a new one and enter it again for this channel.
    [offline] { $channel } could not be reached. Check the network or the channel's address and try again.
   *[other] { $channel } did not accept Loa’s check. Check the channel’s address and try again in a few minutes; if it still fails, ask whoever helps you to look at it.
}
error-channel-limits = { $channel } would refuse this post. Change the following, then queue it again:
error-channel-secret-needed = The channel “{ $channel }” now points to another address, so its old access token cannot be used. Enter a new access token (or application password) for it.
error-photos-need-image-host = { $channel } (Zalo) takes photos only as links to a website. Add the commune's website as its image host (“loa channel add zalo … --image-host WEBSITE”), or queue the post without photos.

## Command line and notifications

publish-credentials-file-warning = Warning: no keyring service answers here, so channel tokens are kept in the file { $path } (readable only by your user account). Anyone who can read your Loa folder can read them; set up a keyring (GNOME Keyring, KWallet) to keep them safer.
publish-channel-added = Channel “{ $channel }” ({ $kind }) added, number { $id }.
publish-channel-updated = Channel “{ $channel }” ({ $kind }) updated. Queued posts use the new settings.
publish-no-channels = No channels yet. Add one with “loa channel add”.
publish-channel-status-ok = ready
publish-channel-status-paused = paused
publish-channel-status-throttled = resting until { $until }
publish-channel-status-needs_reconnect = needs a new token
publish-channel-test-ok = { $channel }: connected to “{ $name }”.
publish-channel-paused = Channel “{ $channel }” paused.
publish-channel-resumed = Channel “{ $channel }” resumed.
publish-state-queued = waiting
publish-state-media_uploaded = ready to publish
publish-state-publishing = publishing
publish-state-published = published
publish-state-failed = failed — needs you
publish-state-unconfirmed = unconfirmed — check the page
publish-state-cancelled = cancelled
publish-item-line = Item { $id } ({ $channel }): { $state }
publish-queue-empty = The queue is empty.
publish-queue-paused = Publishing is paused. Resume it with “loa queue resume”.
publish-queue-resumed = Publishing resumed.
publish-attached = { $count } photos attached to draft { $id } ({ $total } in all).
publish-sync-online = { $channel }: connected.
publish-sync-offline = { $channel }: no connection. The posts wait and go out when it returns.
publish-sync-throttled = { $channel } asks Loa to slow down; posting resumes at { $until }.
publish-sync-needs-reconnect = { $channel } no longer accepts the token. Add the channel again with a new token (“loa channel add … --name { $channel }”); the posts wait until then.
publish-sync-resumed = { $channel }: posting resumed.
publish-sync-batch-done = All queued posts are done: { $published } published, { $failed } failed, { $unconfirmed } to check.
publish-sync-needs-attention = Item { $id } ({ $channel }) needs you: { $state }. { $link }
publish-sync-credentials-not-saved = { $channel }: a renewed token could not be saved; the channel will need reconnecting later.
publish-sync-stopping = Stopping after the current step… (press Ctrl-C again to stop at once; nothing will be posted twice)
publish-sync-crashed = The publishing worker stopped unexpectedly. Nothing is posted twice: run “loa sync” again.
publish-sync-summary = Published { $published } this time; { $failed } failed and { $unconfirmed } to check in all; { $pending } still waiting.
publish-sync-waiting-paused = { $channel }: { $count } posts wait because publishing is paused. Resume with “loa queue resume”.
publish-sync-waiting-needs_reconnect = { $channel }: { $count } posts wait until you reconnect the channel.
publish-sync-waiting-throttled = { $channel }: { $count } posts wait because the platform asked Loa to slow down, until { $until }.
publish-sync-waiting-offline = { $channel }: { $count } posts wait for the network. Run “loa sync” again once connected.
publish-sync-waiting-other_worker = { $channel }: { $count } posts are being published by another Loa window.
publish-sync-waiting-spacing = { $channel }: { $count } posts wait for the spacing between two posts, until { $until }.
publish-sync-waiting-retry = { $channel }: { $count } posts wait to be tried again after an error, at { $until }.
publish-sync-waiting-read_back = { $channel }: { $count } posts wait to check whether the last attempt reached the page, at { $until }.
publish-sync-waiting-scheduled = { $channel }: { $count } posts wait for the time you chose, { $until }.
error-channel-address = { $problem ->
    [insecure-address] The address { $url } is not encrypted (http://): an access token sent there could be read by others. Use an address that starts with https://.
    [credentials-in-address] The channel's address contains a user name or password. Remove it from the address and enter the password in its own field.
   *[other] The address “{ $url }” is not valid. Enter the full address, for example https://xa.gov.vn.
}
