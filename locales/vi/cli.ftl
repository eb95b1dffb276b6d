# Loa — dòng lệnh `loa`.

cli-untitled = (chưa có tiêu đề)
cli-no-drafts = Chưa có bản nháp nào.
cli-imported = Đã nhập { $file } → bản nháp số { $id }
cli-skipped = Bỏ qua { $file }: { $reason }
cli-import-summary = Đã nhập { $imported } tệp, bỏ qua { $skipped } tệp.
cli-field-title = Tiêu đề
cli-field-lang = Ngôn ngữ
cli-field-topic = Chủ đề
cli-field-status = Trạng thái
cli-field-created = Tạo lúc
cli-field-updated = Cập nhật lúc
cli-detected = { $file }: nhận ra { $encoding ->
        [tcvn3] TCVN3 (ABC)
        [vni] VNI
        [viqr] VIQR
       *[unicode] Unicode, không cần chuyển
    }
cli-check-none = Không thấy vấn đề gì.
cli-check-overridden = đã ghi lý do: { $reason }
cli-check-where = vị trí { $start }–{ $end } trong { $field ->
        [title] tiêu đề
        [body] nội dung
       *[other] { $field }
    }
cli-check-fix = Cách sửa
cli-severity-block = CHẶN
cli-severity-warn = LƯU Ý
cli-override-recorded = Đã ghi lý do cho { $code } của bản nháp số { $id }.
cli-sandbox-missing = Không tìm thấy chương trình thử nghiệm { $path }. Hãy dựng nó bằng: cargo build -p loa-emulators --bin loa-sandbox
cli-sandbox-profile-ready = Hồ sơ thử { $profile } đã trỏ tới Facebook và Zalo giả lập. Mở Loa bằng “loa-app --data-dir { $profile }”, rồi bấm “Kết nối với Facebook” để đăng nhập thử.
cli-panic = Loa gặp lỗi nội bộ và đã dừng; dữ liệu đã lưu trước đó không bị ảnh hưởng. Chi tiết đã được ghi để hỗ trợ kỹ thuật xem ({ $log }).
cli-panic-unlogged = Loa gặp lỗi nội bộ và đã dừng; dữ liệu đã lưu trước đó không bị ảnh hưởng. Hãy chạy lại lệnh; nếu lỗi lặp lại, hãy báo cho hỗ trợ kỹ thuật.
