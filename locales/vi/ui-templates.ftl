# Loa — màn hình “Mẫu đồ họa”: thư viện mẫu, ô điền nội dung, ảnh xem trước, tạo bản nháp.

ui-nav-templates = Mẫu đồ họa

## Thư viện mẫu

ui-templates-heading = Mẫu đồ họa
ui-templates-intro = Chọn một mẫu, sửa nội dung, Loa vẽ ảnh và soạn sẵn bài đăng.
ui-templates-search-label = Tìm mẫu
ui-templates-search-placeholder = Tìm theo tên mẫu, ví dụ “mưa lớn”
ui-templates-category-label = Lọc theo nhóm
ui-templates-category-all = Tất cả
ui-templates-count = { $count } mẫu
ui-templates-loading = Đang tải danh sách mẫu…
ui-templates-none = Chưa có mẫu nào.
ui-templates-no-match = Không có mẫu nào khớp với “{ $query }”.
ui-templates-clear-filters = Xóa bộ lọc
ui-templates-thumb-loading = Đang vẽ ảnh mẫu…
ui-templates-thumb-failed = Chưa vẽ được ảnh mẫu
ui-templates-open = Dùng mẫu “{ $name }”

## Ô điền nội dung

ui-templates-back = ← Tất cả mẫu
ui-templates-form-heading = Nội dung
ui-templates-required-note = Ô có dấu * là bắt buộc.
ui-templates-required = Bắt buộc
ui-templates-counter = { $count }/{ $max }
ui-templates-list-help = Mỗi dòng là một mục.
ui-templates-list-counter = { $count } mục
ui-templates-list-counter-max = { $count }/{ $max } mục
ui-templates-table-add = + Thêm hàng
ui-templates-table-remove = Xóa hàng { $row }
ui-templates-table-row = Hàng { $row }
ui-templates-image-none = Chưa chọn ảnh
ui-templates-image-library = Chọn từ thư viện ảnh
ui-templates-image-file = Chọn tệp ảnh…
ui-templates-image-filter = Ảnh
ui-templates-image-clear = Bỏ ảnh
ui-templates-image-library-heading = Thư viện ảnh
ui-templates-image-library-empty = Thư viện ảnh đang trống. Hãy nhập ảnh ở mục “Ảnh” hoặc chọn tệp ảnh.
ui-templates-image-library-close = Đóng
ui-templates-image-library-photo = Ảnh thư viện số { $id }
ui-templates-qr-placeholder = https://…
ui-templates-choice-empty = — Chọn —
ui-templates-reset = Xóa nội dung đã nhập

## Ảnh xem trước

ui-templates-preview = Xem trước
ui-templates-preview-full = Xem cỡ thật
ui-templates-preview-full-note = Ảnh đúng cỡ { $width } × { $height } điểm ảnh. Kéo để xem hết; bấm Esc hoặc “Đóng” để quay lại.
ui-templates-preview-full-close = Đóng
ui-templates-preview-alt = Ảnh xem trước: { $name }
ui-templates-preview-busy = Đang vẽ…
ui-templates-preview-empty = Ảnh sẽ hiện ở đây sau khi vẽ xong.
ui-templates-preview-error-heading = Chưa vẽ được ảnh
ui-templates-preview-stale = Ảnh dưới đây là bản vẽ trước đó.
ui-templates-preview-size = { $width } × { $height } px
ui-templates-preview-time = Vẽ trong { $ms } ms
ui-templates-size = Cỡ ảnh
ui-templates-size-1080x1350 = Dọc 1080×1350 (Facebook, Zalo)
ui-templates-size-1080x1080 = Vuông 1080×1080
ui-templates-size-1200x630 = Ngang 1200×630 (ảnh đường dẫn, trang web)
ui-templates-size-a4 = Trang A4 (để in, dán bảng tin)
ui-templates-size-a3 = Trang A3 (để in khổ lớn)
ui-templates-lang = Ngôn ngữ của ảnh
ui-templates-caption = Nội dung bài đăng
ui-templates-caption-note = Đây sẽ là nội dung của bản nháp; có thể sửa tiếp trong trình soạn thảo.

## Tạo bản nháp

ui-templates-use = Tạo bản nháp
ui-templates-using = Đang tạo bản nháp…
ui-templates-use-note = Loa vẽ ảnh cỡ đã chọn, đưa vào thư viện ảnh và gắn vào bản nháp mới.
ui-templates-fix-first = Hãy sửa ô đang báo lỗi trước khi tạo bản nháp.
ui-templates-sample = Ví dụ: { $value }
ui-templates-preview-sample-note = Ô bắt buộc còn trống đang hiện nội dung ví dụ (chữ xám trong ô). Bản nháp chỉ được tạo khi bạn đã điền thông tin thật.
ui-templates-refuse-empty = Chưa tạo bản nháp: ô “{ $field }” còn trống. Hãy điền ô này.
ui-templates-refuse-sample = Chưa tạo bản nháp: ô “{ $field }” vẫn là nội dung ví dụ. Hãy nhập thông tin thật của xã.
ui-templates-refuse-past = Chưa tạo bản nháp: ô “{ $field }” là thời điểm đã qua. Hãy chọn ngày giờ sắp tới (thời điểm phát hành là hôm nay).
ui-templates-hide = Ẩn
ui-templates-hide-label = Ẩn mẫu “{ $name }” khỏi danh sách (mẫu có sẵn không xóa được)
ui-templates-unhide = Hiện lại
ui-templates-unhide-label = Hiện lại mẫu “{ $name }” trong danh sách
ui-templates-hidden-show = Xem { $count } mẫu đã ẩn
ui-templates-hidden-hide = Thôi xem mẫu đã ẩn
ui-templates-delete = Xóa
ui-templates-delete-confirm = Bấm lần nữa để xóa
ui-templates-delete-label = Xóa mẫu “{ $name }”
