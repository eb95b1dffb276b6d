# Loa — video trong cửa sổ: thư viện video và video của bản nháp.

ui-video-library-heading = Video
ui-video-badge = Video
ui-video-location-title = Video này ghi lại nơi quay. Loa bỏ thông tin này khi nén, trừ khi anh/chị chọn giữ lại.
ui-video-attach = Gắn video vào bản nháp

ui-video-draft-heading = Video của bài đăng
ui-video-detach = Bỏ video
ui-video-preset = Cách nén
ui-video-preset-facebook = Facebook (rõ nét, vừa cho Trang)
ui-video-preset-zalo = Zalo (dưới 50 MB)
ui-video-preset-reels = Thước phim Facebook (dựng đứng, 3–90 giây)
ui-video-preset-saver = Tiết kiệm (nhẹ nhất, cho mạng yếu)
ui-video-preset-original = Gốc (giữ nguyên chất lượng)
ui-video-preset-facebook-help = Hình rõ như quay bằng điện thoại, cạnh dài tối đa 1280 điểm ảnh. Hợp với phần lớn video đăng lên Trang.
ui-video-preset-zalo-help = Nén để cả tệp dưới 50 MB như Zalo yêu cầu; video càng dài thì hình càng nhỏ. Video quá dài sẽ được báo trước khi nén.
ui-video-preset-reels-help = Khung dựng đứng 9:16 cho mục Thước phim; video phải dài từ 3 đến 90 giây.
ui-video-preset-saver-help = Hình nhỏ (480p) nên tệp nhẹ, tải lên nhanh nhất khi mạng chập chờn. Chữ nhỏ trong hình có thể khó đọc.
ui-video-preset-original-help = Giữ chất lượng như lúc quay, tệp nặng nhất và tải lên lâu nhất. Chỉ dùng khi mạng tốt.
ui-video-keep-location = Giữ nơi quay và tên điện thoại trong video (không đánh dấu thì Loa xoá đi)
ui-video-estimate = { $minutes ->
    [0] Sau khi nén: khoảng { $mb } MB, tải lên mất chưa tới 1 phút.
   *[other] Sau khi nén: khoảng { $mb } MB, tải lên mất khoảng { $minutes } phút.
}
ui-video-estimate-default-link = (Tính theo mạng 1 Mbit/giây, vì Loa chưa đo được tốc độ mạng của máy này.)
ui-video-prepare = Nén video
ui-video-prepare-again = Nén lại
ui-video-preparing = Đang nén video
ui-video-progress = Đang nén… { $percent }%
ui-video-cancel = Dừng nén
ui-video-cancelled = Đã dừng nén. Bấm “Nén video” để làm lại từ đầu.
ui-video-prepared = { $minutes ->
    [0] Đã nén xong, sẵn sàng đăng: { $mb } MB, tải lên mất chưa tới 1 phút.
   *[other] Đã nén xong, sẵn sàng đăng: { $mb } MB, tải lên mất khoảng { $minutes } phút.
}
