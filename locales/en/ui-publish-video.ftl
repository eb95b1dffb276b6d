# Queue: how much of a post's video the platform already has (kept across restarts).
ui-queue-bytes = Uploaded { $sent } of { $total }; if the link drops, Loa goes on from here.
