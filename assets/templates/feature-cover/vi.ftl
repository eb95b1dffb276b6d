caption =
    🌟 CHUYÊN MỤC: { $series } – KỲ { $episode }
    📰 { $headline }

    Mời bà con đón đọc kỳ { $episode } của chuyên mục “{ $series }” trên trang của { $commune }. Hãy bấm theo dõi trang để không bỏ lỡ các kỳ tiếp theo!

    #ĐạiHộiĐảng #ChàoMừngĐạiHội #NhiệmKỳ2025_2030
label-episode = Kỳ
