# Loa — kênh đăng bài (thư viện loa-channels): cần làm gì khi một lần gửi thất bại, và vì sao
# một bài không đưa được lên một kênh. Thông báo gốc của nền tảng hiện ngay bên dưới các dòng này.

## Cần làm gì, theo loại lỗi (ChannelError::hint_id)

channel-hint-transient = Yêu cầu chưa gửi được. Loa sẽ tự thử lại.
channel-hint-offline = Chưa kết nối được tới { $channel }. Bài vẫn nằm trong hàng chờ và tự đăng khi có mạng trở lại.
channel-hint-ambiguous = Mạng bị ngắt khi { $channel } đang trả lời. Loa sẽ kiểm tra xem bài đã lên chưa rồi mới thử lại, nên bài không bao giờ bị đăng hai lần.
channel-hint-throttled = { $channel } yêu cầu Loa gửi chậm lại. Việc đăng bài sẽ tự tiếp tục sau { $minutes } phút.
channel-hint-auth = { $channel } không còn chấp nhận quyền truy cập của Loa. Mở mục Kênh và kết nối lại { $channel }; các bài trong hàng chờ sẽ đợi đến lúc đó.
channel-hint-invalid = { $channel } từ chối bài này. Sửa theo thông báo bên dưới rồi đưa bài vào hàng chờ lại.

## Vì sao không đưa được bài vào hàng chờ của một kênh (LimitViolation)

channel-limit-title-missing = { $channel } cần có tiêu đề.
channel-limit-title-too-long = Tiêu đề có { $actual } ký tự; { $channel } chỉ nhận tối đa { $max }. Hãy rút ngắn tiêu đề.
channel-limit-text-too-long = Nội dung có { $actual } ký tự; { $channel } chỉ nhận tối đa { $max }.
channel-limit-too-many-photos = { $max ->
    [0] { $channel } không nhận ảnh gửi từ Loa (bài viết Zalo chỉ hiện ảnh đã có trên một trang web công khai). Hãy bỏ ảnh khi đăng lên { $channel }, hoặc đăng ảnh lên kênh khác.
   *[other] { $channel } nhận tối đa { $max } ảnh; bài này có { $actual } ảnh.
}
channel-limit-photo-too-large = Ảnh { $index } nặng { $actual_mb } MB; { $channel } chỉ nhận ảnh tối đa { $max_mb } MB. Hãy chuẩn bị lại ảnh với kích thước nhỏ hơn.
channel-limit-photo-format = Ảnh { $index } có định dạng mà { $channel } không nhận. Hãy chuẩn bị lại ảnh dạng JPEG.
