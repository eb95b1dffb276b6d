# Loa — backups and restore: the automatic daily copy, "Back up to…", "Restore from…".

error-backup = { $problem ->
        [not_a_backup] { $path } is not a Loa backup. Choose the .loa-backup file you saved before.
        [corrupt] The backup { $path } is damaged or cut short (a file inside does not match). Your current data is unchanged. Choose another backup.
        [too_new] The backup { $path } was made by a newer Loa than this one. Your current data is unchanged. Update Loa, then restore again.
        [too_large] { $path } is too large to be a Loa backup. Choose the right backup file.
        [in_use] Another Loa window or program still has this data open. Close Loa, then restore again; your current data is unchanged.
        [swap] The data at { $path } could not be replaced by the backup. Your current data is unchanged. Close any other Loa window and try again.
       *[write] { $path } could not be written: the disk is full, the USB stick was removed, or writing is not allowed. Check where you save, then try again.
    }

backup-cli-done = Backed up to { $file } ({ $size }): { $drafts } drafts, { $media } photos, { $templates } templates, { $queue } posts in the queue.
backup-cli-list-empty = No automatic copies yet. Loa makes one each day it is opened.
backup-cli-holds = Backup made { $date }: { $drafts } drafts, { $media } photos, { $templates } templates, { $queue } posts in the queue.
backup-cli-confirm = Replace the current data with this backup? The current data is kept aside, not deleted. Type "y" and Enter to go ahead:
backup-cli-not-confirmed = Nothing was restored. Add --yes to restore without being asked.
backup-cli-restored = Restored: { $drafts } drafts, { $media } photos.
backup-cli-aside = The data from before the restore is kept at { $aside }.
