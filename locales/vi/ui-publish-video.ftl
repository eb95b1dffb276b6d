# Queue: how much of a post's video the platform already has (kept across restarts).
ui-queue-bytes = Đã tải lên { $sent } / { $total }; nếu mất mạng, Loa sẽ tải tiếp từ chỗ này.
