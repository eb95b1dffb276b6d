# Loa — giao diện lịch đăng tin: tuần, tháng, chuyên mục, kỳ chưa có bài.
# Giờ trong lịch luôn là giờ Việt Nam (UTC+7). Tên thứ, tình trạng, ngày lễ lấy từ calendar.ftl.

ui-nav-calendar = Lịch đăng

ui-calendar-title = Lịch đăng tin
ui-calendar-nav = Chuyển tuần, tháng
ui-calendar-prev-week = Tuần trước
ui-calendar-next-week = Tuần sau
ui-calendar-prev-month = Tháng trước
ui-calendar-next-month = Tháng sau
ui-calendar-today = Hôm nay
ui-calendar-week-of = Tuần { $range }
ui-calendar-month-of = Tháng { $month }/{ $year }
ui-calendar-show-month = Xem cả tháng
ui-calendar-show-week = Xem theo tuần
ui-calendar-vietnam-time = Giờ trong lịch là giờ Việt Nam (UTC+7), dù máy tính đặt múi giờ nào.
ui-calendar-vietnam-time-short = Giờ Việt Nam (UTC+7)
ui-calendar-open-day = Xem và thao tác trong ngày này
ui-calendar-dismiss = Đóng
ui-calendar-close = Đóng
ui-calendar-cancel = Huỷ
ui-calendar-untitled = (Chưa có tiêu đề)
ui-calendar-date-placeholder = ngày/tháng/năm
ui-calendar-date-invalid = Ngày chưa đúng (ngày/tháng/năm)

## Thứ viết tắt (danh sách chuyên mục)

ui-calendar-weekday-short-mon = T2
ui-calendar-weekday-short-tue = T3
ui-calendar-weekday-short-wed = T4
ui-calendar-weekday-short-thu = T5
ui-calendar-weekday-short-fri = T6
ui-calendar-weekday-short-sat = T7
ui-calendar-weekday-short-sun = CN

## Mục trong ngày

ui-calendar-lunar-short = Âm lịch
ui-calendar-moved = đã dời
ui-calendar-moved-from = Kỳ này vốn vào ngày { $date }, đã dời sang đây.
ui-calendar-planned-draft = Bài đã lên lịch
ui-calendar-linked-draft = Bài của kỳ này: { $title }
ui-calendar-day-empty = Ngày này chưa có gì.

## Thao tác với một kỳ

ui-calendar-fill = Soạn bài cho kỳ này
ui-calendar-open-draft = Mở bài
ui-calendar-skip = Tạm nghỉ kỳ này
ui-calendar-skip-reason = Lý do tạm nghỉ (không bắt buộc)
ui-calendar-skip-reason-placeholder = Ví dụ: trùng ngày nghỉ lễ
ui-calendar-unskip = Đăng lại kỳ này
ui-calendar-move-day = Dời sang ngày
ui-calendar-move-time = Giờ (giờ:phút)
ui-calendar-move = Dời
ui-calendar-unplan = Bỏ khỏi lịch

## Lên lịch một bài

ui-calendar-plan-here = Lên lịch một bài vào ngày này
ui-calendar-plan-which = Bài
ui-calendar-plan-pick = Chọn một bài…
ui-calendar-plan-time = Giờ (không bắt buộc)
ui-calendar-plan = Lên lịch
ui-calendar-unplanned-title = Bài chưa lên lịch
ui-calendar-unplanned-help = Kéo một bài vào ngày muốn đăng. Dùng bàn phím: chọn ngày rồi nhấn Enter.
ui-calendar-unplanned-drag = Kéo vào một ngày để lên lịch; nhấn để mở bài
ui-calendar-no-unplanned = Không có bài nào đang chờ lên lịch.
ui-calendar-drop-on = { $what } → { $date }

## Kỳ sắp đến mà chưa có bài

ui-calendar-empty-slots-title = { $count ->
    [one] Một kỳ sắp đến giờ đăng (trong 48 giờ tới) mà chưa có bài sẵn sàng:
   *[other] { $count } kỳ sắp đến giờ đăng (trong 48 giờ tới) mà chưa có bài sẵn sàng:
}
ui-calendar-empty-slot-fill = Soạn bài

## Lưu lịch tuần

ui-calendar-export-png = Lưu ảnh tuần
ui-calendar-export-pdf = Lưu PDF tuần
ui-calendar-exporting = Đang lưu…
ui-calendar-export-saved = Đã lưu lịch tuần vào { $path }. Có thể gửi tệp này cho lãnh đạo qua Zalo.
ui-calendar-filter-png = Ảnh PNG
ui-calendar-filter-pdf = Tài liệu PDF

## Chuyên mục

ui-calendar-series-title = Chuyên mục
ui-calendar-series-none = Chưa có chuyên mục nào. Nhấn “Thêm chuyên mục” để tạo.
ui-calendar-series-new = Thêm chuyên mục
ui-calendar-series-edit = Sửa
ui-calendar-series-delete = Xoá
ui-calendar-series-delete-confirm = Xoá chuyên mục này
ui-calendar-series-schedule = { $days } · { $time }
ui-calendar-series-new-title = Chuyên mục mới
ui-calendar-series-edit-title = Sửa chuyên mục
ui-calendar-series-edit-note = Thay đổi chỉ áp dụng cho các kỳ từ nay về sau; các kỳ đã qua giữ nguyên.
ui-calendar-series-name = Tên chuyên mục
ui-calendar-series-name-en = Tên tiếng Anh (không bắt buộc)
ui-calendar-series-weekdays = Đăng vào các ngày
ui-calendar-series-time = Giờ đăng (giờ Việt Nam)
ui-calendar-series-from = Bắt đầu từ ngày
ui-calendar-series-end = Kết thúc
ui-calendar-series-end-never = Không có ngày kết thúc
ui-calendar-series-end-until = Đến hết ngày
ui-calendar-series-end-count = Sau
ui-calendar-series-end-count-unit = kỳ
ui-calendar-series-channels = Đăng lên các kênh
ui-calendar-series-no-channels = Chưa có kênh nào. Có thể thêm kênh trong phần Cài đặt rồi chọn sau.
ui-calendar-series-template = Mẫu bài (không bắt buộc)
ui-calendar-series-no-template = Không dùng mẫu
ui-calendar-series-defaults = Nội dung điền sẵn cho mỗi kỳ
ui-calendar-series-defaults-help = Để trống ô nào thì khi soạn bài sẽ tự điền ô đó. Ghi { "{episode}" } ở chỗ cần số kỳ, Loa sẽ điền số kỳ vào.
ui-calendar-series-colour = Màu của chuyên mục
ui-calendar-series-colour-auto = Loa tự chọn
ui-calendar-series-colour-n = Màu { $n }
ui-calendar-series-save = Lưu chuyên mục

ui-calendar-need-name = Hãy đặt tên cho chuyên mục.
ui-calendar-need-weekday = Hãy chọn ít nhất một ngày đăng trong tuần.
ui-calendar-need-time = Hãy ghi giờ đăng theo dạng giờ:phút, ví dụ 19:00.
ui-calendar-need-start = Hãy chọn ngày bắt đầu.
ui-calendar-need-until = Hãy chọn ngày kết thúc, không trước ngày bắt đầu.
ui-calendar-need-count = Hãy ghi số kỳ, từ 1 đến 9999.
