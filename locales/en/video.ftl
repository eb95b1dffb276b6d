# Loa — video processing (the loa-video library).

## Presets

video-preset-facebook = Facebook
video-preset-zalo = Zalo
video-preset-reels = Reels
video-preset-saver = Saver (weak link)
video-preset-original = Original (full quality)

## Errors processing one video

video-error-tool-missing = The video component ({ $tool }) that comes with Loa is not on this computer. Reinstall Loa, or ask a technician to install the ffmpeg package.
video-error-tool-broken = The video component ({ $tool }) does not run. Reinstall Loa.
video-error-tool-too-old = The video component ({ $tool }) on this computer is too old. Reinstall Loa, or ask a technician to update ffmpeg to 5.1 or newer.
video-error-tool-crashed = The video component ({ $tool }) stopped suddenly on this file; the file is probably damaged. Loa is fine; copy the video from the phone again and retry.
video-error-read-failed = Cannot read { $path }. Check that the file is still there and that Loa may open it.
video-error-empty-file = The file { $path } is empty (0 bytes). Copy the video from the phone again.
video-error-not-a-video = This file is not a video (MP4, MOV, 3GP or WebM), whatever its name says.
video-error-no-video-track = This file has sound but no picture. Choose the video file.
video-error-unsupported-codec = Loa cannot read this video's { $codec } encoding yet. Export the video from the phone as MP4 and try again.
video-error-encrypted = This video is copy-protected (encrypted) and cannot be processed.
video-error-incomplete = The video file is not fully copied or was cut off. Wait for the copy to finish, or copy it from the phone again.
video-error-damaged = The video is damaged and its picture cannot be read. Copy it from the phone again or choose another video.
video-error-too-many-pixels = The video declares { $width }×{ $height } pixels, more than any phone records: the file is damaged or not a phone video.
video-error-too-long = The video lasts { $duration } seconds, over the { $max_minutes }-minute limit. Shorten the video and try again.
video-error-duration-unknown = The length of the video cannot be read, so the platform's limits cannot be checked. Export the video from the phone again and retry.
video-error-reels-duration = A reel lasts { $min } to { $max } seconds; this video lasts { $duration } seconds. Trim the video, or post it as an ordinary Facebook video.
video-error-wont-fit = A { $duration }-second video cannot be compressed under { $max_mb } MB for Zalo and stay watchable; Zalo takes about { $max_minutes } minutes at most. Shorten the video, or post it to Facebook or the website.
video-error-output-too-large = After compression the video still weighs { $mb } MB, over the { $max_mb } MB limit. Shorten the video and try again.
video-error-timed-out = Compressing the video took too long (over { $seconds } seconds), so Loa stopped. Try again when the computer is less busy, or choose the Saver preset.
video-error-stalled = The video component made no progress for { $seconds } seconds, so Loa stopped. The file may be damaged; copy the video again and retry.
video-error-memory-limit = This video needs too much memory (over { $limit_mb } MB), so Loa stopped before the computer froze. Close other programs and retry; if it fails again, the file may be damaged.
video-error-cancelled = Video compression stopped as asked.
video-error-encode-failed = This video could not be compressed. Try the Original preset, or copy the video from the phone again.
video-error-write-failed = Cannot write { $path }. Check that the output folder has free space and is writable.
video-error-would-overwrite = { $path } is the original video. Choose another output folder so the original is not overwritten.
