# Giao diện Loa — lần đầu mở Loa và phần Cài đặt (thông tin của xã, ngôn ngữ, dấu trên ảnh, sao lưu).

ui-nav-settings = Cài đặt
ui-nav-settings-title = Thông tin của xã, ngôn ngữ, dấu trên ảnh, sao lưu

## Lần đầu mở Loa

ui-setup-title = Chào mừng đến với Loa
ui-setup-intro = Vài thông tin về xã, phường để Loa điền sẵn vào các mẫu đồ họa và đóng dấu lên ảnh. Có thể bỏ qua, mọi thông tin đều sửa được sau trong Cài đặt.
ui-setup-skip = Bỏ qua
ui-setup-done = Xong, bắt đầu dùng Loa

## Thông tin của xã

ui-profile-commune = Tên xã, phường hoặc đặc khu
ui-profile-commune-placeholder = Ví dụ: Xã Nậm Cang
ui-profile-commune-help = Ghi cả chữ “Xã”, “Phường” hoặc “Đặc khu” ở đầu, như trên con dấu của UBND.
ui-profile-province = Tỉnh, thành phố
ui-profile-province-placeholder = Ví dụ: Lào Cai
ui-profile-province-help = Gõ vài chữ đầu để chọn trong 34 tỉnh, thành phố (từ ngày 1/7/2025).
ui-profile-logo = Logo của xã
ui-profile-logo-none = Chưa có logo
ui-profile-logo-pick = Chọn logo…
ui-profile-logo-change = Đổi logo…
ui-profile-logo-remove = Bỏ logo
ui-profile-logo-help = Ảnh PNG (nền trong suốt là đẹp nhất) hoặc JPEG. Loa dùng logo để đóng dấu lên ảnh và in lên mẫu đồ họa.
ui-profile-logo-filter = Ảnh logo
ui-profile-hotline = Số điện thoại đường dây nóng của xã
ui-profile-hotline-placeholder = Ví dụ: 0214 3871 234
ui-profile-watermark = Đóng dấu lên ảnh trước khi đăng
ui-profile-watermark-logo = Logo của xã
ui-profile-watermark-text = Tên UBND xã
ui-profile-watermark-none = Không đóng dấu
ui-profile-watermark-logo-needs-logo = Muốn đóng dấu bằng logo thì chọn logo của xã trước.
ui-profile-lang = Ngôn ngữ của Loa
ui-profile-lang-vi = Tiếng Việt
ui-profile-lang-en = English

## Cài đặt

ui-settings-title = Cài đặt
ui-settings-profile = Thông tin của xã
ui-settings-channels = Kênh đăng
ui-settings-language = Ngôn ngữ
ui-settings-watermark = Dấu trên ảnh
ui-settings-save = Lưu thay đổi
ui-settings-unsaved = Chưa lưu
ui-settings-saved = Đã lưu
ui-settings-language-help = Ngôn ngữ của cửa sổ Loa và của các thông báo. Tin bài vẫn viết được bằng cả hai thứ tiếng.
ui-settings-watermark-more = Vị trí, độ đậm nhạt của dấu và ảnh xem thử nằm ở mục Ảnh.
ui-settings-watermark-open-media = Mở mục Ảnh

## Sao lưu

ui-settings-backup = Sao lưu
ui-backup-help = Sao lưu toàn bộ tin bài, ảnh, mẫu đồ họa, bài chờ đăng và cài đặt vào một tệp, để cất sang USB hoặc máy khác. Mật khẩu, mã truy cập các trang không nằm trong tệp sao lưu. Ngoài ra Loa tự sao lưu mỗi ngày khi mở ứng dụng.
ui-backup-now = Sao lưu ra…
ui-backup-restore = Khôi phục từ…
ui-backup-list = Xem các bản tự sao lưu
ui-backup-filter = Tệp sao lưu Loa
ui-backup-progress = Đang sao lưu… { $percent }%
ui-backup-done = Đã sao lưu vào { $file } ({ $size }): { $drafts } tin bài, { $media } ảnh.
ui-backup-restore-title = Khôi phục từ bản sao lưu này?
ui-backup-restore-holds = Bản sao lưu tạo lúc { $date }: { $drafts } tin bài, { $media } ảnh, { $templates } mẫu đồ họa, { $queue } bài chờ đăng.
ui-backup-restore-aside = Loa kiểm tra toàn bộ tệp trước, rồi mở lại với dữ liệu từ bản sao lưu. Dữ liệu hiện tại được cất riêng, không bị xóa.
ui-backup-restore-go = Khôi phục và mở lại Loa
ui-backup-restoring = Đang kiểm tra bản sao lưu…
ui-backup-restore-cancel = Thôi
ui-backup-daily-empty = Chưa có bản tự sao lưu nào. Loa tự sao lưu mỗi ngày khi mở ứng dụng.
ui-backup-daily-help = Loa giữ bản sao của 7 ngày gần nhất và 4 tuần trước đó, trong thư mục backups của dữ liệu Loa.
ui-backup-recover-title = Không mở được dữ liệu của Loa
ui-backup-recover-body = Tệp dữ liệu trên máy bị hỏng. Loa còn bản tự sao lưu ngày { $date } ({ $drafts } tin bài, { $media } ảnh). Mở lại Loa với bản này? Tệp bị hỏng vẫn được cất riêng.
ui-backup-recover-go = Dùng bản sao lưu này và mở lại Loa

ui-read-only-notice = Loa chỉ mở được dữ liệu để xem: thư mục dữ liệu không ghi được (ổ đĩa chỉ cho đọc, không có quyền ghi, hoặc ổ đã đầy). Bạn vẫn đọc và chép được các tin bài, nhưng mọi thay đổi sẽ không được lưu. Hãy giải phóng ổ đĩa hoặc nhờ người hỗ trợ kiểm tra quyền ghi, rồi mở lại Loa.
