caption =
    ⚠️ CẢNH BÁO LŨ QUÉT, SẠT LỞ ĐẤT
    { $title }
    🔴 Cấp độ rủi ro thiên tai: { $level }

    { $commune } thông báo:
    ⏰ Thời gian cảnh báo: { $period }
    📍 Các thôn, bản có nguy cơ cao:
    { $villages }

    🏫 Điểm sơ tán: { $shelter }

    📢 Đề nghị bà con:
    { $advice }

    ☎️ Khi xảy ra sạt lở, lũ quét hoặc cần hỗ trợ khẩn cấp, bà con báo ngay cho trưởng thôn, UBND xã hoặc gọi số { $hotline }.
    Đề nghị các thôn, bản thông báo ngay trên loa truyền thanh và chia sẻ tin này đến từng hộ gia đình.

    #CảnhBáoLũQuét #SạtLởĐất #PhòngChốngThiênTai
label-kicker = Cảnh báo lũ quét, sạt lở đất
label-level-short = Rủi ro thiên tai
label-period = Thời gian cảnh báo
label-villages = Thôn, bản có nguy cơ cao
label-shelter = Điểm sơ tán
label-advice = Đề nghị bà con
label-source = Nguồn
label-issued = Phát hành
