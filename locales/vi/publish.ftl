# Loa — đăng bài: kênh, bài chờ đăng và đồng bộ (dùng chung cho ứng dụng và dòng lệnh).

## Lỗi

error-channel-not-found = Không có kênh nào tên “{ $channel }”. Xem các kênh bằng “loa channel list”.
error-channel-kind-mismatch = Kênh “{ $channel }” đã có và đăng lên { $kind }. Hãy chọn tên khác.
error-outbox-item-not-found = Không tìm thấy bài này trong danh sách bài chờ đăng (có thể đã bị hủy). Hãy mở lại mục Bài chờ đăng.
error-outbox-wrong-state = Mục { $id } đang ở trạng thái { $state }: lúc này không thể { $action ->
        [cancel] hủy
        [retry] thử lại
       *[other] thay đổi
    } được.
error-already-queued = Bản nháp { $id } đã có trong Bài chờ đăng của { $channel }. Muốn đăng lại thì hủy bài đó trước.
error-confirm-not-published = Loa không chắc mục { $id } đã được đăng hay chưa. Hãy xem trang trước; chỉ thử lại nếu bài chưa có trên trang, hoặc đánh dấu là đã đăng.
error-outbox-conflict = Mục { $id } đã thay đổi trong lúc đang đăng. Không mất gì cả; Loa sẽ xem lại mục này.
error-credentials = Không đọc hoặc lưu được mật khẩu/mã truy cập của kênh ({ $detail }).
error-missing-credentials = Kênh “{ $channel }” chưa có mã truy cập hoặc mật khẩu. Hãy thêm lại kênh kèm mã truy cập.
error-channel-failed = { $reason ->
    [auth] { $channel } không nhận mã truy cập hoặc mật khẩu ứng dụng mà Loa đang dùng (sai, hết hạn hoặc đã bị thu hồi). Hãy tạo mã hoặc mật khẩu ứng dụng mới rồi nhập lại cho kênh này.
    [offline] Chưa kết nối được tới { $channel }. Hãy kiểm tra Wi-Fi hoặc 4G của máy và địa chỉ của kênh rồi thử lại.
   *[other] { $channel } chưa nhận lần kiểm tra của Loa. Hãy xem lại địa chỉ của kênh rồi thử lại sau ít phút; nếu vẫn không được, hãy nhờ người hỗ trợ xem giúp.
}
error-channel-limits = { $channel } sẽ từ chối bài này. Hãy sửa những điểm sau rồi bấm “Đăng…” lại:
error-channel-secret-needed = Địa chỉ của kênh “{ $channel }” đã thay đổi nên mã truy cập cũ không dùng được nữa. Hãy nhập mã truy cập (hoặc mật khẩu ứng dụng) mới cho kênh này.
error-photos-need-image-host = { $channel } (Zalo) chỉ nhận ảnh dưới dạng đường dẫn tới một trang web. Hãy đặt trang thông tin điện tử của xã làm nơi lưu ảnh (“loa channel add zalo … --image-host TRANG_WEB”), hoặc xếp bài không kèm ảnh.

## Dòng lệnh và thông báo

publish-credentials-file-warning = Cảnh báo: máy này không có dịch vụ kho khóa (keyring), nên mã truy cập của các kênh được lưu trong tệp { $path } (chỉ tài khoản của bạn đọc được). Ai đọc được thư mục Loa của bạn cũng đọc được các mã này; hãy cài kho khóa (GNOME Keyring, KWallet) để an toàn hơn.
publish-channel-added = Đã thêm kênh “{ $channel }” ({ $kind }), số { $id }.
publish-channel-updated = Đã cập nhật kênh “{ $channel }” ({ $kind }). Các bài chờ đăng sẽ dùng cài đặt mới.
publish-no-channels = Chưa có kênh nào. Thêm kênh bằng “loa channel add”.
publish-channel-status-ok = sẵn sàng
publish-channel-status-paused = tạm dừng
publish-channel-status-throttled = nghỉ đến { $until }
publish-channel-status-needs_reconnect = cần mã truy cập mới
publish-channel-test-ok = { $channel }: đã kết nối tới “{ $name }”.
publish-channel-paused = Đã tạm dừng kênh “{ $channel }”.
publish-channel-resumed = Đã tiếp tục kênh “{ $channel }”.
publish-state-queued = đang chờ
publish-state-media_uploaded = sẵn sàng đăng
publish-state-publishing = đang đăng
publish-state-published = đã đăng
publish-state-failed = lỗi — cần bạn xử lý
publish-state-unconfirmed = chưa rõ — hãy xem trang
publish-state-cancelled = đã hủy
publish-item-line = Mục { $id } ({ $channel }): { $state }
publish-queue-empty = Không có bài nào chờ đăng.
publish-queue-paused = Đã tạm dừng đăng bài. Tiếp tục bằng “loa queue resume”.
publish-queue-resumed = Đã tiếp tục đăng bài.
publish-attached = Đã đính kèm { $count } ảnh vào bản nháp { $id } (tổng cộng { $total } ảnh).
publish-sync-online = { $channel }: đã kết nối.
publish-sync-offline = { $channel }: mất kết nối. Các bài chờ lại và sẽ được đăng khi có mạng.
publish-sync-throttled = { $channel } yêu cầu Loa đăng chậm lại; sẽ đăng tiếp lúc { $until }.
publish-sync-needs-reconnect = { $channel } không còn chấp nhận mã truy cập. Hãy thêm lại kênh với mã mới (“loa channel add … --name { $channel }”); các bài sẽ chờ đến lúc đó.
publish-sync-resumed = { $channel }: đã đăng tiếp.
publish-sync-batch-done = Đã xử lý xong các bài chờ đăng: { $published } đã đăng, { $failed } lỗi, { $unconfirmed } cần kiểm tra.
publish-sync-needs-attention = Mục { $id } ({ $channel }) cần bạn: { $state }. { $link }
publish-sync-credentials-not-saved = { $channel }: không lưu được mã truy cập mới gia hạn; kênh sẽ cần kết nối lại sau.
publish-sync-stopping = Sẽ dừng sau bước hiện tại… (nhấn Ctrl-C lần nữa để dừng ngay; không bài nào bị đăng hai lần)
publish-sync-crashed = Bộ đăng bài dừng bất ngờ. Không bài nào bị đăng hai lần: hãy chạy lại “loa sync”.
publish-sync-summary = Lần này đã đăng { $published } bài; tổng cộng { $failed } lỗi và { $unconfirmed } cần kiểm tra; { $pending } bài còn chờ.
publish-sync-waiting-paused = { $channel }: { $count } bài chờ vì việc đăng bài đang tạm dừng. Tiếp tục bằng “loa queue resume”.
publish-sync-waiting-needs_reconnect = { $channel }: { $count } bài chờ đến khi bạn kết nối lại kênh.
publish-sync-waiting-throttled = { $channel }: { $count } bài chờ vì nền tảng yêu cầu đăng chậm lại, đến { $until }.
publish-sync-waiting-offline = { $channel }: { $count } bài chờ có mạng. Chạy lại “loa sync” khi đã kết nối.
publish-sync-waiting-other_worker = { $channel }: { $count } bài đang được một cửa sổ Loa khác đăng.
publish-sync-waiting-spacing = { $channel }: { $count } bài chờ khoảng cách giữa hai bài, đến { $until }.
publish-sync-waiting-retry = { $channel }: { $count } bài chờ thử lại sau lỗi, lúc { $until }.
publish-sync-waiting-read_back = { $channel }: { $count } bài chờ kiểm tra xem lần đăng trước đã lên trang chưa, lúc { $until }.
publish-sync-waiting-scheduled = { $channel }: { $count } bài chờ đến giờ bạn đã hẹn, { $until }.
error-channel-address = { $problem ->
    [insecure-address] Địa chỉ { $url } không được mã hóa (http://): mã truy cập gửi tới đó có thể bị người khác đọc được. Hãy dùng địa chỉ bắt đầu bằng https://.
    [credentials-in-address] Địa chỉ của kênh có ghi tên đăng nhập hoặc mật khẩu. Hãy bỏ phần đó khỏi địa chỉ và nhập mật khẩu vào ô riêng.
   *[other] Địa chỉ “{ $url }” không hợp lệ. Hãy nhập địa chỉ đầy đủ, ví dụ https://xa.gov.vn.
}
