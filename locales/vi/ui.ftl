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
