//! The Typst world of one render: the pack's files in memory, the officer's photos as virtual
//! files under `/.inputs/`, the bundled fonts, and nothing else.
//!
//! There is no file system behind it. A path is looked up in the maps below and anything else —
//! `/etc/passwd`, `../../x` (which Typst already refuses to take above the root), a package
//! import — is an error. So a hostile layout or field value cannot read a byte of the machine.

use std::collections::HashMap;
use std::sync::Arc;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

use crate::fonts::Fonts;

/// The files of one pack, as Typst wants them; made once per pack and reused across renders so
/// that unchanged files keep their identity (and Typst's caches their results).
pub(crate) struct PackFiles {
    pub sources: HashMap<FileId, Source>,
    pub bytes: HashMap<FileId, Bytes>,
    /// Whether a Typst file of the pack reads `sys.inputs`: then each render needs its own
    /// standard library (the inputs live in it), which empties Typst's caches every time.
    /// Packs that read the data from `/.inputs/data.json` share one library and render
    /// incrementally.
    pub uses_sys_inputs: bool,
}

/// Whether Typst code reads `sys.inputs`: the tokens `sys` `.` `inputs` in the code, not in a
/// comment or a string (the shared `lib.typ` explains in a comment why it does *not* read it).
fn reads_sys_inputs(root: &typst::syntax::SyntaxNode) -> bool {
    use typst::syntax::{SyntaxKind, SyntaxNode};
    fn leaves<'a>(node: &'a SyntaxNode, out: &mut Vec<&'a SyntaxNode>) {
        if node.kind().is_trivia() {
            return;
        }
        if node.children().len() == 0 {
            out.push(node);
        }
        for child in node.children() {
            leaves(child, out);
        }
    }
    let mut all = Vec::new();
    leaves(root, &mut all);
    all.windows(3).any(|w| {
        w[0].kind() == SyntaxKind::Ident
            && w[0].leaf_text() == "sys"
            && w[1].kind() == SyntaxKind::Dot
            && w[2].kind() == SyntaxKind::Ident
            && w[2].leaf_text() == "inputs"
    })
}

/// The id of a pack path (`lib.typ`, `heavy-rain/layout.typ`) or input path
/// (`.inputs/photo.jpg`) in the project root. `None` for a path Typst would not accept.
pub(crate) fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(format!("/{path}")).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl PackFiles {
    pub fn new(pack: &loa_templates::Pack) -> Self {
        Self::from_files(
            pack.files()
                .iter()
                .map(|(path, data)| (path.as_str(), data.as_slice())),
        )
    }

    /// The files of a document that is not a template pack (a report): `.typ` files become
    /// sources, every file is readable as bytes.
    pub fn from_files<'f>(files: impl Iterator<Item = (&'f str, &'f [u8])>) -> Self {
        let mut sources = HashMap::new();
        let mut bytes = HashMap::new();
        let mut uses_sys_inputs = false;
        for (path, data) in files {
            let Some(id) = file_id(path) else { continue };
            if path.ends_with(".typ")
                && let Ok(text) = std::str::from_utf8(data)
            {
                let source = Source::new(id, text.to_owned());
                uses_sys_inputs |= reads_sys_inputs(source.root());
                sources.insert(id, source);
            }
            bytes.insert(id, Bytes::new(data.to_vec()));
        }
        Self {
            sources,
            bytes,
            uses_sys_inputs,
        }
    }
}

/// One render's world.
pub(crate) struct PackWorld<'a> {
    pub library: &'a LazyHash<Library>,
    pub fonts: &'a Fonts,
    pub main: FileId,
    pub files: Arc<PackFiles>,
    pub inputs: &'a HashMap<FileId, Bytes>,
}

/// The message for a package import: layouts must carry their helpers in the pack.
const NO_PACKAGES: &str = "packages are not available in Loa templates; \
                           put the helper in the pack's lib.typ instead";

impl PackWorld<'_> {
    fn check_root(&self, id: FileId) -> FileResult<()> {
        match id.root() {
            VirtualRoot::Project => Ok(()),
            VirtualRoot::Package(_) => Err(FileError::Other(Some(NO_PACKAGES.into()))),
        }
    }

    fn not_found(id: FileId) -> FileError {
        FileError::NotFound(id.vpath().get_with_slash().into())
    }
}

impl World for PackWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.check_root(id)?;
        if let Some(s) = self.files.sources.get(&id) {
            return Ok(s.clone());
        }
        if self.files.bytes.contains_key(&id) || self.inputs.contains_key(&id) {
            return Err(FileError::NotSource);
        }
        Err(Self::not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.check_root(id)?;
        self.files
            .bytes
            .get(&id)
            .or_else(|| self.inputs.get(&id))
            .cloned()
            .ok_or_else(|| Self::not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    /// No clock: a poster shows the dates the officer typed, and the same data always gives the
    /// same image. `datetime.today()` is an error in a layout.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

#[cfg(test)]
mod sys_inputs_tests {
    use super::reads_sys_inputs;
    use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};

    fn reads(code: &str) -> bool {
        let id: FileId = RootedPath::new(
            VirtualRoot::Project,
            VirtualPath::new("/t.typ").expect("path"),
        )
        .intern();
        reads_sys_inputs(Source::new(id, code.to_owned()).root())
    }

    #[test]
    fn only_code_that_reads_sys_inputs_counts() {
        assert!(reads("#let d = sys.inputs.data"));
        assert!(reads("#let d = json(bytes(sys.inputs.at(\"data\")))"));
        assert!(!reads(
            "// the data is not in `sys.inputs`\n#let d = json(\"/.inputs/data.json\")"
        ));
        assert!(!reads("/* sys.inputs */ #let s = \"sys.inputs\""));
    }
}
