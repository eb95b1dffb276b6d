# Loa — reading files from outside (loa-files) and taking the text out of documents (loa-legacy).

## Errors reading a file or walking a folder

file-error-not-found = { $path } was not found. Check the file name and the folder.
file-error-not-a-file = { $path } is not an ordinary file ({ $kind ->
        [folder] it is a folder
        [pipe] it is a pipe
        [device] it is a device
        [socket] it is a socket
       *[other] it is a special entry
    }), so Loa does not read it. Choose the file you mean to use.
file-error-too-large = { $path } is too large: Loa reads files of this kind up to { $limit } MB. Choose a smaller file or split it.
file-error-changed = { $path } changed just as Loa opened it. Try again.
file-error-no-permission = Loa may not read { $path }. Copy the file into your own folder and try again.
file-error-unreadable = Cannot read { $path }. Check the disk or the USB stick and try again.
file-error-too-many-entries = The folder { $path } holds too many files and folders (more than { $limit }). Choose a smaller folder.
file-error-too-deep = The folder { $path } has too many levels of folders inside it (more than { $limit }). Choose a folder with fewer levels.

## Errors taking the text out of a .txt, .rtf or .docx

extract-error-unsupported = Loa cannot read “{ $ext }” files yet. Save the file as .docx, .rtf or .txt and try again.
extract-error-rtf = This RTF file is damaged or not really RTF. Open it in Word, save it again and try again.
extract-error-docx = This Word (.docx) file is damaged or not really a .docx. Open it in Word, save it again and try again.
extract-error-too-large = This file holds too much text or unpacks to too much (at most { $limit } MB). Split it into smaller files.
extract-error-too-slow = Reading this file took more than { $seconds } seconds, so Loa stopped. The file may be damaged; open it in Word, save it again and try again.
error-file = The file could not be read ({ $code }).
