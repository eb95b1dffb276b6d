# Loa — videos in the library and on a draft (core and command line).

## Errors

error-video-process = The video { $path } could not be processed.
error-video-not-found = Video { $id } is not in the library.
error-video-not-prepared = This post's video is not compressed for posting yet. Open the post, press “Compress video”, wait until it is done, then publish again.
error-video-not-attached = Draft { $id } has no video. Attach a video to the draft first.
error-draft-has-photos = Draft { $id } already has photos. A post carries photos or one video: take the photos off first, or make another draft for the video.
error-draft-has-video = Draft { $id } already has a video. A post carries photos or one video: take the video off first, or make another draft for the photos.
error-video-too-large = The video { $path } is too large (over { $max_gb } GB). Trim it on the phone and copy it again.

## Command line

cli-video-imported = Added the video { $name } ({ $duration } s) to the library.
cli-video-attached = Attached video { $video } to draft { $id } (preset: { $preset }).
cli-video-estimate = Estimate: about { $mb } MB, about { $minutes } min to upload.
cli-video-prepared = Video compressed: { $path } ({ $mb } MB).
cli-video-progress = Compressing the video: { $percent }%
cli-video-one-only = A post carries photos or one video: attach exactly one video, without photos.
cli-video-preset-not-for-photos = The preset { $preset } is for videos; photos take facebook, zalo, web or print.
cli-video-preset-not-for-videos = The preset { $preset } is for photos; videos take facebook, zalo, reels, saver or original.
cli-video-summary = { $done } file(s) done, { $failed } failed; { $bytes_in } bytes in, { $bytes_out } bytes out.
