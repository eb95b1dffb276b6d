# Video posts: why a video cannot be queued for a channel.
error-video-refused = { $reason ->
    [not_carried] { $channel } (Zalo) does not take videos from Loa yet. Post the video on the Facebook Page or the commune website, then share its link on Zalo.
    [too_large] The video is too large for { $channel } (at most { $max } MB). Compress it with the “Saver” preset or shorten it, then queue it again.
    [too_long] The video is too long for { $channel } (at most { $max } minutes). Shorten it, then queue it again.
    [with_photos] A post carries photos or one video. Remove the photos, or post the video on its own.
   *[changed] The prepared video file changed or is damaged. Prepare the post's video again, then queue it again.
}
