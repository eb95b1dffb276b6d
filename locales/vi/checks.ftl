# Loa — kiểm tra bài viết trước khi đăng.
# Mỗi mục có một thông báo và một gợi ý cách sửa. Số giấy tờ, số điện thoại chỉ hiện dạng che bớt.

## Thông tin cá nhân

check-citizen-id = Bài viết có số căn cước công dân ({ $found }). Không được công khai số định danh cá nhân của người dân.
check-citizen-id-fix = Xin xoá số này hoặc che bớt (ví dụ chỉ giữ 3 số cuối) trước khi đăng.
check-old-id-number = Bài viết có số chứng minh nhân dân ({ $found }). Không được công khai số giấy tờ tùy thân của người dân.
check-old-id-number-fix = Xin xoá số này hoặc che bớt trước khi đăng.
check-phone-number = Bài viết có số điện thoại di động ({ $found }).
check-phone-number-fix = Nếu là số của người dân, xin xoá hoặc che bớt. Nếu là số đường dây nóng của cơ quan thì có thể giữ nguyên.
check-email = Bài viết có địa chỉ thư điện tử ({ $found }).
check-email-fix = Nếu là thư điện tử của cá nhân, xin xoá trước khi đăng. Nếu là địa chỉ của cơ quan thì có thể giữ nguyên.

## Ảnh

check-photo-alt-missing = Ảnh số { $number } chưa có mô tả.
check-photo-alt-missing-fix = Xin viết một câu ngắn mô tả nội dung ảnh, giúp người khiếm thị và người dùng mạng yếu hiểu được ảnh.

## Giới hạn của Facebook

check-facebook-text-too-long = Nội dung đăng lên Facebook dài { $length } ký tự, vượt giới hạn { $limit } ký tự.
check-facebook-text-too-long-fix = Xin rút gọn nội dung, hoặc tách thành nhiều bài.
check-facebook-too-many-photos = Bài viết có { $count } ảnh; mỗi bài trên Facebook chỉ nên đăng tối đa { $limit } ảnh.
check-facebook-too-many-photos-fix = Xin bớt ảnh, hoặc chia thành nhiều bài.
check-facebook-photo-too-large = Ảnh số { $number } nặng { $size } MB, vượt giới hạn { $limit } MB của Facebook.
check-facebook-photo-too-large-fix = Xin xử lý lại ảnh bằng mẫu “Facebook” để giảm dung lượng.

## Giới hạn của Zalo OA

check-zalo-title-too-long = Tiêu đề dài { $length } ký tự, vượt giới hạn { $limit } ký tự của bài viết Zalo OA.
check-zalo-title-too-long-fix = Xin rút gọn tiêu đề; phần vượt quá đã được đánh dấu.
check-zalo-description-too-long = Đoạn mở đầu dài { $length } ký tự, vượt giới hạn { $limit } ký tự của phần mô tả bài viết Zalo OA.
check-zalo-description-too-long-fix = Xin rút gọn đoạn đầu tiên, hoặc xuống dòng hai lần để tách đoạn; đoạn đầu được dùng làm mô tả trên Zalo.

## Hẹn giờ đăng

check-schedule-outside-window = Giờ hẹn đăng nằm ngoài khoảng Facebook cho phép (từ { $min_minutes } phút đến { $max_days } ngày kể từ bây giờ).
check-schedule-outside-window-fix = Xin chọn lại giờ đăng trong khoảng này, hoặc bỏ hẹn giờ để đăng ngay khi có mạng.

## Chất lượng văn bản

check-not-nfc = Văn bản có chữ được mã hoá theo dạng tổ hợp (dấu tách rời khỏi chữ), có thể hiển thị hoặc tìm kiếm sai.
check-not-nfc-fix = Xin lưu lại bản nháp: Loa sẽ tự chuẩn hoá văn bản.
check-legacy-encoding = Văn bản có vẻ vẫn ở bảng mã cũ { $encoding } (ví dụ “{ $sample }”), người xem sẽ thấy chữ lỗi.
check-legacy-encoding-fix = Xin cắt đoạn chữ này rồi dán lại vào bài: Loa sẽ đề nghị chuyển sang chữ Unicode. Bấm đồng ý rồi kiểm tra lại.
check-empty-post = Bài viết chưa có tiêu đề và nội dung.
check-empty-post-fix = Xin nhập tiêu đề hoặc nội dung trước khi đăng.
