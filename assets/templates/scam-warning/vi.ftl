caption =
    🚨 CẢNH BÁO LỪA ĐẢO
    { $title }

    { $intro }

    ❌ Thủ đoạn thường gặp:
    { $tactics }

    ✅ Để không bị mất tiền, bà con cần:
    { $todo }

    ☎️ Khi phát hiện dấu hiệu lừa đảo, bà con báo ngay cho Công an xã hoặc gọi số { $hotline }.
    Đề nghị bà con chia sẻ bài viết để người thân, nhất là người cao tuổi, cùng biết và cảnh giác.
    { $commune }

    #CảnhGiácLừaĐảo #AnNinhMạng #KhôngChuyểnTiềnChoNgườiLạ
label-kicker = Cảnh báo lừa đảo
label-tactics = Thủ đoạn của kẻ gian
label-todo = Bà con cần làm gì
label-call = Báo ngay khi nghi ngờ
