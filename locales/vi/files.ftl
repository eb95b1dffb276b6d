# Loa — đọc tệp từ bên ngoài (thư viện loa-files) và lấy chữ từ tệp văn bản (loa-legacy).

## Lỗi khi đọc một tệp hoặc duyệt một thư mục

file-error-not-found = Không tìm thấy { $path }. Hãy kiểm tra lại tên tệp và thư mục.
file-error-not-a-file = { $path } không phải là một tệp bình thường ({ $kind ->
        [folder] đó là một thư mục
        [pipe] đó là một đường ống dữ liệu
        [device] đó là một thiết bị
        [socket] đó là một cổng kết nối
       *[other] đó là một mục đặc biệt
    }), nên Loa không đọc. Hãy chọn đúng tệp cần dùng.
file-error-too-large = Tệp { $path } quá lớn: Loa chỉ đọc tệp loại này đến { $limit } MB. Hãy chọn tệp nhỏ hơn hoặc chia tệp thành nhiều phần.
file-error-changed = Tệp { $path } vừa bị thay đổi đúng lúc Loa mở nó. Hãy thử lại.
file-error-no-permission = Loa không có quyền đọc { $path }. Hãy chép tệp vào thư mục của bạn rồi thử lại.
file-error-unreadable = Không đọc được tệp { $path }. Hãy kiểm tra ổ đĩa hoặc USB rồi thử lại.
file-error-too-many-entries = Thư mục { $path } có quá nhiều tệp và thư mục con (hơn { $limit }). Hãy chọn một thư mục nhỏ hơn.
file-error-too-deep = Thư mục { $path } có quá nhiều cấp thư mục con (hơn { $limit } cấp). Hãy chọn một thư mục ít cấp hơn.

## Lỗi khi lấy chữ từ tệp .txt, .rtf, .docx

extract-error-unsupported = Loa chưa đọc được tệp đuôi “{ $ext }”. Hãy lưu tệp dưới dạng .docx, .rtf hoặc .txt rồi thử lại.
extract-error-rtf = Tệp RTF này bị hỏng hoặc sai định dạng. Hãy mở tệp bằng Word, lưu lại rồi thử lại.
extract-error-docx = Tệp Word (.docx) này bị hỏng hoặc sai định dạng. Hãy mở tệp bằng Word, lưu lại rồi thử lại.
extract-error-too-large = Tệp này chứa quá nhiều chữ hoặc giải nén ra quá lớn (tối đa { $limit } MB). Hãy chia tệp thành nhiều phần nhỏ hơn.
extract-error-too-slow = Đọc tệp này mất quá { $seconds } giây nên Loa đã dừng lại. Tệp có thể bị hỏng; hãy mở tệp bằng Word, lưu lại rồi thử lại.
error-file = Không đọc được tệp ({ $code }).
