# Loa — infographic templates (packs, template data, rendering images and PDFs, `loa template`).

## Template categories

template-category-warning = Warnings
template-category-health = Health
template-category-admin = Administration
template-category-event = Events
template-category-feature = Features
template-category-community = Community
template-category-utility = Utilities
template-category-figures = Figures

## Where a template comes from

template-origin-builtin = Built-in
template-origin-user = My template
template-origin-imported = Imported

## Pack errors

template-error-pack-file-missing = The template pack has no file { $path }.
template-error-pack-invalid = { $path } in the template pack is not valid ({ $detail }).
template-error-pack-unsafe-path = The template pack holds a file with an unsafe name ({ $path }), so Loa does not open it.
template-error-pack-too-large = The template pack is too large: over { $limit } MB once unpacked.
template-error-pack-read = Cannot read the template pack { $path } ({ $detail }).
template-error-pack-write = Cannot write the template pack { $path } ({ $detail }). Check that the folder has free space and can be written to.
template-error-pack-zip = { $path } is not a valid template pack (a .zip file) ({ $detail }).
template-error-pack-conflict = These templates cannot be exported together: they use two different versions of { $path }. Export them one at a time.
template-error-template-not-found = Template “{ $id }” was not found. List the templates with “loa template list”.
template-error-size-not-offered = Template “{ $id }” has no size { $size }. Sizes you can choose: { $allowed }.
template-error-import-builtin-id = The pack holds a template “{ $id }” with the id of one of Loa's built-in templates, so it cannot be imported. Its author must change that template's id.
template-error-import-would-replace = { $count } templates of the pack have the ids of templates you already have ({ $ids }). Nothing was imported. To overwrite them, import again and confirm the replacement.

## Errors in a template's data (always naming the field to fix)

template-error-data-unreadable = Cannot read the data file { $path } ({ $detail }). A data file is JSON with one key per field.
template-error-data-not-an-object = A template's data must be a JSON object with one key per field.
template-error-missing-field = “{ $label }” is required and empty.
template-error-wrong-type = “{ $label }” must be { $expected ->
        [text] one line of text
        [multiline] a text
        [date] a date
        [time] a time
        [datetime] a date and time
        [list] a list of lines
        [table] a table (each row a list of cells)
        [image] the path of a photo
        [qr] a web address
        [choice] one of the options
       *[other] { $expected }
    }.
template-error-too-long = { $line ->
        [none] “{ $label }” is { $len } characters long; at most { $max } fit. Please shorten it.
       *[other] “{ $label }”: line { $line } is { $len } characters long (at most { $max }). Please shorten it.
    }
template-error-too-many-items = “{ $label }” has { $count } items; at most { $max } fit.
template-error-bad-date = “{ $label }”: “{ $value }” is not a valid date. Write it as year-month-day, e.g. 2025-07-29.
template-error-bad-time = “{ $label }”: “{ $value }” is not a valid time. Write it as hours:minutes, e.g. 07:30.
template-error-bad-datetime = “{ $label }”: “{ $value }” is not a valid date and time. Write it as 2025-07-29T07:30:00+07:00.
template-error-bad-choice = “{ $label }”: “{ $value }” is not one of the options ({ $allowed }).
template-error-bad-row = “{ $label }”: row { $row } has { $cells } cells but the table has { $columns } columns.
template-error-bad-url = “{ $label }”: “{ $value }” is not a web address. QR codes take addresses starting with http:// or https://.
template-error-qr-too-long = “{ $label }”: the address is too long for a QR code. Use a shorter one.
template-error-image-not-found = “{ $label }”: the photo { $path } was not found.
template-error-image-not-a-file = “{ $label }”: { $path } is a folder, not a photo.
template-error-image-not-an-image = “{ $label }”: { $path } is not a JPEG, PNG or WebP photo.
template-error-image-unreadable = “{ $label }”: cannot read the photo { $path }. Copy it into your own folder and try again.
template-error-image-too-large = “{ $label }”: the photo { $path } is too large ({ $detail }). Make it smaller and try again.

## Rendering errors

render-error-typst = The template's layout failed{ $located ->
        [yes] {" "}in { $file }, line { $line }
       *[no] {""}
    }: { $detail }
render-error-too-many-pages = The content is too long for one page ({ $pages } pages). Shorten it or choose a larger size.
render-error-encode = Cannot make the output image ({ $detail }).
render-error-page-too-large = The template's page is { $width } × { $height } pt, larger than the size { $size } it declares, so Loa does not draw it. The template's author must fix the layout.
render-error-photo = The chosen photo cannot be used: it is damaged or unreadable. Choose another photo.
render-error-timeout = This template took more than { $seconds } seconds to draw, so Loa stopped it. The template may be broken; use another one and tell its author.
render-error-out-of-memory = This template needed too much memory (more than { $limit } MB), so Loa stopped it. The template may be broken; use another one and tell its author.
render-error-too-deep = This template's layout is nested too deeply, so Loa stopped it. Use another template and tell its author.
render-error-crashed = The template renderer failed on this template and will be restarted. Try again; if it fails again, use another template and tell its author.
render-error-worker-unavailable = Loa's template renderer could not be started. Close Loa and open it again; if that does not help, reinstall Loa.
render-error-request-too-large = The data and photos given to the template are too large (more than { $limit } MB). Use smaller photos or shorter text.
render-error-pack-rejected = Loa did not import this pack because its template “{ $template }” (size { $size }) { $cause ->
        [timeout] takes too long to draw
        [out-of-memory] needs too much memory
        [too-deep] has a layout nested too deeply
        [page-too-large] has a page larger than its declared size
        [too-many-pages] does not fit on one page
        [crashed] makes the renderer fail
        [data] has sample data that is not valid
       *[other] fails to draw
    }. Nothing was imported; tell whoever sent you the pack.

## Template store errors

error-template = The template or its data is not valid ({ $code }).
error-template-id-taken = { $taken_by ->
    [own] You already have your own template “{ $id }”. This pack has a template with the same id, so Loa imported nothing and your template is unchanged. To use the pack's template instead of yours, confirm the replacement.
   *[builtin] Loa already has a built-in template “{ $id }”. Change the template's id (in template.json and its folder name) and import it again.
}
error-template-builtin = “{ $id }” is a built-in template and cannot be removed; you can hide it from the gallery.
error-render = The template could not be rendered ({ $code }).

## The `loa template` command

template-cli-none = No templates yet.
template-cli-list-row = { $id } — { $name } ({ $category }, version { $version })
template-cli-rendered = Wrote { $out } ({ $width }×{ $height }, { $bytes } bytes) in { $ms } ms.
template-cli-bad-extension = The output file must end in .png or .pdf: { $out }
template-cli-write-failed = Cannot write { $out } ({ $detail }).
template-cli-imported = Imported { $count } templates: { $ids }.
template-cli-replace-hint = To replace your template with the pack's, run the command again with --replace.
template-cli-exported = Exported { $count } templates to { $out }.
template-cli-watching = Watching { $dir }. Each save redraws { $out }. Press Ctrl+C to stop.
template-cli-watch-rendered = { $time } · { $out } · { $ms } ms
template-cli-watch-failed = { $time } · error: { $reason }
template-cli-field-key = (field “{ $key }” of the data file)
template-cli-deleted = Deleted template { $id }.
template-cli-hidden = Template { $id } is hidden from the gallery.
template-cli-shown = Template { $id } is shown in the gallery again.
