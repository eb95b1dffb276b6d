caption =
    🔌 THÔNG BÁO: Tạm ngừng cung cấp { $kind }
    { $title }

    Theo thông báo của { $provider }, việc cấp { $kind } sẽ tạm ngừng:
    ⏰ Từ: { $from }
    ⏰ Đến: { $to }
    📍 Khu vực ảnh hưởng:
    { $areas }
    🛠️ Lý do: { $reason }

    { $note }

    Đề nghị bà con chủ động sắp xếp công việc, sinh hoạt trong thời gian trên. Mọi thắc mắc xin liên hệ { $provider } { $hotline }
    { $commune } trân trọng thông báo!

    #ThôngBáo #LịchCắtĐiệnNước
label-kicker-power = Thông báo tạm ngừng cấp điện
label-kicker-water = Thông báo tạm ngừng cấp nước
label-from = Từ
label-to = Đến
label-areas = Khu vực ảnh hưởng
label-reason = Lý do
label-provider = Đơn vị thực hiện
label-note = Lưu ý
