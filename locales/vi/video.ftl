# Loa — xử lý video (thư viện loa-video).

## Cách nén

video-preset-facebook = Facebook
video-preset-zalo = Zalo
video-preset-reels = Thước phim (Reels)
video-preset-saver = Tiết kiệm (mạng yếu)
video-preset-original = Gốc (giữ chất lượng)

## Lỗi khi xử lý một video

video-error-tool-missing = Máy này chưa có bộ xử lý video ({ $tool }) đi kèm Loa. Hãy cài lại Loa, hoặc nhờ cán bộ kỹ thuật cài gói ffmpeg.
video-error-tool-broken = Bộ xử lý video ({ $tool }) không chạy được. Hãy cài lại Loa.
video-error-tool-too-old = Bộ xử lý video ({ $tool }) trên máy đã quá cũ. Hãy cài lại Loa, hoặc nhờ cán bộ kỹ thuật cập nhật ffmpeg lên bản 5.1 trở lên.
video-error-tool-crashed = Bộ xử lý video ({ $tool }) dừng đột ngột khi đọc tệp này, có lẽ tệp bị hỏng. Loa vẫn chạy bình thường; hãy chép lại video từ điện thoại rồi thử lại.
video-error-read-failed = Không đọc được { $path }. Hãy kiểm tra tệp vẫn còn và Loa được phép mở tệp.
video-error-empty-file = Tệp { $path } trống (0 byte). Hãy chép lại video từ điện thoại.
video-error-not-a-video = Tệp này không phải video (MP4, MOV, 3GP hay WebM), dù tên tệp trông giống video.
video-error-no-video-track = Tệp này chỉ có tiếng, không có hình. Hãy chọn đúng tệp video.
video-error-unsupported-codec = Loa chưa đọc được kiểu mã hoá { $codec } của video này. Hãy xuất lại video từ điện thoại ở dạng MP4 rồi thử lại.
video-error-encrypted = Video này được khoá bản quyền (mã hoá) nên không xử lý được.
video-error-incomplete = Tệp video chưa chép xong hoặc bị cắt ngang. Hãy đợi chép xong, hoặc chép lại từ điện thoại.
video-error-damaged = Video bị hỏng, không đọc được hình. Hãy chép lại từ điện thoại hoặc chọn video khác.
video-error-too-many-pixels = Video khai báo kích thước { $width }×{ $height } điểm ảnh, lớn hơn mọi điện thoại quay được: tệp bị hỏng hoặc không phải video quay bằng điện thoại.
video-error-too-long = Video dài { $duration } giây, quá giới hạn { $max_minutes } phút. Hãy cắt ngắn video rồi thử lại.
video-error-duration-unknown = Không đọc được độ dài của video nên chưa kiểm tra được giới hạn của nền tảng. Hãy xuất lại video từ điện thoại rồi thử lại.
video-error-reels-duration = Thước phim phải dài từ { $min } đến { $max } giây; video này dài { $duration } giây. Hãy cắt lại video, hoặc chọn đăng Facebook thường.
video-error-wont-fit = Video dài { $duration } giây không thể nén xuống dưới { $max_mb } MB cho Zalo mà vẫn xem rõ; Zalo nhận được video dài khoảng { $max_minutes } phút. Hãy cắt ngắn video, hoặc đăng lên Facebook hay trang thông tin điện tử.
video-error-output-too-large = Video sau khi nén vẫn nặng { $mb } MB, quá giới hạn { $max_mb } MB. Hãy cắt ngắn video rồi thử lại.
video-error-timed-out = Nén video quá lâu (hơn { $seconds } giây) nên Loa đã dừng. Hãy thử lại lúc máy rảnh hơn, hoặc chọn cách nén Tiết kiệm.
video-error-stalled = Bộ xử lý video không chạy tiếp được trong { $seconds } giây nên Loa đã dừng. Tệp có thể bị hỏng; hãy chép lại video rồi thử lại.
video-error-memory-limit = Video này cần quá nhiều bộ nhớ (hơn { $limit_mb } MB) nên Loa đã dừng để máy không bị treo. Hãy đóng bớt chương trình khác rồi thử lại; nếu vẫn lỗi, có thể tệp bị hỏng.
video-error-cancelled = Đã dừng nén video theo yêu cầu.
video-error-encode-failed = Không nén được video này. Hãy thử cách nén Gốc, hoặc chép lại video từ điện thoại.
video-error-write-failed = Không ghi được { $path }. Hãy kiểm tra thư mục đích còn chỗ trống và cho phép ghi.
video-error-would-overwrite = { $path } là video gốc. Hãy chọn thư mục đích khác để không ghi đè lên video gốc.
