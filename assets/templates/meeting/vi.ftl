caption =
    📣 THÔNG BÁO
    { $title }

    { $commune } trân trọng thông báo:
    🕖 Thời gian: { $at }
    📍 Địa điểm: { $place }

    📝 Nội dung:
    { $agenda }

    👥 Thành phần:
    { $participants }

    { $note }

    Đề nghị các thành phần được mời tham dự đầy đủ, đúng giờ.

    #ThôngBáo #HọpDân
label-kicker = Thông báo
label-time = Thời gian
label-place = Địa điểm
label-chair = Chủ trì
label-agenda = Nội dung
label-participants = Thành phần tham dự
label-note = Ghi chú
label-until = đến
