# Loa — lịch đăng tin: chuyên mục, các kỳ, ngày lễ, cảnh báo kỳ chưa có bài, lịch tuần gửi lãnh đạo.
# Giờ trong lịch luôn là giờ Việt Nam (UTC+7), dù máy tính đặt múi giờ nào.

## Thứ trong tuần (tuần bắt đầu từ Thứ Hai)

calendar-weekday-mon = Thứ Hai
calendar-weekday-tue = Thứ Ba
calendar-weekday-wed = Thứ Tư
calendar-weekday-thu = Thứ Năm
calendar-weekday-fri = Thứ Sáu
calendar-weekday-sat = Thứ Bảy
calendar-weekday-sun = Chủ Nhật

## Tình trạng của một kỳ

calendar-state-empty = Chưa có bài
calendar-state-drafted = Đang soạn
calendar-state-ready = Sẵn sàng
calendar-state-queued = Chờ đăng
calendar-state-published = Đã đăng
calendar-state-skipped = Tạm nghỉ

## Cảnh báo kỳ sắp đến mà chưa có bài

calendar-empty-slot = { $day } { $time } — { $name }: chưa có bài
calendar-empty-slot-not-ready = { $day } { $time } — { $name }: bài chưa sẵn sàng

## Lịch tuần

calendar-episode = Kỳ { $number }
calendar-week-title = Lịch đăng tin tuần { $range }
calendar-week-dates = Từ { $from } đến { $to }
calendar-vietnam-time = Giờ Việt Nam (UTC+7)
calendar-lunar-day = { $day }/{ $month } ÂL
calendar-lunar-day-leap = { $day }/{ $month } nhuận ÂL
calendar-day-off = Nghỉ lễ
calendar-lunar-holiday = Âm lịch
calendar-anniversary = { $years } năm
calendar-moved-from = Dời từ { $day } { $date }
calendar-skip-reason = Lý do: { $reason }
calendar-nothing-planned = Chưa có bài nào
calendar-more-items = và { $count } bài khác
calendar-plan-summary = { $total } bài trong tuần · { $done } bài đã sẵn sàng hoặc đã đăng · { $empty } kỳ chưa có bài sẵn sàng
calendar-plan-legend = Chú thích

## Lỗi

calendar-error-bad-date = Ngày “{ $input }” không đúng. Hãy ghi theo dạng năm-tháng-ngày, ví dụ 2025-07-29.
calendar-error-bad-time = Giờ “{ $input }” không đúng. Hãy ghi theo dạng giờ:phút, ví dụ 19:00.
calendar-error-bad-date-time = Thời điểm “{ $input }” không đúng. Hãy ghi theo dạng năm-tháng-ngàyTgiờ:phút theo giờ Việt Nam, ví dụ 2025-08-01T19:30.
calendar-error-bad-instant = Thời điểm “{ $input }” không đúng hoặc thiếu múi giờ. Hãy ghi đủ, ví dụ 2025-07-29T19:00:00+07:00.
calendar-error-bad-weekday = “{ $input }” không phải là một thứ trong tuần. Hãy dùng mon, tue, wed, thu, fri, sat, sun (từ Thứ Hai đến Chủ Nhật), cách nhau bằng dấu phẩy.
calendar-error-bad-colour = Màu “{ $input }” không đúng. Hãy chọn một màu trong bảng màu, hoặc ghi theo dạng #RRGGBB, ví dụ #C8102E.
calendar-error-date-out-of-range = Ngày { $date } nằm ngoài khoảng Loa lập lịch (từ { $min } đến { $max }). Hãy chọn một ngày trong khoảng này.
calendar-error-bad-range = Khoảng ngày từ { $from } đến { $to } không dùng được: ngày đầu phải không sau ngày cuối, và cả khoảng không quá { $max_days } ngày.
calendar-error-no-such-lunar-date = Năm âm lịch { $year } không có ngày { $day } tháng { $month }{ $leap ->
        [yes] { " nhuận" }
       *[no] { "" }
    }. Hãy xem lại ngày, tháng âm lịch.
calendar-error-no-weekdays = Chuyên mục cần ít nhất một ngày đăng trong tuần. Hãy chọn các thứ sẽ đăng bài.
calendar-error-bad-count = Số kỳ phải từ 1 đến { $max }, nhưng đã nhập { $count }.
calendar-error-ends-before-start = Ngày kết thúc ({ $until }) đứng trước ngày bắt đầu ({ $start }). Hãy chọn lại ngày kết thúc.
calendar-error-bad-first-episode = Số của kỳ đầu tiên phải từ 1 đến { $max }, nhưng đã nhập { $first }.
calendar-error-not-an-occurrence = Chuyên mục không có kỳ nào vào ngày { $date }. Hãy chọn một ngày có trong lịch của chuyên mục.
calendar-error-too-many-edits = Chuyên mục này đã được sửa quá { $max } lần. Hãy tạo một chuyên mục mới thay cho chuyên mục này.

## Ngày lễ, Tết và ngày kỷ niệm

holiday-tet-eve = Giao thừa
holiday-tet = Tết Nguyên đán
holiday-tet-2 = Mùng 2 Tết
holiday-tet-3 = Mùng 3 Tết
holiday-lantern = Rằm tháng Giêng
holiday-hung-kings = Giỗ Tổ Hùng Vương
holiday-doan-ngo = Tết Đoan ngọ
holiday-vu-lan = Lễ Vu Lan
holiday-mid-autumn = Tết Trung thu
holiday-kitchen-gods = Ông Công, ông Táo
holiday-new-year = Tết Dương lịch
holiday-party-founding = Ngày thành lập Đảng Cộng sản Việt Nam
holiday-physicians-day = Ngày Thầy thuốc Việt Nam
holiday-womens-day = Ngày Quốc tế Phụ nữ
holiday-youth-union = Ngày thành lập Đoàn Thanh niên Cộng sản Hồ Chí Minh
holiday-reunification = Ngày Giải phóng miền Nam, thống nhất đất nước
holiday-labour-day = Ngày Quốc tế Lao động
holiday-dien-bien-phu = Ngày Chiến thắng Điện Biên Phủ
holiday-ho-chi-minh-birthday = Ngày sinh Chủ tịch Hồ Chí Minh
holiday-childrens-day = Ngày Quốc tế Thiếu nhi
holiday-family-day = Ngày Gia đình Việt Nam
holiday-war-invalids-martyrs = Ngày Thương binh – Liệt sĩ
holiday-august-revolution = Ngày Cách mạng Tháng Tám
holiday-national-day = Ngày Quốc khánh
holiday-capital-liberation = Ngày Giải phóng Thủ đô
holiday-vietnamese-womens-day = Ngày Phụ nữ Việt Nam
holiday-teachers-day = Ngày Nhà giáo Việt Nam
holiday-culture-day = Ngày Văn hóa Việt Nam
holiday-army-day = Ngày thành lập Quân đội nhân dân Việt Nam
