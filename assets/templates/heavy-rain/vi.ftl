caption =
    ⚠️ CẢNH BÁO MƯA LỚN
    { $title }
    🔴 Cấp độ rủi ro thiên tai: { $level }

    { $commune } thông báo tới toàn thể Nhân dân trên địa bàn:
    ⏰ Thời gian: { $period }
    🌧️ Lượng mưa: { $rainfall }
    📍 Khu vực có nguy cơ ảnh hưởng:
    { $areas }

    📢 Đề nghị bà con:
    { $advice }

    ☎️ Khi có tình huống khẩn cấp, đề nghị bà con báo ngay cho trưởng thôn, UBND xã hoặc gọi số { $hotline } để được hỗ trợ kịp thời.
    Đề nghị bà con chia sẻ thông tin này để mọi người cùng biết, chủ động phòng tránh.

    #CảnhBáoMưaLớn #PhòngChốngThiênTai #AnToànMùaMưaLũ
label-kicker = Cảnh báo mưa lớn
label-level-short = Rủi ro thiên tai
label-period = Thời gian
label-rainfall = Lượng mưa
label-areas = Khu vực ảnh hưởng
label-advice = Đề nghị bà con
label-source = Nguồn
label-issued = Phát hành
