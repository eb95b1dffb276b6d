# Giao diện Loa — tiếng Việt

ui-app-name = Loa
ui-app-tagline = Soạn tin cho trang thông tin xã, phường

ui-lang-switch = English
ui-lang-switch-title = Chuyển giao diện sang tiếng Anh

ui-draft-new = Bản nháp mới
ui-draft-list-heading = Bản nháp
ui-draft-list-empty = Chưa có bản nháp nào. Bấm “Bản nháp mới” để bắt đầu.
ui-draft-untitled = (Chưa có tiêu đề)
ui-draft-delete = Chuyển vào thùng rác

ui-trash-show = Thùng rác
ui-trash-hide = Ẩn thùng rác
ui-trash-heading = Thùng rác
ui-trash-empty = Thùng rác trống.
ui-trash-restore = Khôi phục
ui-trash-deleted-at = Đã xóa lúc { $time }

ui-editor-empty = Chọn một bản nháp ở cột bên trái hoặc tạo bản nháp mới.
ui-loading = Đang tải…

ui-field-title = Tiêu đề
ui-field-title-placeholder = Nhập tiêu đề bài đăng
ui-field-body = Nội dung
ui-field-body-placeholder = Nhập nội dung bài đăng. Xuống dòng, đường link và #hashtag được giữ nguyên.
ui-field-lang = Ngôn ngữ bài đăng
ui-field-topic = Chủ đề
ui-field-status = Trạng thái

ui-save-idle = Chưa có thay đổi
ui-save-saving = Đang lưu…
ui-save-saved = Đã lưu
ui-save-error = Chưa lưu được: { $reason } Nội dung vẫn được giữ, Loa sẽ thử lại khi bạn sửa tiếp.

ui-char-count = { $count } / { $limit }
ui-char-count-title = Số ký tự của nội dung so với giới hạn một bài đăng Facebook
ui-char-over = Vượt giới hạn Facebook { $over } ký tự

ui-revisions-heading = Lịch sử sửa đổi
ui-revisions-empty = Chưa có phiên bản cũ nào.
ui-revision-restore = Khôi phục phiên bản này
ui-revision-confirm = Khôi phục phiên bản lúc { $time }? Nội dung hiện tại vẫn còn trong lịch sử.
ui-revision-confirm-yes = Khôi phục
ui-revision-confirm-no = Hủy
ui-revision-chars = { $count } ký tự

ui-error-unexpected = Đã xảy ra lỗi ngoài dự kiến. Nội dung bạn đã nhập vẫn được giữ trên màn hình.
ui-error-dismiss = Đóng

ui-search-label = Tìm bản nháp
ui-search-placeholder = Tìm bản nháp (gõ có dấu hoặc không dấu)…
ui-search-results-label = Kết quả tìm kiếm
ui-search-none = Không tìm thấy bản nháp nào có “{ $query }”.

ui-legacy-region = Chuyển phông chữ cũ sang Unicode
ui-legacy-offer-body = Đoạn vừa dán có vẻ gõ bằng phông { $encoding } — chuyển sang Unicode?
ui-legacy-offer-title = Tiêu đề vừa dán có vẻ gõ bằng phông { $encoding } — chuyển sang Unicode?
ui-legacy-preview = Sau khi chuyển:
ui-legacy-accept = Chuyển sang Unicode
ui-legacy-dismiss = Giữ nguyên

ui-checks-heading = Kiểm tra trước khi đăng
ui-checks-running = Đang kiểm tra…
ui-checks-none = Không thấy vấn đề nào.
ui-checks-count-block = { $count } lỗi cần sửa
ui-checks-count-warn = { $count } lưu ý
ui-checks-block = Cần sửa
ui-checks-warn = Lưu ý
ui-checks-field-photo = Ảnh số { $number }
ui-checks-field-schedule = Hẹn giờ đăng
ui-checks-field-post = Bài viết
ui-checks-select = Chỉ chỗ này trong bài
ui-checks-override = Vẫn đăng…
ui-checks-override-reason = Lý do vẫn đăng dù còn lỗi này
ui-checks-override-placeholder = Ví dụ: số đường dây nóng của UBND xã, được phép công khai
ui-checks-override-confirm = Ghi lý do
ui-checks-override-cancel = Hủy
ui-checks-overridden = Đã ghi lý do vẫn đăng: { $reason }
ui-checks-queue-blocked = Chưa thể đưa vào hàng chờ đăng: hãy sửa các lỗi màu đỏ dưới đây, hoặc ghi lý do vẫn đăng.
ui-checks-queue-retry = Đã ghi lý do cho mọi lỗi. Bạn có thể chọn lại trạng thái “Đang chờ đăng”.
