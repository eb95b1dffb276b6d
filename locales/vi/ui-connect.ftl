# Loa — cửa sổ chính: kết nối Trang Facebook và Zalo OA bằng cách đăng nhập.

## Facebook

ui-connect-fb-title = Trang Facebook của xã
ui-connect-fb-lead = Đăng nhập Facebook bằng tài khoản quản trị Trang của xã, rồi chọn Trang. Loa không biết và không lưu mật khẩu Facebook của bạn.
ui-connect-fb-button = Kết nối với Facebook
ui-connect-fb-again = Kết nối lại với Facebook
ui-connect-fb-waiting = Cửa sổ Facebook đã mở. Hãy đăng nhập ở đó và bấm “Tiếp tục”; Loa đang chờ.
ui-connect-fb-pick = Bạn quản lý các Trang dưới đây. Chọn Trang mà Loa sẽ đăng bài:
ui-connect-fb-page-can-publish = Được đăng bài
ui-connect-fb-page-renew = Đã kết nối thành kênh “{ $channel }” — chọn để gia hạn
ui-connect-fb-page-analyse-only = Chỉ được xem số liệu, chưa được đăng bài
ui-connect-fb-done = Đã kết nối Trang “{ $page }”. Bài đăng lên Facebook sẽ đi tới Trang này.
ui-connect-fb-app-help = Mặc định Loa dùng ứng dụng Facebook của Loa. Nếu tỉnh có ứng dụng Facebook riêng, nhập mã ứng dụng (và khóa bí mật nếu tỉnh cho phép) ở đây.
ui-connect-fb-app-id = Mã ứng dụng Facebook (App ID)
ui-connect-fb-app-id-builtin = Để trống: dùng ứng dụng của Loa
ui-connect-fb-app-secret = Khóa bí mật của ứng dụng (không bắt buộc)
ui-connect-fb-app-secret-help = Có khóa này, Loa đổi được mã truy cập dài hạn nên Trang không phải kết nối lại. Khóa được cất trong kho khóa của máy.
ui-connect-fb-login-url = Địa chỉ đăng nhập
ui-connect-fb-login-url-help = Chỉ đổi khi tập dùng Loa với bản Facebook giả lập (loa sandbox).
ui-connect-fb-app-save = Lưu cài đặt ứng dụng
ui-connect-fb-app-forget = Xóa khóa bí mật đã lưu

## Zalo OA

ui-connect-zalo-open = Kết nối Zalo OA
ui-connect-zalo-title = Kết nối Zalo Official Account
ui-connect-zalo-lead = Zalo chỉ cho kết nối qua ứng dụng mà xã hoặc tỉnh đã đăng ký trên developers.zalo.me. Chép ba thông tin dưới đây từ trang quản lý ứng dụng (hình bên cạnh chỉ đúng chỗ), rồi bấm “Kết nối với Zalo” và đồng ý cho Loa quản lý OA.
ui-connect-zalo-name = Tên kênh trong Loa
ui-connect-zalo-name-placeholder = Ví dụ: Zalo OA UBND xã
ui-connect-zalo-app-id = ID ứng dụng
ui-connect-zalo-app-id-help = Ở trang “Tổng quan” của ứng dụng, dòng “ID ứng dụng” (một dãy số dài).
ui-connect-zalo-secret = Khóa bí mật của ứng dụng
ui-connect-zalo-secret-help = Cũng ở trang “Tổng quan”, dòng “Khóa bí mật của ứng dụng”: bấm hình con mắt để hiện khóa rồi chép. Khóa được cất trong kho khóa của máy.
ui-connect-zalo-callback = Official Account Callback Url
ui-connect-zalo-callback-help = Ở mục “Official Account › Thiết lập chung”, dòng “Official Account Callback Url” (địa chỉ trên tên miền đã xác thực của xã hoặc tỉnh). Chép đúng từng ký tự.
ui-connect-zalo-api-url = Địa chỉ API của Zalo
ui-connect-zalo-api-url-help = Để trống để dùng Zalo thật. Chỉ đổi khi tập dùng Loa với bản Zalo giả lập (loa sandbox).
ui-connect-zalo-button = Kết nối với Zalo
ui-connect-zalo-waiting = Cửa sổ Zalo đã mở. Hãy đăng nhập tài khoản quản trị OA ở đó và bấm “Cho phép”; Loa đang chờ.
ui-connect-zalo-done = Đã kết nối Zalo OA thành kênh “{ $channel }”.

## Dùng chung

ui-connect-ok = Xong
ui-connect-cancel = Thôi
ui-connect-advanced = Nâng cao
ui-connect-saved = Đã lưu.
ui-connect-paste-help = Nếu không đăng nhập được ở đây, có thể dán mã truy cập do cán bộ kỹ thuật cấp.
ui-connect-paste-token = Dán mã truy cập…

## Hình minh họa trang quản lý ứng dụng Zalo (developers.zalo.me)

ui-zalo-pic-alt-app_id = Hình minh họa: trang Tổng quan của ứng dụng trên developers.zalo.me, ô “ID ứng dụng” được khoanh.
ui-zalo-pic-alt-secret_key = Hình minh họa: trang Tổng quan của ứng dụng, ô “Khóa bí mật của ứng dụng” được khoanh.
ui-zalo-pic-alt-callback_url = Hình minh họa: mục Official Account › Thiết lập chung, ô “Official Account Callback Url” được khoanh.
ui-zalo-pic-menu-overview = Tổng quan
ui-zalo-pic-menu-settings = Cài đặt
ui-zalo-pic-menu-oa = Official Account
ui-zalo-pic-menu-login = Đăng nhập
ui-zalo-pic-app-title = Thông tin ứng dụng
ui-zalo-pic-app-id = ID ứng dụng
ui-zalo-pic-secret = Khóa bí mật của ứng dụng
ui-zalo-pic-oa-title = Thiết lập chung
ui-zalo-pic-oa-callback = Official Account Callback Url
ui-zalo-pic-oa-domain = Tên miền đã xác thực
