# Loa — the `loa` command line.

cli-untitled = (untitled)
cli-no-drafts = No drafts yet.
cli-imported = Imported { $file } → draft { $id }
cli-skipped = Skipped { $file }: { $reason }
cli-import-summary = Imported { $imported } files, skipped { $skipped }.
cli-field-title = Title
cli-field-lang = Language
cli-field-topic = Topic
cli-field-status = Status
cli-field-created = Created
cli-field-updated = Updated
cli-detected = { $file }: detected { $encoding ->
        [tcvn3] TCVN3 (ABC)
        [vni] VNI
        [viqr] VIQR
       *[unicode] Unicode, nothing to convert
    }
cli-check-none = No problems found.
cli-check-overridden = overridden: { $reason }
cli-check-where = characters { $start }–{ $end } of the { $field ->
        [title] title
        [body] body
       *[other] { $field }
    }
cli-check-fix = Fix
cli-severity-block = BLOCK
cli-severity-warn = WARN
cli-override-recorded = Recorded the reason for { $code } on draft { $id }.
cli-sandbox-missing = The practice program { $path } was not found. Build it with: cargo build -p loa-emulators --bin loa-sandbox
cli-sandbox-profile-ready = The practice profile { $profile } now signs in to the emulated Facebook and Zalo. Open Loa with “loa-app --data-dir { $profile }”, then press “Connect with Facebook” to try signing in.
cli-panic = Loa hit an internal fault and stopped; what was saved before is not affected. The details were written down for support ({ $log }).
cli-panic-unlogged = Loa hit an internal fault and stopped; what was saved before is not affected. Run the command again; if it happens again, tell support.
