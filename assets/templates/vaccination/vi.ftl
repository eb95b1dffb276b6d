caption =
    💉 THÔNG BÁO LỊCH TIÊM CHỦNG
    { $title }

    { $commune } thông báo lịch tiêm vắc xin { $vaccine } như sau:
    📅 Ngày tiêm: { $date }
    ⏰ Thời gian: { $start } – { $end }
    🏥 Địa điểm: { $place }
    👶 Đối tượng: { $who }

    🎒 Khi đi tiêm, bà con nhớ mang theo:
    { $bring }

    { $note }

    Đề nghị các gia đình đưa trẻ đi tiêm đúng lịch để bảo vệ sức khỏe cho con em mình và cộng đồng. Mọi thắc mắc xin liên hệ Trạm Y tế xã hoặc gọi số { $contact }.

    #TiêmChủng #SứcKhỏeCộngĐồng #TrạmYTếXã
label-kicker = Lịch tiêm chủng
label-vaccine = Vắc xin
label-date = Ngày tiêm
label-time = Thời gian
label-place = Địa điểm
label-who = Đối tượng
label-target = Dự kiến
label-bring = Cần mang theo
label-note = Lưu ý
