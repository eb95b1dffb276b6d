# Video posts: why a video cannot be queued for a channel.
error-video-refused = { $reason ->
    [not_carried] { $channel } (Zalo) chưa nhận đăng video từ Loa. Hãy đăng video này lên Trang Facebook hoặc trang thông tin điện tử của xã, rồi chia sẻ đường dẫn trên Zalo.
    [too_large] Video quá lớn để đăng lên { $channel } (tối đa { $max } MB). Hãy nén video với mức “Tiết kiệm” hoặc cắt ngắn rồi xếp lại.
    [too_long] Video quá dài để đăng lên { $channel } (tối đa { $max } phút). Hãy cắt ngắn video rồi xếp lại.
    [with_photos] Một bài chỉ kèm ảnh hoặc một video. Hãy bỏ ảnh khỏi bài, hoặc đăng video trong một bài riêng.
   *[changed] Tệp video đã chuẩn bị bị thay đổi hoặc hỏng. Hãy chuẩn bị lại video cho bài rồi xếp lại.
}
