# Loa — sao lưu và khôi phục: bản sao tự động hằng ngày, "Sao lưu ra…", "Khôi phục từ…".

error-backup = { $problem ->
        [not_a_backup] Tệp { $path } không phải bản sao lưu của Loa. Hãy chọn đúng tệp .loa-backup đã sao lưu trước đây.
        [corrupt] Bản sao lưu { $path } bị hỏng hoặc bị cắt dở (có tệp bên trong không khớp). Dữ liệu hiện tại vẫn giữ nguyên. Hãy chọn một bản sao lưu khác.
        [too_new] Bản sao lưu { $path } được tạo bằng phiên bản Loa mới hơn máy này. Dữ liệu hiện tại vẫn giữ nguyên. Hãy cập nhật Loa rồi khôi phục lại.
        [too_large] Tệp { $path } quá lớn để là một bản sao lưu của Loa. Hãy chọn đúng tệp sao lưu.
        [in_use] Một cửa sổ hoặc chương trình Loa khác vẫn đang mở dữ liệu này. Hãy đóng Loa rồi khôi phục lại; dữ liệu hiện tại vẫn giữ nguyên.
        [swap] Không thay được dữ liệu ở { $path } bằng bản sao lưu. Dữ liệu hiện tại vẫn giữ nguyên. Hãy đóng các cửa sổ Loa khác rồi thử lại.
       *[write] Không ghi được { $path }: ổ đĩa đầy, USB đã rút ra hoặc không có quyền ghi. Hãy kiểm tra nơi lưu rồi thử lại.
    }

backup-cli-done = Đã sao lưu vào { $file } ({ $size }): { $drafts } tin bài, { $media } ảnh, { $templates } mẫu đồ họa, { $queue } bài chờ đăng.
backup-cli-list-empty = Chưa có bản sao tự động nào. Loa tự sao lưu mỗi ngày khi mở ứng dụng.
backup-cli-holds = Bản sao lưu tạo lúc { $date }: { $drafts } tin bài, { $media } ảnh, { $templates } mẫu đồ họa, { $queue } bài chờ đăng.
backup-cli-confirm = Thay dữ liệu hiện tại bằng bản sao lưu này? Dữ liệu hiện tại vẫn được cất riêng, không bị xóa. Gõ "c" rồi Enter để đồng ý:
backup-cli-not-confirmed = Chưa khôi phục gì. Muốn khôi phục mà không bị hỏi lại thì thêm --yes.
backup-cli-restored = Đã khôi phục xong: { $drafts } tin bài, { $media } ảnh.
backup-cli-aside = Dữ liệu trước khi khôi phục được cất ở { $aside }.
