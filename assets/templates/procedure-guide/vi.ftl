caption =
    📋 HƯỚNG DẪN THỦ TỤC HÀNH CHÍNH
    { $title }

    🔢 Các bước thực hiện:
    { $steps }

    📂 Giấy tờ cần chuẩn bị:
    { $documents }

    💰 Lệ phí: { $fee }
    ⏱️ Thời hạn giải quyết: { $duration }
    🌐 Nộp hồ sơ trực tuyến tại: { $portal }

    Bà con có thể nộp hồ sơ trực tuyến ngay tại nhà, không phải đi lại. Nếu cần hỗ trợ, bà con liên hệ Bộ phận Một cửa hoặc tổ công nghệ số cộng đồng ở thôn để được hướng dẫn.
    { $commune }

    #DịchVụCông #ChuyểnĐổiSố #CảiCáchHànhChính
label-kicker = Hướng dẫn thủ tục
label-steps = Các bước thực hiện
label-documents = Giấy tờ cần chuẩn bị
label-fee = Lệ phí
label-duration = Thời hạn
label-scan = Quét mã để nộp hồ sơ trực tuyến
label-help = Hỗ trợ
