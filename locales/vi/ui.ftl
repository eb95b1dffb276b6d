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
ui-checks-mask = Che số (giữ 3 số cuối)
ui-checks-override-example-citizen-id = Ví dụ: người trong bài đồng ý công khai, có giấy đồng ý lưu ở xã
ui-checks-override-example-old-id-number = Ví dụ: số giấy tờ của tổ chức, không phải của cá nhân
ui-checks-override-example-facebook-text-too-long = Ví dụ: văn bản pháp luật phải đăng nguyên văn
ui-checks-override-example-facebook-too-many-photos = Ví dụ: phóng sự ảnh cần đủ các ảnh này
ui-checks-override-example-facebook-photo-too-large = Ví dụ: bản đồ cần giữ độ nét để đọc được tên thôn
ui-checks-override-example-zalo-title-too-long = Ví dụ: tên văn bản phải giữ đủ, chấp nhận Zalo cắt bớt
ui-checks-override-example-zalo-description-too-long = Ví dụ: đoạn đầu là trích dẫn phải giữ nguyên
ui-checks-override-example-schedule-outside-window = Ví dụ: bài chỉ đăng trên trang web của xã, không qua Facebook
ui-checks-override-example-legacy-encoding = Ví dụ: đã xem lại, chữ hiển thị đúng
ui-checks-override-example-empty-post = Ví dụ: bài chỉ có ảnh, không cần chữ
ui-checks-overridden = Đã ghi lý do vẫn đăng: { $reason }
ui-checks-queue-blocked = Chưa thể đăng: hãy sửa các lỗi màu đỏ dưới đây, hoặc ghi lý do vẫn đăng.
ui-checks-queue-retry = Đã ghi lý do cho mọi lỗi. Bạn có thể chọn lại trạng thái “Đang chờ đăng”.

## Ảnh: thư viện, thư mục theo dõi, chuẩn bị để đăng
ui-nav-drafts = Bản nháp
ui-nav-media = Ảnh
ui-nav-title = Chuyển giữa bản nháp và thư viện ảnh
ui-media-heading = Thư viện ảnh
ui-media-import = Thêm ảnh, video…
ui-media-import-filter = Ảnh JPEG, PNG, WebP và video MP4, MOV, 3GP, WebM
ui-media-importing = Đang thêm ảnh…
ui-media-select-all = Chọn tất cả
ui-media-clear-selection = Bỏ chọn
ui-media-selected = Đã chọn { $count } ảnh
ui-media-empty = Chưa có ảnh hay video nào. Bấm “Thêm ảnh, video…”, kéo thả tệp vào đây, hoặc thêm một thư mục theo dõi.
ui-media-drop-here = Thả ảnh vào đây để thêm vào thư viện
ui-media-location = Có vị trí
ui-media-location-title = Ảnh có tọa độ GPS. Bản chuẩn bị để đăng sẽ bỏ vị trí này.
ui-media-preview-only = Thư viện ảnh chỉ có trong ứng dụng Loa trên máy tính.
ui-media-folders-heading = Thư mục theo dõi
ui-media-folders-empty = Chưa theo dõi thư mục nào. Ảnh mới chép vào thư mục theo dõi sẽ tự vào thư viện.
ui-media-folder-add = Thêm thư mục…
ui-media-folder-remove = Bỏ theo dõi
ui-media-prepare-heading = Chuẩn bị để đăng
ui-media-preset = Nơi đăng
ui-media-preset-facebook = Facebook (2048 px)
ui-media-preset-zalo = Zalo (1280 px)
ui-media-preset-web = Trang thông tin điện tử (1600 px)
ui-media-preset-print = In ấn (giữ nguyên cỡ)
ui-media-use-watermark = Đóng dấu lên ảnh
ui-media-watermark-text = Chữ đóng dấu
ui-media-watermark-text-placeholder = Ví dụ: UBND xã Mường Tè
ui-media-watermark-logo = Logo (PNG, được ưu tiên hơn chữ)
ui-media-watermark-logo-pick = Chọn logo…
ui-media-watermark-logo-clear = Bỏ logo
ui-media-watermark-logo-none = Chưa có logo
ui-media-watermark-logo-filter = Ảnh PNG
ui-media-watermark-position = Vị trí dấu
ui-media-position-br = Góc dưới phải
ui-media-position-bl = Góc dưới trái
ui-media-position-tr = Góc trên phải
ui-media-position-tl = Góc trên trái
ui-media-position-center = Giữa ảnh
ui-media-watermark-opacity = Độ đậm: { $percent }%
ui-media-preview = Xem trước
ui-media-preview-empty = Chọn một ảnh để xem trước dấu.
ui-media-attach = Đưa ảnh đã chọn vào bản nháp
ui-media-attach-to = { $count ->
    [one] Thêm 1 ảnh vào bài “{ $title }”
   *[other] Thêm { $count } ảnh vào bài “{ $title }”
}
ui-media-attach-new = Thêm { $count } ảnh vào một bài mới
ui-draft-images-heading = Ảnh của bài ({ $count })
ui-draft-images-empty = Bài chưa có ảnh. Mở mục “Ảnh” ở trên cùng để chọn ảnh.
ui-draft-images-alt = Mô tả ảnh { $n } (cho người khiếm thị)
ui-draft-images-alt-placeholder = Ảnh chụp gì, ở đâu
ui-draft-images-up = Đưa lên
ui-draft-images-down = Đưa xuống
ui-draft-images-remove = Bỏ khỏi bài
ui-media-prepare = Chuẩn bị ảnh để đăng
ui-media-prepare-cancel = Dừng
ui-media-progress = Đã xử lý { $done }/{ $total } ảnh
ui-media-result-ok = Ảnh { $n }: xong, { $width }×{ $height }, { $size } KB
ui-media-result-failed = Ảnh { $n }: lỗi. { $message }

ui-media-skipped-heading = Tệp chưa nhận được
ui-media-skipped-clear = Ẩn danh sách
