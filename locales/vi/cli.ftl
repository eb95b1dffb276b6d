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
