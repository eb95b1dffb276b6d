# Loa — kênh đăng bài (thư viện loa-channels): cần làm gì khi một lần gửi thất bại, và vì sao
# một bài không đưa được lên một kênh. Câu trả lời gốc của nền tảng để riêng trong “Chi tiết kỹ thuật”, cho người hỗ trợ.

## Cần làm gì, theo loại lỗi (ChannelError::hint_id)

channel-hint-transient = Yêu cầu chưa gửi được. Loa sẽ tự thử lại.
channel-hint-offline = Không kết nối được tới { $channel }. Hãy kiểm tra Wi-Fi hoặc 4G của máy. Bài vẫn chờ và sẽ tự đăng khi có mạng trở lại.
channel-hint-ambiguous = Mạng bị ngắt khi { $channel } đang trả lời. Loa sẽ kiểm tra xem bài đã lên chưa rồi mới thử lại, nên bài không bao giờ bị đăng hai lần.
channel-hint-throttled = { $channel } yêu cầu Loa gửi chậm lại. Việc đăng bài sẽ tự tiếp tục sau { $minutes } phút.
channel-hint-auth = { $channel } không còn chấp nhận quyền truy cập của Loa. Mở Cài đặt › Kênh đăng và kết nối lại { $channel }; các bài chờ đăng sẽ đợi đến lúc đó.
channel-hint-invalid = { $channel } từ chối bài này. Hãy xem lại tiêu đề, nội dung và ảnh, sửa nếu cần, rồi bấm “Đăng…” lại. Nếu vẫn bị từ chối, hãy gửi phần “Chi tiết kỹ thuật” cho người hỗ trợ.
channel-hint-no-cover = Bài viết trên { $channel } cần một ảnh bìa, mà bài này không có ảnh và trang Zalo OA cũng chưa có ảnh bìa. Hãy thêm một ảnh vào bài (ảnh đầu tiên sẽ làm ảnh bìa) rồi bấm “Đăng…” lại, hoặc đặt ảnh bìa cho trang Zalo OA; không cần kết nối lại.
channel-hint-too-large = { $channel } không nhận vì ảnh hoặc video quá nặng so với giới hạn tải lên của trang. Hãy xử lý lại ảnh với nơi đăng “Zalo (1280 px)” hoặc nén video theo cách “Tiết kiệm” rồi bấm “Đăng…” lại; nếu vẫn không được, nhờ người quản trị trang web tăng giới hạn tải lên.
channel-hint-duplicate = { $channel } không nhận vì bài giống hệt một bài vừa đăng. Nếu đây là bài mới, hãy thêm ngày hoặc một chi tiết mới vào nội dung rồi bấm “Đăng…” lại.
channel-hint-photo-unusable = Một ảnh của bài đã bị xoá khỏi máy hoặc { $channel } không đọc được. Hãy chọn và xử lý lại ảnh trong bài rồi bấm “Đăng…” lại.
channel-hint-link = { $channel } không mở được đường liên kết trong bài. Hãy kiểm tra lại liên kết (mở thử trong trình duyệt), sửa hoặc bỏ đi, rồi bấm “Đăng…” lại.
channel-hint-zalo-fields = { $channel } không nhận tiêu đề, phần mô tả hoặc ảnh bìa của bài. Hãy rút ngắn tiêu đề và đoạn đầu của bài, dùng ảnh JPEG, rồi bấm “Đăng…” lại.

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
