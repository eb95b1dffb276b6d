caption =
    📢 THÔNG BÁO: { $title }

    { $intro }

    🗓️ Lịch tiếp công dân:
    { $schedule }

    { $note }

    Bà con có nhu cầu phản ánh, kiến nghị đề nghị đến đúng thời gian, địa điểm nêu trên để được tiếp và giải quyết kịp thời.
    { $commune } trân trọng thông báo!

    #TiếpCôngDân #CảiCáchHànhChính
label-kicker = Lịch tiếp công dân
label-day = Ngày
label-time = Thời gian
label-host = Người tiếp
label-place = Địa điểm
label-note = Lưu ý
