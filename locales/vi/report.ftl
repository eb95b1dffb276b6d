# Loa — báo cáo gửi cấp trên (báo cáo PDF, bảng tính XLSX, lỗi khi lập báo cáo).

## Đầu văn bản (theo thể thức của Nghị định 30/2020/NĐ-CP)

report-nation = CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
report-motto = Độc lập - Tự do - Hạnh phúc
report-agency-line1 = ỦY BAN NHÂN DÂN
report-agency-line2 = { $kind ->
        [ward] PHƯỜNG { $commune }
        [special_zone] ĐẶC KHU { $commune }
       *[commune] XÃ { $commune }
    }
report-number-prefix = Số:
report-number-suffix = /BC-UBND
report-place-date = { $place }, ngày { $day } tháng { $month } năm { $year }
report-kind = BÁO CÁO
report-subject = Kết quả thông tin, tuyên truyền trên mạng xã hội { $period }
report-period-dates = (Từ ngày { $from } đến ngày { $to })

## Kỳ báo cáo

report-period-month = tháng { $month } năm { $year }
report-period-quarter = quý { $quarter } năm { $year }
report-period-year = năm { $year }
report-period-range = từ ngày { $from } đến ngày { $to }
report-date = { $day }/{ $month }/{ $year }
report-date-time = { $hour }:{ $minute } ngày { $day }/{ $month }/{ $year }
report-month-name = tháng { $month }
report-month-short = T{ $month }

## Nội dung

report-intro = Ủy ban nhân dân xã { $commune } báo cáo kết quả thông tin, tuyên truyền trên các kênh mạng xã hội và trang thông tin điện tử của xã { $period } như sau:
report-section-results = I. KẾT QUẢ THỰC HIỆN
report-published-title = 1. Số tin, bài đã đăng
report-published-text = Tổng số tin, bài đã đăng: { $count } tin, bài (mỗi tin, bài được tính một lần dù đăng trên nhiều kênh). Số tin, bài trên từng kênh như sau:
report-published-total = Tổng số tin, bài đã đăng: { $count } tin, bài.
report-topics-title = 2. Tin, bài theo chủ đề
report-topics-none = Không có tin, bài nào được đăng trong kỳ báo cáo.
report-series-title = 3. Chuyên mục định kỳ
report-series-none = Trong kỳ báo cáo không có chuyên mục định kỳ nào theo kế hoạch.
report-media-title = 4. Hình ảnh, video, infographic
report-media-text = Các tin, bài đã đăng sử dụng { $photos } ảnh, { $videos } video và { $infographics } infographic.
report-alerts-title = 5. Tin cảnh báo thời tiết, thiên tai
report-alerts-none = Trong kỳ báo cáo không có tin cảnh báo thời tiết, thiên tai.
report-alerts-text = Đã đăng { $count } tin cảnh báo thời tiết, thiên tai; thời gian trung bình từ khi soạn đến khi đăng lần đầu là { $minutes } phút.
report-alerts-text-unknown = Đã đăng { $count } tin cảnh báo thời tiết, thiên tai; chưa rõ thời gian từ khi soạn đến khi đăng.
report-reach-title = 6. Mức độ lan tỏa trên Trang Facebook
report-reach-read = Số liệu do Facebook cung cấp, đọc lúc { $time }. Facebook tính theo ngày của Facebook nên có thể lệch vài giờ so với giờ Việt Nam.
report-reach-other-channels = Lượt tiếp cận trên Zalo OA và trang thông tin điện tử của xã: Loa chưa đọc được số liệu này, không có nghĩa là bằng 0.
report-reach-never = Chưa có số liệu từ Facebook cho kỳ này. Khi có mạng, hãy bấm “Cập nhật lượt tiếp cận” rồi lập lại báo cáo.
report-chart-title-weeks = 7. Số tin, bài theo tuần
report-chart-title-months = 7. Số tin, bài theo tháng
report-section-issues = II. TỒN TẠI, HẠN CHẾ
report-issues-text = Đến thời điểm lập báo cáo, còn { $pending } tin, bài đang chờ đăng và { $failed } tin, bài đăng không thành công cần cán bộ kiểm tra, đăng lại.
report-issues-unconfirmed = Có { $count } tin, bài chưa xác nhận được đã đăng hay chưa; cần mở trang để kiểm tra.
report-issues-none = Không có tin, bài nào đang chờ đăng hoặc đăng không thành công.
report-section-posts = III. DANH SÁCH TIN, BÀI ĐÃ ĐĂNG
report-posts-none = Không có tin, bài nào được đăng trong kỳ báo cáo.

## Bảng

report-col-no = STT
report-col-channel = Kênh
report-col-count = Số tin, bài
report-col-topic = Chủ đề
report-col-series = Chuyên mục
report-col-planned = Kế hoạch
report-col-published = Đã đăng
report-col-on-time = Đúng giờ
report-col-title = Tiêu đề
report-col-published-at = Thời gian đăng
report-col-minutes = Số phút từ khi soạn
report-col-metric = Chỉ số
report-col-value = Số liệu
report-col-date = Ngày đăng
report-col-channels = Kênh đã đăng
report-col-links = Liên kết
report-col-week = Tuần
report-col-month = Tháng
report-col-total = Tổng
report-total = Tổng cộng
report-not-available = Không có số liệu
report-unknown = Chưa rõ

## Chỉ số lan tỏa

report-metric-page_media_view = Lượt xem nội dung của Trang
report-metric-page_post_engagements = Lượt tương tác với bài đăng
report-metric-page_views_total = Lượt truy cập Trang
report-metric-page_daily_follows_unique = Lượt theo dõi mới
report-metric-post_media_view = Lượt xem các bài đăng trong kỳ
report-metric-post_total_media_view_unique = Số người xem các bài đăng (cộng từng bài)
report-metric-post_reactions_by_type_total = Lượt bày tỏ cảm xúc với bài đăng
report-metric-post_clicks = Lượt nhấp vào bài đăng
report-metric-followers_start = Người theo dõi Trang đầu kỳ
report-metric-followers_end = Người theo dõi Trang cuối kỳ
report-metric-other = Chỉ số khác của Facebook ({ $metric })

## Nơi nhận và chữ ký

report-recipients-title = Nơi nhận:
report-recipient-party = Thường trực Đảng ủy xã (để b/c);
report-recipient-council = Thường trực HĐND xã (để b/c);
report-recipient-leaders = Chủ tịch, các Phó Chủ tịch UBND xã;
report-recipient-archive = Lưu: VT.
report-signer-authority = TM. ỦY BAN NHÂN DÂN
report-signer-title = CHỦ TỊCH

## Bảng tính

report-sheet-summary = Tổng hợp
report-sheet-posts = Danh sách tin bài
report-sheet-weeks = Theo tuần
report-xlsx-title = Báo cáo kết quả thông tin, tuyên truyền trên mạng xã hội
report-xlsx-period = Kỳ báo cáo
report-xlsx-generated = Lập lúc
report-xlsx-published = Tổng số tin, bài đã đăng
report-xlsx-by-channel = Theo kênh
report-xlsx-by-topic = Theo chủ đề
report-xlsx-by-series = Chuyên mục định kỳ (kế hoạch / đã đăng / đúng giờ)
report-xlsx-photos = Số ảnh
report-xlsx-videos = Số video
report-xlsx-infographics = Số infographic
report-xlsx-alerts = Số tin cảnh báo thời tiết, thiên tai
report-xlsx-alert-minutes = Thời gian trung bình từ khi soạn đến khi đăng (phút)
report-xlsx-pending = Tin, bài đang chờ đăng
report-xlsx-failed = Tin, bài đăng không thành công
report-xlsx-unconfirmed = Tin, bài chưa xác nhận đã đăng
report-xlsx-reach = Mức độ lan tỏa trên Facebook
report-xlsx-reach-read = Số liệu Facebook đọc lúc

## Lỗi

error-report = Không lập được báo cáo. Hãy kiểm tra kỳ báo cáo rồi thử lại.
report-error-bad-period = “{ $value }” không phải kỳ báo cáo hợp lệ. Hãy chọn một tháng (ví dụ 2026-01), một quý, một năm hoặc hai ngày dạng năm-tháng-ngày.
report-error-period-reversed = Ngày kết thúc ({ $to }) đứng trước ngày bắt đầu ({ $from }). Hãy chọn lại kỳ báo cáo.
report-error-period-too-long = Kỳ báo cáo dài { $days } ngày, quá { $max } ngày. Hãy chọn kỳ ngắn hơn.
report-error-render = Không tạo được tệp PDF của báo cáo ({ $detail }). Số liệu vẫn còn nguyên; hãy thử lại hoặc xuất bảng tính.
report-error-xlsx = Không tạo được bảng tính của báo cáo ({ $detail }). Hãy thử lại hoặc xuất PDF.

## Dòng lệnh (loa report, loa insights refresh)

report-cli-saved = Đã lưu báo cáo vào { $path }.
report-cli-reading = Đang đọc số liệu của { $channel } trên Facebook…
report-cli-no-facebook = Chưa có Trang Facebook nào để đọc lượt tiếp cận. Hãy thêm kênh Facebook trước.
report-cli-refresh-done = { $channel }: đã đọc { $readings } số liệu ({ $posts } bài đăng).
report-cli-refresh-throttled = { $channel }: Facebook yêu cầu tạm dừng; đã đọc { $readings } số liệu, hãy đọc tiếp sau { $until }.
report-cli-refresh-needs-reconnect = { $channel }: cần kết nối lại Trang Facebook; đã đọc { $readings } số liệu.
report-cli-refresh-offline = { $channel }: không có mạng; đã đọc { $readings } số liệu. Khi có mạng, hãy đọc lại.
report-cli-refresh-failed = { $channel }: chưa đọc được hết số liệu ({ $readings } số liệu đã đọc).
report-cli-not-available = Facebook không còn cung cấp: { $metrics }.
