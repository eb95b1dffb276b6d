# Loa — hồ sơ của xã: tên xã, phường, tỉnh, logo, dấu ảnh mặc định, ngôn ngữ.

error-profile-no-logo = Chưa có logo của xã để đóng dấu lên ảnh. Hãy chọn logo trước, hoặc chọn đóng dấu bằng tên xã.
error-profile-logo = Không dùng được { $path } làm logo: { $problem ->
        [not_a_picture] tệp này không phải ảnh PNG, JPEG hay WebP.
        [too_big] ảnh quá lớn (tối đa 20 MB và 4096 điểm ảnh mỗi cạnh).
       *[unreadable] ảnh bị hỏng, không đọc được.
    } Hãy chọn lại tệp logo của xã.

profile-province-kind-province = Tỉnh
profile-province-kind-city = Thành phố
