# Loa — giao diện đăng bài: bài chờ đăng, kênh đăng, hộp “Đăng…”, đèn kết nối.

## Thanh trên cùng

ui-nav-queue = Bài chờ đăng
ui-nav-queue-attention = { $count } bài cần bạn xem
ui-online-online = Đang có mạng
ui-online-offline = Mất kết nối
ui-online-partial = Kết nối chập chờn
ui-online-none = Chưa rõ kết nối
ui-online-paused = tạm dừng
ui-online-no-channels = Chưa có kênh đăng nào.
ui-online-link-unknown = chưa thử kết nối
ui-online-link-online = kết nối được
ui-online-link-offline = không kết nối được

## Bài chờ đăng

ui-queue-heading = Bài chờ đăng
ui-queue-summary = { $active } bài đang chờ · { $attention } cần bạn xem · { $published } đã đăng
ui-queue-pause = Tạm dừng đăng
ui-queue-resume = Tiếp tục đăng
ui-queue-paused-banner = Đã tạm dừng: Loa không gửi bài nào cho đến khi bạn bấm “Tiếp tục đăng”. Các bài vẫn nằm nguyên, không mất bài nào.
ui-publish-unavailable = Chưa đăng bài được: { $reason }
ui-publish-preview-only = Đăng bài chỉ có trong ứng dụng Loa trên máy tính.
ui-queue-empty = Không có bài nào chờ đăng. Mở một bản nháp và bấm “Đăng…”.
ui-queue-untitled = (chưa có tiêu đề)
ui-queue-photos = { $count } ảnh
ui-queue-attempts = Đã thử { $count } lần
ui-queue-when-published = Đã đăng lúc { $time }
ui-queue-when-retry = Thử lại lúc { $time }
ui-queue-when-scheduled = Hẹn đăng lúc { $time }
ui-queue-progress-label = Đã gửi
ui-queue-progress = Đã gửi { $sent } / { $total } ({ $percent }%)
ui-queue-technical = Chi tiết kỹ thuật (gửi cho người hỗ trợ nếu cần)
ui-queue-platform-said = { $channel } trả lời: “{ $message }” (mã { $code })
ui-queue-post-link = Xem bài:
ui-queue-check-page = Hãy mở trang này để xem bài đã lên chưa:
ui-queue-state-queued = Đang chờ
ui-queue-state-media_uploaded = Sẵn sàng đăng
ui-queue-state-publishing = Đang đăng
ui-queue-state-published = Đã đăng
ui-queue-state-failed = Lỗi — cần bạn xử lý
ui-queue-state-unconfirmed = Chưa rõ — hãy xem trang
ui-queue-state-cancelled = Đã hủy
ui-queue-state-waiting-network = Chờ có mạng
ui-queue-open-post = Mở bài trên { $kind }
ui-queue-retry-now = Thử lại ngay
ui-queue-manage-channels = Thêm, kết nối kênh đăng…
ui-queue-hint-failed = Loa chưa đăng được bài này lên { $channel }. Nếu cần sửa bài, hãy sửa trong bài soạn rồi bấm “Đăng…” lại; nếu không, bấm “Thử lại” để gửi lại đúng bài này. Nếu vẫn không được, hãy gửi phần “Chi tiết kỹ thuật” cho người hỗ trợ.
ui-queue-hint-unconfirmed = Mạng bị ngắt đúng lúc đăng nên Loa không chắc bài đã lên { $channel } hay chưa. Hãy mở trang để xem: nếu bài đã có, bấm “Đánh dấu đã đăng”; nếu chưa có, bấm “Đăng lại”.
ui-queue-hint-channel-paused = Kênh { $channel } đang tạm dừng. Bấm “Tiếp tục” ở kênh này (bên phải) để đăng.
ui-queue-limit-other = { $channel } sẽ từ chối bài này ({ $detail }).
ui-queue-retry = Thử lại
ui-queue-retry-unconfirmed = Đăng lại…
ui-queue-retry-question = Bạn đã mở trang { $channel } và chắc chắn bài CHƯA có ở đó? Nếu bài đã có, đăng lại sẽ thành hai bài.
ui-queue-retry-confirm = Chưa có — đăng lại
ui-queue-mark-published = Đánh dấu đã đăng
ui-queue-mark-question = Dán đường dẫn tới bài trên { $channel } (không bắt buộc):
ui-queue-mark-placeholder = https://…
ui-queue-mark-confirm = Đã có trên trang
ui-queue-back = Quay lại
ui-queue-cancel = Hủy đăng

## Lỗi trình bày theo cách của cửa sổ (câu của lõi nhắc tới lệnh dòng lệnh)

ui-error-photos-need-image-host = { $channel } (Zalo) chỉ nhận ảnh có sẵn trên một trang web. Ở Cài đặt › Kênh đăng, sửa kênh { $channel } và chọn trang web của xã làm “Nơi lưu ảnh”, hoặc bỏ ảnh khỏi bài khi đăng lên { $channel }.
ui-error-channel-not-found = Không còn kênh “{ $channel }”. Hãy chọn kênh khác ở Cài đặt › Kênh đăng.
ui-error-missing-credentials = Kênh “{ $channel }” chưa có mã truy cập hoặc mật khẩu. Bấm “Sửa” ở kênh này và nhập mã truy cập.
ui-error-already-queued = Bài này đã có trong Bài chờ đăng của { $channel }. Muốn đăng lại thì hủy bài đó trong Bài chờ đăng trước.
ui-error-outbox-conflict = Bài này vừa thay đổi trong lúc Loa đang đăng. Không mất gì cả; Loa sẽ tự xem lại.
ui-error-outbox-wrong-state = Bài này vừa chuyển sang bước khác nên lúc này không làm được việc đó. Hãy xem lại bài trong Bài chờ đăng.
ui-error-confirm-not-published = Loa không chắc bài này đã lên trang hay chưa. Hãy mở trang để xem trước; chỉ đăng lại nếu bài chưa có, hoặc đánh dấu là đã đăng.

## Kênh đăng

ui-channel-heading = Kênh đăng
ui-channel-add = Thêm kênh khác…
ui-channel-add-heading = Thêm kênh đăng
ui-channel-edit-heading = Sửa kênh “{ $name }”
ui-channel-empty = Chưa có kênh nào. Thêm Trang Facebook, Zalo OA, trang thông tin điện tử của xã hoặc một thư mục (USB).
ui-channel-kind-facebook = Trang Facebook
ui-channel-kind-zalo = Zalo OA
ui-channel-kind-wordpress = Trang web (WordPress)
ui-channel-kind-folder = Thư mục / USB
ui-channel-status-ok = Sẵn sàng
ui-channel-status-paused = Tạm dừng
ui-channel-status-throttled = Nghỉ đến { $until } theo yêu cầu của nền tảng
ui-channel-status-needs_reconnect = Cần mã truy cập mới
ui-channel-link-unknown = Sẵn sàng
ui-channel-link-online = Sẵn sàng · kết nối được
ui-channel-link-offline = Mất kết nối — bài sẽ chờ đến khi có mạng
ui-channel-credentials-file = Mã truy cập đang được lưu trong một tệp (máy chưa có kho khóa). Xem thêm
ui-channel-field-kind = Loại kênh
ui-channel-field-name = Tên kênh
ui-channel-name-placeholder-facebook = Ví dụ: Trang UBND xã
ui-channel-name-placeholder-zalo = Ví dụ: Zalo OA của xã
ui-channel-name-placeholder-wordpress = Ví dụ: Cổng thông tin điện tử xã
ui-channel-name-placeholder-folder = Ví dụ: USB gửi huyện
ui-channel-field-page-id = Mã Trang (Page ID)
ui-channel-field-page-token = Mã truy cập của Trang (Page access token)
ui-channel-field-access-token = Mã truy cập (access token)
ui-channel-field-refresh-token = Mã làm mới (refresh token)
ui-channel-field-app-id = Mã ứng dụng (App ID)
ui-channel-field-secret-key = Khóa bí mật của ứng dụng (secret key)
ui-channel-field-image-host = Nơi lưu ảnh cho bài Zalo
ui-channel-image-host-none = Không có — chỉ đăng chữ
ui-channel-image-host-help = Bài viết Zalo chỉ hiện ảnh đã có trên một trang web. Chọn trang web của xã để Loa đưa ảnh lên đó trước.
ui-channel-field-site-url = Địa chỉ trang web
ui-channel-field-user = Tên đăng nhập WordPress
ui-channel-field-app-password = Mật khẩu ứng dụng (Application password)
ui-channel-app-password-help = Tạo trong WordPress: Thành viên → Hồ sơ → Mật khẩu ứng dụng. Không dùng mật khẩu đăng nhập.
ui-channel-field-folder = Thư mục lưu bài
ui-channel-folder-pick = Chọn thư mục…
ui-channel-advanced = Nâng cao
ui-channel-field-base-url = Địa chỉ máy chủ API
ui-channel-base-url-help = Để trống để dùng máy chủ thật. Chỉ đổi khi thử với máy chủ thử nghiệm.
ui-channel-secret-saved = đã lưu — để trống để giữ nguyên
ui-channel-secret-saved-short = Mã truy cập: đã lưu
ui-channel-secret-missing = Mã truy cập: chưa có
ui-channel-secrets-note = Mã truy cập và mật khẩu được cất trong kho khóa của máy, không bao giờ hiện lại ở đây.
ui-channel-missing = Còn thiếu: { $fields }
ui-channel-save = Lưu kênh
ui-channel-form-cancel = Thôi
ui-channel-page-url = Trang để xem các bài đã đăng
ui-channel-test = Kiểm tra kết nối
ui-channel-testing = Đang kiểm tra…
ui-channel-test-ok = Đã kết nối tới “{ $name }”.
ui-channel-edit = Sửa
ui-channel-pause = Tạm dừng
ui-channel-resume = Tiếp tục

## Hộp “Đăng…” trong trình soạn

ui-draft-queue = Đăng…
ui-draft-queued = Bài chờ đăng: { $channels }
ui-queue-dialog-title = Đăng bài
ui-queue-dialog-channels = Đăng lên
ui-queue-dialog-already = đã có trong Bài chờ đăng
ui-queue-dialog-at = Đăng lúc (ngày/tháng/năm giờ:phút)
ui-queue-dialog-at-help-now = Để trống: đăng ngay khi có mạng.
ui-queue-dialog-at-help-set = Loa sẽ đăng lúc { $time } (ngày/tháng/năm, giờ trên máy tính của bạn).
ui-queue-dialog-at-invalid = Thời điểm này không có thật. Hãy chọn lại ngày giờ.
ui-publish-mode = Đăng khi nào
ui-publish-now = Đăng ngay
ui-publish-now-help = Ngay khi có mạng. Mất mạng thì bài chờ, có mạng lại tự đăng.
ui-publish-schedule = Hẹn giờ
ui-publish-schedule-help = Loa đăng đúng giờ bạn chọn.
ui-publish-confirm-now = { $count ->
    [0] Đăng ngay
   *[other] Đăng ngay lên { $count } kênh
}
ui-publish-confirm-schedule = { $count ->
    [0] Hẹn giờ đăng
   *[other] Hẹn giờ đăng lên { $count } kênh
}
ui-queue-dialog-at-past = Giờ này đã qua. Hãy chọn một giờ sắp tới, hoặc chọn “Đăng ngay”.
ui-queue-dialog-republish = Bài này đã đăng lúc { $time }. Đăng thêm lần nữa sẽ thành hai bài giống nhau trên trang. Chỉ đăng lại nếu bạn chắc chắn cần.
ui-queue-dialog-republish-confirm = Vẫn đăng lại
ui-preview-heading = Bài sẽ trông như thế này
ui-preview-page = Trang của xã
ui-preview-just-now = Vừa xong
ui-preview-zalo-no-cover = Bài Zalo cần một ảnh bìa: hãy thêm ít nhất một ảnh vào bài.
ui-preview-website = Trang web “{ $channel }”: tiêu đề và toàn bộ nội dung như trên.
ui-queue-dialog-busy = Đang chuẩn bị bài…
ui-queue-dialog-cancel = Thôi
ui-queue-dialog-no-channels = Chưa có kênh đăng nào. Hãy thêm Trang Facebook, Zalo OA hoặc trang web của xã trước.
ui-queue-dialog-open-channels = Thêm kênh đăng

## Thông báo

ui-notice-batch-ok = Đã đăng xong { $published } bài.
ui-notice-batch-done = Đã xử lý xong các bài chờ đăng: { $published } bài đã đăng, { $failed } lỗi, { $unconfirmed } cần xem lại.
ui-notice-attention = Một bài trên { $channel } cần bạn xem: { $state }.
ui-notice-open-queue = Xem bài chờ đăng

## Bài đã đăng, chia sẻ vào nhóm Zalo

ui-published-banner = Đã đăng lúc { $time } trên { $channel } — sửa ở đây không đổi bài trên trang.
ui-published-open = Mở bài
ui-share-zalo = Chia sẻ vào nhóm Zalo
ui-share-zalo-title = Chép chữ của bài và để sẵn ảnh trong một thư mục, để dán vào nhóm Zalo của thôn
ui-share-zalo-busy = Đang chuẩn bị ảnh…
ui-share-zalo-copied = Đã chép chữ của bài.
ui-share-zalo-not-copied = Máy chưa cho chép chữ tự động: hãy chọn chữ trong bài và bấm Ctrl+C.
ui-share-zalo-photos = { $count ->
    [0] Bài không có ảnh.
   *[other] { $count } ảnh đã sẵn sàng trong thư mục { $folder } (đã mở thư mục).
}
ui-share-zalo-next = Mở nhóm Zalo, bấm Ctrl+V để dán chữ, rồi kéo các ảnh từ thư mục vào khung chat.
ui-share-zalo-close = Đóng
