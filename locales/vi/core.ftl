# Loa — thông điệp dùng chung cho ứng dụng và dòng lệnh (chủ đề, trạng thái, lỗi).

## Chủ đề bài viết

topic-policy_law = Chính sách, pháp luật
topic-weather_disaster = Thời tiết, thiên tai
topic-health = Y tế, sức khỏe
topic-admin_procedure = Thủ tục hành chính
topic-security_scam = An ninh, cảnh báo lừa đảo
topic-culture_tourism = Văn hóa, du lịch
topic-economy_products = Kinh tế, sản phẩm địa phương
topic-good_deeds = Người tốt, việc tốt
topic-other = Khác

## Trạng thái bản nháp

status-draft = Bản nháp
status-ready = Sẵn sàng
status-queued = Đang chờ đăng
status-published = Đã đăng
status-archived = Lưu trữ

## Ngôn ngữ

lang-vi = Tiếng Việt
lang-en = English

## Lỗi

error-draft-not-found = Không tìm thấy bản nháp số { $id }.
error-revision-not-found = Không tìm thấy phiên bản { $revision } của bản nháp số { $id }.
error-draft-in-trash = Bản nháp số { $id } đang ở thùng rác. Hãy khôi phục trước khi sửa.
error-published-by-hand = Chỉ Loa mới ghi “Đã đăng”, khi bài đã thật sự lên trang. Muốn đăng bài này, bấm “Đăng…”. Nếu bài đã được đăng bằng cách khác, mở mục Bài chờ đăng và bấm “Đánh dấu đã đăng” ở bài đó.
error-open-with-system = Loa không mở được “{ $target }” trên máy này. Hãy tự mở thư mục hoặc địa chỉ đó.
error-nothing-to-open = Bài này chưa có địa chỉ trên trang để mở. Hãy đợi bài đăng xong.
error-data-dir = Không dùng được thư mục dữ liệu { $path }. Hãy kiểm tra quyền ghi của thư mục và dung lượng ổ đĩa.
error-database = Loa không đọc hoặc ghi được dữ liệu của mình. Hãy đóng Loa rồi mở lại; nếu vẫn lỗi, hãy báo cho hỗ trợ kỹ thuật.
error-database-read-only = Loa không ghi được vào thư mục dữ liệu (thư mục hoặc ổ đĩa chỉ cho phép đọc). Hãy kiểm tra quyền ghi của thư mục, hoặc chép hồ sơ sang nơi ghi được.
error-disk-full = Ổ đĩa đã đầy nên Loa không lưu được. Hãy xóa bớt tệp không cần rồi thử lại; thay đổi vừa rồi chưa được lưu.
error-database-corrupt = Tệp dữ liệu loa.db bị hỏng, Loa không đọc được. Đừng xóa tệp này; hãy khôi phục từ bản sao lưu gần nhất hoặc báo cho hỗ trợ kỹ thuật.
error-database-too-new = Dữ liệu này được tạo bởi phiên bản Loa mới hơn. Hãy cập nhật Loa để mở.
error-migration = Không nâng cấp được cơ sở dữ liệu ({ $detail }). Dữ liệu cũ vẫn còn nguyên.
error-invalid-value = Giá trị “{ $value }” không hợp lệ cho { $field ->
        [topic] chủ đề
        [status] trạng thái
        [lang] ngôn ngữ
       *[other] { $field }
    }. Các giá trị hợp lệ: { $allowed }.
error-read-file = Không đọc được { $path } ({ $detail }).
error-write-file = Không lưu được tệp { $path }. Hãy chọn thư mục khác hoặc kiểm tra ổ đĩa còn chỗ trống rồi thử lại.
error-file-not-utf8 = { $path } không phải văn bản UTF-8. Nếu tệp gõ bằng phông TCVN3 (ABC) hoặc VNI, hãy mở tệp, chép chữ và dán vào một bản nháp (Loa sẽ đề nghị chuyển sang Unicode), hoặc lưu tệp lại dưới dạng Unicode.
error-file-empty = { $path } không có nội dung.
error-file-unsupported = { $path } không phải tệp .txt, .md, .rtf hoặc .docx.
error-internal = Đã xảy ra lỗi không mong muốn ({ $detail }). Nội dung của bạn vẫn còn trên màn hình.
error-file-unreadable = Không đọc được nội dung của { $path } ({ $detail }). Tệp có thể bị hỏng; hãy mở bằng Word và lưu lại.
error-checks-block = Chưa thể đăng bài này: còn { $count } điều cần sửa (xem “Kiểm tra trước khi đăng”). Hãy sửa, hoặc ghi lý do nếu vẫn muốn đăng.
error-override-needs-reason = Hãy ghi lý do vẫn đăng dù còn cảnh báo này.
error-media-not-found = Không tìm thấy ảnh số { $id } trong thư viện ảnh.
error-media-unsupported = { $path } là ảnh { $format }, Loa chưa đọc được. Hãy chỉnh máy ảnh điện thoại sang JPEG (trên iPhone: Cài đặt › Camera › Định dạng › Tương thích nhất), hoặc xuất ảnh ra JPEG rồi thử lại.
error-media-not-a-photo = { $path } không phải ảnh JPEG, PNG hay WebP.
error-media-unreadable = Ảnh { $path } bị hỏng, không đọc được ({ $detail }). Hãy chép lại ảnh từ điện thoại.
error-media-store = Không lưu được ảnh vào thư viện ({ $path }: { $detail }). Hãy kiểm tra ổ đĩa còn chỗ trống.
error-media-not-attached = Ảnh số { $media } không có trong bản nháp số { $id }.
error-folder-not-found = Không tìm thấy thư mục { $path }. Hãy chọn lại thư mục (thẻ nhớ hoặc USB có thể đã được rút ra).
error-watch-folder-not-found = Không tìm thấy thư mục theo dõi số { $id }.
error-watch = Không theo dõi được thư mục ảnh ({ $detail }). Ảnh vẫn có thể thêm bằng cách chọn tệp.
error-watermark-logo = Không dùng được logo { $path } ({ $detail }). Logo phải là ảnh PNG, mỗi cạnh không quá 4096 điểm ảnh.
error-media-process = Không chuẩn bị được ảnh số { $id } để đăng.
