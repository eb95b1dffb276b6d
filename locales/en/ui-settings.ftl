# Loa window — first run and Settings (the commune, language, watermark, backups).

ui-nav-settings = Settings
ui-nav-settings-title = The commune, language, watermark, backups

## First run

ui-setup-title = Welcome to Loa
ui-setup-intro = A few details about the commune or ward, so Loa can fill them into the templates and stamp your photos. You can skip this; everything can be changed later in Settings.
ui-setup-skip = Skip
ui-setup-done = Done, start using Loa

## The commune

ui-profile-commune = Commune, ward or special zone
ui-profile-commune-placeholder = e.g. Xã Nậm Cang
ui-profile-commune-help = Start with “Xã”, “Phường” or “Đặc khu”, as on the People's Committee's seal.
ui-profile-province = Province or city
ui-profile-province-placeholder = e.g. Lào Cai
ui-profile-province-help = Type the first letters to pick one of the 34 provinces and cities (since 1 July 2025).
ui-profile-logo = Commune logo
ui-profile-logo-none = No logo yet
ui-profile-logo-pick = Choose a logo…
ui-profile-logo-change = Change the logo…
ui-profile-logo-remove = Remove the logo
ui-profile-logo-help = A PNG (best with a transparent background) or a JPEG. Loa stamps it on photos and prints it on templates.
ui-profile-logo-filter = Logo images
ui-profile-hotline = The commune's hotline
ui-profile-hotline-placeholder = e.g. 0214 3871 234
ui-profile-watermark = Stamp photos before posting with
ui-profile-watermark-logo = The commune's logo
ui-profile-watermark-text = The People's Committee's name
ui-profile-watermark-none = No stamp
ui-profile-watermark-logo-needs-logo = To stamp the logo, choose the commune's logo first.
ui-profile-lang = Loa's language
ui-profile-lang-vi = Tiếng Việt
ui-profile-lang-en = English

## Settings

ui-settings-title = Settings
ui-settings-profile = The commune
ui-settings-channels = Publishing channels
ui-settings-language = Language
ui-settings-watermark = Photo stamp
ui-settings-save = Save changes
ui-settings-unsaved = Not saved
ui-settings-saved = Saved
ui-settings-language-help = The language of Loa's window and messages. Posts can still be written in both languages.
ui-settings-watermark-more = Where the stamp goes, how strong it is and a preview are in Photos.
ui-settings-watermark-open-media = Open Photos

## Backups

ui-settings-backup = Backups
ui-backup-help = Back up every draft, photo, template, queued post and setting to one file, to keep on a USB stick or another computer. Passwords and channel access tokens are never in a backup. Loa also makes a copy by itself each day it is opened.
ui-backup-now = Back up to…
ui-backup-restore = Restore from…
ui-backup-list = Show the daily copies
ui-backup-filter = Loa backup
ui-backup-progress = Backing up… { $percent }%
ui-backup-done = Backed up to { $file } ({ $size }): { $drafts } drafts, { $media } photos.
ui-backup-restore-title = Restore from this backup?
ui-backup-restore-holds = Backup made { $date }: { $drafts } drafts, { $media } photos, { $templates } templates, { $queue } posts in the queue.
ui-backup-restore-aside = Loa checks the whole file first, then opens again with the backup's data. The current data is kept aside, not deleted.
ui-backup-restore-go = Restore and reopen Loa
ui-backup-restoring = Checking the backup…
ui-backup-restore-cancel = Cancel
ui-backup-daily-empty = No daily copies yet. Loa makes one each day it is opened.
ui-backup-daily-help = Loa keeps a copy of each of the last 7 days and of the 4 weeks before, in the backups folder of Loa's data.
ui-backup-recover-title = Loa's data could not be opened
ui-backup-recover-body = The data file on this computer is damaged. Loa has a daily copy from { $date } ({ $drafts } drafts, { $media } photos). Reopen Loa with it? The damaged file is kept aside.
ui-backup-recover-go = Use this copy and reopen Loa

ui-read-only-notice = Loa could open its data for reading only: the data folder cannot be written (a read-only drive, no permission to write, or a full disk). You can still read and copy your drafts, but no change would be saved. Free some disk space or ask whoever helps you to check the folder’s permissions, then open Loa again.
