# Loa — mẫu đồ họa (gói mẫu, dữ liệu của mẫu, vẽ ảnh và PDF, lệnh `loa template`).

## Nhóm mẫu

template-category-warning = Cảnh báo
template-category-health = Y tế
template-category-admin = Hành chính
template-category-event = Sự kiện
template-category-feature = Chuyên mục
template-category-community = Cộng đồng
template-category-utility = Tiện ích
template-category-figures = Số liệu

## Nguồn gốc của mẫu

template-origin-builtin = Mẫu có sẵn
template-origin-user = Mẫu của tôi
template-origin-imported = Mẫu đã nhập

## Lỗi của gói mẫu

template-error-pack-file-missing = Gói mẫu thiếu tệp { $path }.
template-error-pack-invalid = Tệp { $path } trong gói mẫu không hợp lệ ({ $detail }).
template-error-pack-unsafe-path = Gói mẫu chứa tệp có tên không an toàn ({ $path }) nên Loa không mở gói này.
template-error-pack-too-large = Gói mẫu quá lớn: khi giải nén vượt quá { $limit } MB.
template-error-pack-read = Không đọc được gói mẫu { $path } ({ $detail }).
template-error-pack-write = Không ghi được gói mẫu { $path } ({ $detail }). Hãy kiểm tra thư mục đích còn chỗ trống và cho phép ghi.
template-error-pack-zip = { $path } không phải tệp gói mẫu hợp lệ (tệp .zip) ({ $detail }).
template-error-pack-conflict = Không xuất chung được các mẫu này vì chúng dùng hai phiên bản khác nhau của tệp { $path }. Hãy xuất riêng từng mẫu.
template-error-template-not-found = Không tìm thấy mẫu “{ $id }”. Xem danh sách mẫu bằng lệnh “loa template list”.
template-error-size-not-offered = Mẫu “{ $id }” không có cỡ { $size }. Các cỡ có thể chọn: { $allowed }.
template-error-import-builtin-id = Gói mẫu có mẫu “{ $id }” trùng mã với một mẫu có sẵn của Loa nên không nhập được. Người soạn gói cần đổi mã của mẫu đó.
template-error-import-would-replace = Gói mẫu có { $count } mẫu trùng mã với mẫu bạn đang có ({ $ids }). Loa chưa nhập gì. Nếu muốn ghi đè các mẫu đó, hãy nhập lại và xác nhận thay thế.

## Lỗi trong dữ liệu của mẫu (luôn nêu tên trường cần sửa)

template-error-data-unreadable = Không đọc được tệp dữ liệu { $path } ({ $detail }). Tệp dữ liệu phải là JSON, mỗi trường một khóa.
template-error-data-not-an-object = Dữ liệu của mẫu phải là một đối tượng JSON, mỗi trường một khóa.
template-error-missing-field = Chưa điền “{ $label }”: đây là trường bắt buộc.
template-error-wrong-type = “{ $label }” phải là { $expected ->
        [text] một dòng chữ
        [multiline] một đoạn văn bản
        [date] một ngày
        [time] một giờ
        [datetime] một ngày giờ
        [list] danh sách các dòng chữ
        [table] một bảng (mỗi hàng là danh sách các ô)
        [image] đường dẫn tới một ảnh
        [qr] một địa chỉ web
        [choice] một trong các lựa chọn
       *[other] { $expected }
    }.
template-error-too-long = { $line ->
        [none] “{ $label }” dài { $len } ký tự, vượt quá { $max } ký tự cho phép. Hãy viết ngắn lại.
       *[other] “{ $label }”: dòng { $line } dài { $len } ký tự (tối đa { $max }). Hãy viết ngắn lại.
    }
template-error-too-many-items = “{ $label }” có { $count } mục, nhiều nhất được { $max } mục.
template-error-bad-date = “{ $label }”: “{ $value }” không phải ngày hợp lệ. Hãy ghi theo dạng năm-tháng-ngày, ví dụ 2025-07-29.
template-error-bad-time = “{ $label }”: “{ $value }” không phải giờ hợp lệ. Hãy ghi theo dạng giờ:phút, ví dụ 07:30.
template-error-bad-datetime = “{ $label }”: “{ $value }” không phải ngày giờ hợp lệ. Hãy ghi theo dạng 2025-07-29T07:30:00+07:00.
template-error-bad-choice = “{ $label }”: “{ $value }” không có trong các lựa chọn ({ $allowed }).
template-error-bad-row = “{ $label }”: hàng { $row } có { $cells } ô nhưng bảng chỉ có { $columns } cột.
template-error-bad-url = “{ $label }”: “{ $value }” không phải địa chỉ web. Mã QR chỉ nhận địa chỉ bắt đầu bằng http:// hoặc https://.
template-error-qr-too-long = “{ $label }”: địa chỉ quá dài, không tạo được mã QR. Hãy dùng địa chỉ ngắn hơn.
template-error-image-not-found = “{ $label }”: không tìm thấy ảnh { $path }.
template-error-image-not-a-file = “{ $label }”: { $path } là thư mục, không phải ảnh.
template-error-image-not-an-image = “{ $label }”: { $path } không phải ảnh JPEG, PNG hay WebP.
template-error-image-unreadable = “{ $label }”: không đọc được ảnh { $path }. Hãy chép ảnh vào thư mục của bạn rồi thử lại.
template-error-image-too-large = “{ $label }”: ảnh { $path } quá lớn ({ $detail }). Hãy thu nhỏ ảnh rồi thử lại.

## Lỗi khi vẽ ảnh hoặc PDF

render-error-typst = Bố cục của mẫu bị lỗi{ $located ->
        [yes] {" "}ở { $file }, dòng { $line }
       *[no] {""}
    }: { $detail }
render-error-too-many-pages = Nội dung quá dài, không vừa một trang ({ $pages } trang). Hãy rút gọn nội dung hoặc chọn cỡ lớn hơn.
render-error-encode = Không tạo được ảnh đầu ra ({ $detail }).
render-error-page-too-large = Trang của mẫu có kích thước { $width } × { $height } điểm, lớn hơn cỡ { $size } mà mẫu khai báo, nên Loa không vẽ. Người soạn mẫu cần sửa bố cục.
render-error-photo = Không dùng được ảnh đã chọn: ảnh bị hỏng hoặc không đọc được. Hãy chọn ảnh khác.
render-error-timeout = Mẫu này vẽ quá { $seconds } giây nên Loa đã dừng lại. Mẫu có thể bị lỗi; hãy dùng mẫu khác và báo cho người soạn mẫu.
render-error-out-of-memory = Mẫu này cần quá nhiều bộ nhớ (hơn { $limit } MB) nên Loa đã dừng lại. Mẫu có thể bị lỗi; hãy dùng mẫu khác và báo cho người soạn mẫu.
render-error-too-deep = Bố cục của mẫu lồng nhau quá sâu nên Loa đã dừng lại. Hãy dùng mẫu khác và báo cho người soạn mẫu.
render-error-crashed = Bộ vẽ mẫu gặp sự cố với mẫu này và sẽ được khởi động lại. Hãy thử lại; nếu vẫn lỗi, hãy dùng mẫu khác và báo cho người soạn mẫu.
render-error-worker-unavailable = Không khởi động được bộ vẽ mẫu của Loa. Hãy đóng rồi mở lại Loa; nếu vẫn lỗi, hãy cài lại Loa.
render-error-request-too-large = Dữ liệu và ảnh đưa vào mẫu quá lớn (hơn { $limit } MB). Hãy dùng ảnh nhỏ hơn hoặc rút gọn nội dung.
render-error-pack-rejected = Loa không nhập gói mẫu này vì mẫu “{ $template }” (cỡ { $size }) { $cause ->
        [timeout] vẽ quá lâu
        [out-of-memory] cần quá nhiều bộ nhớ
        [too-deep] có bố cục lồng nhau quá sâu
        [page-too-large] có trang lớn hơn cỡ đã khai báo
        [too-many-pages] không vừa một trang
        [crashed] làm bộ vẽ gặp sự cố
        [data] có dữ liệu mẫu không hợp lệ
       *[other] bị lỗi khi vẽ
    }. Chưa có gì được nhập; hãy báo cho người gửi gói mẫu.

## Lỗi của kho mẫu

error-template = Mẫu hoặc dữ liệu của mẫu không hợp lệ ({ $code }).
error-template-id-taken = { $taken_by ->
    [own] Anh/chị đã có mẫu riêng mang mã “{ $id }”. Gói này có mẫu cùng mã nên Loa chưa nhập gì, để mẫu của anh/chị không bị thay mất. Nếu muốn dùng mẫu trong gói thay cho mẫu cũ, hãy xác nhận thay thế.
   *[builtin] Loa đã có mẫu có sẵn mang mã “{ $id }”. Hãy đổi mã mẫu (trong template.json và tên thư mục) rồi nhập lại.
}
error-template-builtin = “{ $id }” là mẫu có sẵn của Loa nên không xóa được; bạn có thể ẩn mẫu này khỏi danh sách mẫu.
error-render = Không vẽ được mẫu ({ $code }).

## Lệnh `loa template`

template-cli-none = Chưa có mẫu nào.
template-cli-list-row = { $id } — { $name } ({ $category }, phiên bản { $version })
template-cli-rendered = Đã tạo { $out } ({ $width }×{ $height }, { $bytes } byte) trong { $ms } ms.
template-cli-bad-extension = Tệp đầu ra phải có đuôi .png hoặc .pdf: { $out }
template-cli-write-failed = Không ghi được { $out } ({ $detail }).
template-cli-imported = Đã nhập { $count } mẫu: { $ids }.
template-cli-replace-hint = Để thay mẫu cũ bằng mẫu trong gói, chạy lại lệnh với --replace.
template-cli-exported = Đã xuất { $count } mẫu vào { $out }.
template-cli-watching = Đang theo dõi { $dir }. Mỗi lần lưu tệp, Loa vẽ lại { $out }. Bấm Ctrl+C để dừng.
template-cli-watch-rendered = { $time } · { $out } · { $ms } ms
template-cli-watch-failed = { $time } · lỗi: { $reason }
template-cli-field-key = (trường “{ $key }” của tệp dữ liệu)
template-cli-deleted = Đã xóa mẫu { $id }.
template-cli-hidden = Đã ẩn mẫu { $id } khỏi danh sách mẫu.
template-cli-shown = Mẫu { $id } đã hiện lại trong danh sách mẫu.
