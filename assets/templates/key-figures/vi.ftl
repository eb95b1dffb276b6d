caption =
    📊 { $title }
    { $period }

    Mời bà con cùng điểm lại những con số nổi bật của xã qua ảnh dưới đây. Những kết quả trên là thành quả của sự đồng lòng, chung sức của cấp ủy, chính quyền và Nhân dân các dân tộc xã nhà.
    Hãy chia sẻ để lan tỏa niềm tự hào về quê hương!
    { $commune }

    #ConSốNổiBật #KinhTếXãHội #NôngThônMới
label-kicker = Con số nổi bật
label-source = Nguồn
