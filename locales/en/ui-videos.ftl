# Loa — videos in the window: the video library and a draft's video.

ui-video-library-heading = Videos
ui-video-badge = Video
ui-video-location-title = This video records where it was filmed. Loa removes this when compressing, unless you choose to keep it.
ui-video-attach = Attach the video to the draft

ui-video-draft-heading = The post's video
ui-video-detach = Remove video
ui-video-preset = Compression
ui-video-preset-facebook = Facebook (clear, fits a Page)
ui-video-preset-zalo = Zalo (under 50 MB)
ui-video-preset-reels = Facebook Reels (upright, 3–90 s)
ui-video-preset-saver = Saver (lightest, for weak links)
ui-video-preset-original = Original (quality kept)
ui-video-preset-facebook-help = As clear as the phone filmed it, long edge at most 1280 pixels. Right for most videos posted to a Page.
ui-video-preset-zalo-help = Compressed so the whole file stays under Zalo's 50 MB; the longer the video, the smaller the picture. A video too long for it is refused before compressing.
ui-video-preset-reels-help = An upright 9:16 frame for Reels; the video must last 3 to 90 seconds.
ui-video-preset-saver-help = A small picture (480p), so a light file that uploads fastest on a shaky link. Small writing in the picture may be hard to read.
ui-video-preset-original-help = Quality as filmed: the heaviest file and the longest upload. Only on a good link.
ui-video-keep-location = Keep where it was filmed and the phone's name in the video (unticked, Loa removes them)
ui-video-estimate = { $minutes ->
    [0] Once compressed: about { $mb } MB, under a minute to upload.
   *[other] Once compressed: about { $mb } MB, about { $minutes } min to upload.
}
ui-video-estimate-default-link = (At 1 Mbit/s, as Loa has not measured this computer's link yet.)
ui-video-prepare = Compress video
ui-video-prepare-again = Compress again
ui-video-preparing = Compressing the video
ui-video-progress = Compressing… { $percent }%
ui-video-cancel = Stop
ui-video-cancelled = Stopped. Click “Compress video” to start again.
ui-video-prepared = { $minutes ->
    [0] Compressed, ready to post: { $mb } MB, under a minute to upload.
   *[other] Compressed, ready to post: { $mb } MB, about { $minutes } min to upload.
}
