# Loa — chuyên mục và lịch đăng: lời của lõi, dòng lệnh và ứng dụng (không thuộc thư viện loa-calendar).

## Chuyên mục và lịch trong Loa (cửa sổ, dòng lệnh)

# Tiêu đề bài được tạo cho một kỳ của chuyên mục.
series-fill-title = { $name } – Kỳ { $episode }
series-added = Đã tạo chuyên mục { $id }: { $name }.
series-saved = Đã lưu chuyên mục { $id }: { $name }.
series-deleted = Đã xoá chuyên mục { $id }. Các bài đã soạn cho chuyên mục vẫn được giữ.
series-none = Chưa có chuyên mục nào. Tạo chuyên mục bằng lệnh: loa series add
series-line = { $id }. { $name } — { $days }, lúc { $time } (giờ Việt Nam), từ { $from }{ $end }
series-end-until = , đến hết { $until }
series-end-count = , { $count } kỳ
series-skipped = Kỳ ngày { $date } của chuyên mục “{ $name }” được tạm nghỉ.
series-unskipped = Kỳ ngày { $date } của chuyên mục “{ $name }” đã trở lại như lịch.
series-moved = Kỳ ngày { $date } của chuyên mục “{ $name }” được dời sang { $to } (giờ Việt Nam).
series-filled = Bài { $id } “{ $title }” được soạn cho kỳ ngày { $date }.
series-draft-planned = Bài { $id } được xếp vào ngày { $date } { $time }.
series-draft-unplanned = Bài { $id } không còn xếp ngày trong lịch.
calendar-kind-occurrence = Kỳ
calendar-kind-draft = Bài dự kiến
calendar-kind-post = Bài đăng
calendar-kind-holiday = Ngày lễ
calendar-all-day = cả ngày
calendar-nothing = Không có gì trong lịch từ { $from } đến { $to }.
calendar-empty-slots = Kỳ sắp đến chưa có bài sẵn sàng:
calendar-saved = Đã lưu “{ $title }” vào { $path }.
calendar-times-note = Giờ trong lịch là giờ Việt Nam (UTC+7).

## Lỗi

error-calendar = Lịch không dùng được giá trị này ({ $code }).
error-series-not-found = Không tìm thấy chuyên mục số { $id }. Xem danh sách bằng lệnh: loa series list
error-queue-needs-channel = Bài { $id } không thuộc kỳ nào của chuyên mục, nên Loa không biết đăng lên kênh nào. Hãy chọn kênh (--channel).
