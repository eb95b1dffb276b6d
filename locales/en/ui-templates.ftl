# Loa — the "Templates" screen: the template gallery, the form, the preview, creating a draft.

ui-nav-templates = Templates

## Gallery

ui-templates-heading = Infographic templates
ui-templates-intro = Pick a template and edit its content; Loa draws the image and writes the post for you.
ui-templates-search-label = Search templates
ui-templates-search-placeholder = Search by name, e.g. “heavy rain”
ui-templates-category-label = Filter by group
ui-templates-category-all = All
ui-templates-count = { $count ->
    [one] { $count } template
   *[other] { $count } templates
}
ui-templates-loading = Loading the templates…
ui-templates-none = There are no templates yet.
ui-templates-no-match = No template matches “{ $query }”.
ui-templates-clear-filters = Clear filters
ui-templates-thumb-loading = Drawing the sample…
ui-templates-thumb-failed = The sample could not be drawn
ui-templates-open = Use the template “{ $name }”

## Form

ui-templates-back = ← All templates
ui-templates-form-heading = Content
ui-templates-required-note = Fields marked * are required.
ui-templates-required = Required
ui-templates-counter = { $count }/{ $max }
ui-templates-list-help = One item per line.
ui-templates-list-counter = { $count ->
    [one] { $count } item
   *[other] { $count } items
}
ui-templates-list-counter-max = { $count }/{ $max } items
ui-templates-table-add = + Add a row
ui-templates-table-remove = Remove row { $row }
ui-templates-table-row = Row { $row }
ui-templates-image-none = No photo chosen
ui-templates-image-library = Choose from the photo library
ui-templates-image-file = Choose a photo file…
ui-templates-image-filter = Photos
ui-templates-image-clear = Remove the photo
ui-templates-image-library-heading = Photo library
ui-templates-image-library-empty = The photo library is empty. Import photos under “Photos”, or choose a photo file.
ui-templates-image-library-close = Close
ui-templates-image-library-photo = Library photo { $id }
ui-templates-qr-placeholder = https://…
ui-templates-choice-empty = — Choose —
ui-templates-reset = Clear what I typed

## Preview

ui-templates-preview = Preview
ui-templates-preview-full = View full size
ui-templates-preview-full-note = The picture at its real size, { $width } × { $height } pixels. Scroll to see all of it; press Esc or “Close” to go back.
ui-templates-preview-full-close = Close
ui-templates-preview-alt = Preview: { $name }
ui-templates-preview-busy = Drawing…
ui-templates-preview-empty = The image appears here once it is drawn.
ui-templates-preview-error-heading = The image cannot be drawn yet
ui-templates-preview-stale = The image below is the previous drawing.
ui-templates-preview-size = { $width } × { $height } px
ui-templates-preview-time = Drawn in { $ms } ms
ui-templates-size = Image size
ui-templates-size-1080x1350 = Portrait 1080×1350 (Facebook, Zalo)
ui-templates-size-1080x1080 = Square 1080×1080
ui-templates-size-1200x630 = Landscape 1200×630 (link preview, website)
ui-templates-size-a4 = A4 page (to print for the notice board)
ui-templates-size-a3 = A3 page (large print)
ui-templates-lang = Language of the image
ui-templates-caption = Post text
ui-templates-caption-note = This becomes the draft's text; you can keep editing it in the editor.

## Create draft

ui-templates-use = Create draft
ui-templates-using = Creating the draft…
ui-templates-use-note = Loa draws the image at the chosen size, adds it to the photo library and attaches it to a new draft.
ui-templates-fix-first = Fix the field marked in red before creating the draft.
ui-templates-sample = Example: { $value }
ui-templates-preview-sample-note = Required fields still blank show the example (the grey text in the field). The draft is made only once you have filled in the real information.
ui-templates-refuse-empty = No draft yet: “{ $field }” is empty. Fill it in.
ui-templates-refuse-sample = No draft yet: “{ $field }” is still the example. Type the commune's real information.
ui-templates-refuse-past = No draft yet: “{ $field }” is a time already past. Choose a date and time to come (the issue time is today).
ui-templates-hide = Hide
ui-templates-hide-label = Hide the template “{ $name }” from the gallery (built-in templates cannot be deleted)
ui-templates-unhide = Show again
ui-templates-unhide-label = Show the template “{ $name }” in the gallery again
ui-templates-hidden-show = { $count ->
    [one] See 1 hidden template
   *[other] See { $count } hidden templates
}
ui-templates-hidden-hide = Stop seeing hidden templates
ui-templates-delete = Delete
ui-templates-delete-confirm = Click again to delete
ui-templates-delete-label = Delete the template “{ $name }”
