# Loa — ô ngày, giờ: luôn viết ngày/tháng/năm và giờ 24, bất kể cài đặt của máy tính.

ui-datetime-pattern-date = ngày/tháng/năm
ui-datetime-pattern-time = giờ:phút
ui-datetime-pattern-datetime = ngày/tháng/năm giờ:phút
ui-datetime-unreadable = Loa chưa đọc được ngày giờ này. Hãy viết theo kiểu { $pattern }, ví dụ 07/12/2026 19:30.

## Lúc nào, nói như người đọc

ui-ago-now = vừa xong
ui-ago-minutes = { $count } phút trước
ui-ago-hours = { $count } giờ trước
ui-ago-yesterday = hôm qua lúc { $time }
ui-ago-date = { $date }
ui-revision-current = đang dùng
