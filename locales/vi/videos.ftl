# Loa — video trong thư viện và trong bản nháp (lõi và dòng lệnh).

## Lỗi

error-video-process = Không xử lý được video { $path }.
error-video-not-found = Không tìm thấy video số { $id } trong thư viện.
error-video-not-prepared = Video của bài này chưa được nén để đăng. Mở bài, bấm “Nén video” và đợi xong rồi đăng lại.
error-video-not-attached = Bản nháp số { $id } chưa có video. Hãy gắn một video vào bản nháp trước.
error-draft-has-photos = Bản nháp số { $id } đã có ảnh. Một bài đăng chỉ có ảnh hoặc một video: hãy bỏ ảnh ra trước, hoặc tạo bản nháp khác cho video.
error-draft-has-video = Bản nháp số { $id } đã có video. Một bài đăng chỉ có ảnh hoặc một video: hãy bỏ video ra trước, hoặc tạo bản nháp khác cho ảnh.
error-video-too-large = Video { $path } quá lớn (hơn { $max_gb } GB). Hãy cắt ngắn video trên điện thoại rồi chép lại.

## Dòng lệnh

cli-video-imported = Đã thêm video { $name } ({ $duration } giây) vào thư viện.
cli-video-attached = Đã gắn video số { $video } vào bản nháp số { $id } (cách nén: { $preset }).
cli-video-estimate = Ước tính: khoảng { $mb } MB, tải lên mất khoảng { $minutes } phút.
cli-video-prepared = Đã nén video: { $path } ({ $mb } MB).
cli-video-progress = Đang nén video: { $percent }%
cli-video-one-only = Một bài đăng chỉ có ảnh hoặc một video: hãy gắn đúng một video, không kèm ảnh.
cli-video-preset-not-for-photos = Cách nén { $preset } chỉ dành cho video; ảnh dùng facebook, zalo, web hoặc print.
cli-video-preset-not-for-videos = Cách nén { $preset } chỉ dành cho ảnh; video dùng facebook, zalo, reels, saver hoặc original.
cli-video-summary = Xong { $done } tệp, lỗi { $failed } tệp; { $bytes_in } byte vào, { $bytes_out } byte ra.
