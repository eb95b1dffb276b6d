# Loa — kênh đăng bài (thư viện loa-channels): cần làm gì khi một lần gửi thất bại, và vì sao
# một bài không đưa được lên một kênh. Thông báo gốc của nền tảng hiện ngay bên dưới các dòng này.

## Cần làm gì, theo loại lỗi (ChannelError::hint_id)

channel-hint-transient = Yêu cầu chưa gửi được. Loa sẽ tự thử lại.
channel-hint-offline = Không kết nối được tới { $channel }. Hãy kiểm tra Wi-Fi hoặc 4G của máy. Bài vẫn chờ và sẽ tự đăng khi có mạng trở lại.
channel-hint-ambiguous = Mạng bị ngắt khi { $channel } đang trả lời. Loa sẽ kiểm tra xem bài đã lên chưa rồi mới thử lại, nên bài không bao giờ bị đăng hai lần.
channel-hint-throttled = { $channel } yêu cầu Loa gửi chậm lại. Việc đăng bài sẽ tự tiếp tục sau { $minutes } phút.
channel-hint-auth = { $channel } không còn chấp nhận quyền truy cập của Loa. Mở Cài đặt › Kênh đăng và kết nối lại { $channel }; các bài chờ đăng sẽ đợi đến lúc đó.
channel-hint-invalid = { $channel } từ chối bài này. Sửa theo thông báo bên dưới rồi bấm “Đăng…” lại.
channel-hint-no-cover = Bài viết trên { $channel } cần một ảnh bìa, mà bài này không có ảnh và trang Zalo OA cũng chưa có ảnh bìa. Hãy thêm một ảnh vào bài (ảnh đầu tiên sẽ làm ảnh bìa) rồi bấm “Đăng…” lại, hoặc đặt ảnh bìa cho trang Zalo OA; không cần kết nối lại.

## Vì sao một kênh không nhận bài (LimitViolation)

channel-limit-title-missing = { $channel } cần có tiêu đề.
channel-limit-title-too-long = Tiêu đề có { $actual } ký tự; { $channel } chỉ nhận tối đa { $max }. Hãy rút ngắn tiêu đề.
channel-limit-text-too-long = Nội dung có { $actual } ký tự; { $channel } chỉ nhận tối đa { $max }.
channel-limit-too-many-photos = { $max ->
    [0] { $channel } không nhận ảnh gửi từ Loa (bài viết Zalo chỉ hiện ảnh đã có trên một trang web công khai). Hãy bỏ ảnh khi đăng lên { $channel }, hoặc đăng ảnh lên kênh khác.
   *[other] { $channel } nhận tối đa { $max } ảnh; bài này có { $actual } ảnh.
}
channel-limit-photo-too-large = Ảnh { $index } nặng { $actual_mb } MB; { $channel } chỉ nhận ảnh tối đa { $max_mb } MB. Hãy chuẩn bị lại ảnh với kích thước nhỏ hơn.
channel-limit-photo-format = Ảnh { $index } có định dạng mà { $channel } không nhận. Hãy chuẩn bị lại ảnh dạng JPEG.
