# Loa — xử lý ảnh (thư viện loa-media và lệnh `loa media`).

## Lỗi khi xử lý một ảnh

media-error-unsupported-format = Chưa đọc được ảnh { $format }. Hãy chỉnh máy ảnh điện thoại sang JPEG (trên iPhone: Cài đặt › Camera › Định dạng › Tương thích nhất), hoặc xuất ảnh ra JPEG rồi thử lại.
media-error-not-an-image = Tệp này không phải ảnh JPEG, PNG hay WebP.
media-error-too-large = Ảnh khai báo kích thước { $width }×{ $height } điểm ảnh, vượt giới hạn { $megapixels } megapixel: tệp bị hỏng hoặc không phải ảnh chụp.
media-error-corrupt = Ảnh bị hỏng, không đọc được ({ $detail }). Hãy chép lại ảnh từ điện thoại.
media-error-encode-failed = Không ghi được ảnh đầu ra ({ $detail }).
media-error-read-failed = Không đọc được { $path } ({ $detail }).
media-error-write-failed = Không ghi được { $path } ({ $detail }). Hãy kiểm tra thư mục đích còn chỗ trống và cho phép ghi.
media-error-would-overwrite = { $path } là ảnh gốc. Hãy chọn thư mục đích khác để không ghi đè ảnh gốc.
media-error-cancelled = Đã dừng trước khi xử lý ảnh này.
media-error-logo-unreadable = Logo phải là ảnh PNG ({ $detail }).
media-error-logo-too-large = Logo có kích thước { $width }×{ $height } điểm ảnh; hãy dùng logo tối đa 4096 điểm ảnh mỗi cạnh.
media-error-empty-text = Chữ đóng dấu đang để trống.

## Lệnh `loa media process`

media-cli-done = { $input } → { $output } ({ $width }×{ $height }, { $bytes } byte)
media-cli-failed = Không xử lý được { $input }: { $reason }
media-cli-summary = Xong { $done } ảnh, lỗi { $failed } ảnh; { $bytes_in } byte vào, { $bytes_out } byte ra.
media-cli-no-inputs = Không tìm thấy ảnh nào trong các đường dẫn đã cho.
