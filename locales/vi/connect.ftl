# Loa — kết nối Trang Facebook hoặc Zalo OA bằng cách đăng nhập (dùng chung cho ứng dụng và dòng lệnh).
# Mỗi câu nói rõ lỗi ở đâu (máy của cán bộ, Facebook/Zalo hay cài đặt ứng dụng) và làm gì tiếp theo.

-platform = { $platform ->
        [zalo] Zalo
       *[other] Facebook
    }

## Vì sao đăng nhập chưa kết nối được

error-connect = Chưa kết nối được với { -platform }. Hãy thử lại.
error-connect-no-app = Bản Loa này chưa có mã ứng dụng Facebook. Hãy nhập mã ứng dụng Facebook của tỉnh trong phần “Nâng cao” (hỏi cán bộ phụ trách công nghệ thông tin của tỉnh), rồi bấm “Kết nối với Facebook” lần nữa.
error-connect-cancelled = Bạn đã đóng cửa sổ đăng nhập { -platform }, nên chưa có gì thay đổi. Khi sẵn sàng, hãy bấm kết nối lần nữa.
error-connect-expired = Lần đăng nhập này đã quá lâu nên không dùng được nữa. Hãy bấm kết nối lần nữa; việc đăng nhập chỉ mất một phút.
error-connect-mismatch = Câu trả lời của { -platform } không khớp với lần đăng nhập này, nên Loa không dùng nó. Hãy đóng các cửa sổ đăng nhập khác rồi bấm kết nối lần nữa.
error-connect-offline = Không kết nối được tới { -platform }. Hãy kiểm tra Wi-Fi hoặc 4G của máy, rồi bấm kết nối lần nữa. Các bài đang chờ không bị ảnh hưởng.
error-connect-platform-down = { -platform } đang trục trặc, không phải lỗi ở máy của bạn. Hãy thử lại sau ít phút; các bài đang chờ vẫn được giữ nguyên.
error-connect-refused = { -platform } không chấp nhận yêu cầu kết nối của Loa: mã ứng dụng, khóa bí mật hoặc đường dẫn callback chưa đúng. Hãy kiểm tra lại các ô trong phần cài đặt ứng dụng, hoặc nhờ cán bộ công nghệ thông tin của tỉnh kiểm tra giúp.
error-connect-no-pages = Tài khoản Facebook vừa đăng nhập chưa quản lý Trang nào. Hãy đăng nhập bằng tài khoản được giao quản trị Trang của xã.
error-connect-cannot-publish = Tài khoản của bạn chỉ được xem số liệu của Trang “{ $page }”, chưa được đăng bài. Hãy nhờ quản trị viên của Trang cấp thêm quyền “Tạo nội dung”, rồi kết nối lại.
error-connect-incomplete = Còn thiếu thông tin để kết nối Zalo OA. Hãy điền đủ các ô có dấu *.

## Cửa sổ đăng nhập

connect-window-facebook = Đăng nhập Facebook — Loa
connect-window-zalo = Cấp quyền Zalo OA — Loa

## Dòng lệnh (`loa connect`)

connect-cli-facebook-app-saved = Đã lưu ứng dụng Facebook { $app_id } ({ $login_url }) cho hồ sơ này.
connect-cli-facebook-secret-saved = Đã cất khóa bí mật của ứng dụng Facebook vào kho khóa.
connect-cli-zalo-app-saved = Đã lưu ứng dụng Zalo { $app_id } (callback { $callback_url }) cho hồ sơ này.
