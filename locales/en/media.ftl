# Loa — photo processing (the loa-media library and the `loa media` command).

## Errors processing one photo

media-error-unsupported-format = { $format } photos cannot be read yet. Set the phone camera to JPEG (on an iPhone: Settings › Camera › Formats › Most Compatible), or export the photo as JPEG, then try again.
media-error-not-an-image = This file is not a JPEG, PNG or WebP image.
media-error-too-large = The image declares { $width }×{ $height } pixels, over the { $megapixels } megapixel limit: the file is damaged or not a photo.
media-error-corrupt = The image is damaged and cannot be read ({ $detail }). Copy it from the phone again.
media-error-encode-failed = Could not write the output image ({ $detail }).
media-error-read-failed = Cannot read { $path } ({ $detail }).
media-error-write-failed = Cannot write { $path } ({ $detail }). Check that the output folder has free space and is writable.
media-error-would-overwrite = { $path } is the original photo. Choose another output folder so the original is not overwritten.
media-error-cancelled = Stopped before this photo was processed.
media-error-logo-unreadable = The logo must be a PNG image ({ $detail }).
media-error-logo-too-large = The logo is { $width }×{ $height } pixels; use a logo at most 4096 pixels on each side.
media-error-empty-text = The watermark text is empty.

## The `loa media process` command

media-cli-done = { $input } → { $output } ({ $width }×{ $height }, { $bytes } bytes)
media-cli-failed = Could not process { $input }: { $reason }
media-cli-summary = Done { $done } photos, failed { $failed }; { $bytes_in } bytes in, { $bytes_out } bytes out.
media-cli-no-inputs = No photos found in the given paths.
