//! A template pack in memory: its files by relative path, checked against the contract.
//!
//! A pack is only ever built through [`Pack::from_files`] (directly, or from a folder or a zip),
//! which checks every manifest, every template's layout and Fluent files, and every path. So a
//! `Pack` value is always usable: the renderer and the store never re-check it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_bundle::FluentResource;
use sha2::{Digest, Sha256};

use crate::manifest::{is_valid_id, is_valid_key};
use crate::{FieldType, PackManifest, TemplateError, TemplateManifest};

/// The manifest of a pack, at its root.
pub const PACK_MANIFEST: &str = "pack.json";
/// At most this many bytes once unpacked: a pack is sources, icons and a few photos
/// (`loa_files::limits` states every cap).
pub const MAX_PACK_BYTES: u64 = loa_files::Cap::PackUnpacked.bytes();
/// At most this many files.
pub const MAX_PACK_FILES: usize = loa_files::limits::PACK_MAX_FILES;

/// The files of one template, relative to its folder.
pub const TEMPLATE_MANIFEST: &str = "template.json";
pub const LAYOUT: &str = "layout.typ";

/// A checked template pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pack {
    manifest: PackManifest,
    templates: Vec<TemplateManifest>,
    files: BTreeMap<String, Vec<u8>>,
    hash: String,
}

/// Files by relative path (`/`-separated, no leading slash).
pub type FileMap = BTreeMap<String, Vec<u8>>;

impl Pack {
    /// Checks `files` and makes a pack of them. Paths must be relative, `/`-separated, without
    /// `.` or `..` segments.
    pub fn from_files(files: FileMap) -> Result<Self, TemplateError> {
        if files.len() > MAX_PACK_FILES {
            return Err(TemplateError::PackTooLarge {
                limit_mb: MAX_PACK_BYTES / (1024 * 1024),
            });
        }
        let mut total = 0u64;
        for (path, bytes) in &files {
            if normalize_path(path).as_deref() != Some(path.as_str()) {
                return Err(TemplateError::PackUnsafePath { path: path.clone() });
            }
            total += bytes.len() as u64;
        }
        if total > MAX_PACK_BYTES {
            return Err(TemplateError::PackTooLarge {
                limit_mb: MAX_PACK_BYTES / (1024 * 1024),
            });
        }
        let manifest: PackManifest = parse_json(&files, PACK_MANIFEST)?;
        check_pack_manifest(&manifest)?;
        let templates = manifest
            .templates
            .iter()
            .map(|id| check_template(&files, id))
            .collect::<Result<Vec<_>, _>>()?;
        let hash = hash_files(&files);
        Ok(Self {
            manifest,
            templates,
            files,
            hash,
        })
    }

    /// Reads a pack folder (the built-in pack's source, or a pack being written in author mode).
    /// Hidden files and folders (`.git`, `.DS_Store`) and symbolic links are left out: a pack
    /// holds only its own files.
    pub fn from_dir(dir: &Path) -> Result<Self, TemplateError> {
        let mut files = FileMap::new();
        read_dir_into(dir, &mut files)?;
        Self::from_files(files)
    }

    pub fn manifest(&self) -> &PackManifest {
        &self.manifest
    }

    pub fn id(&self) -> &str {
        &self.manifest.id
    }

    /// The templates, in the order of `pack.json`.
    pub fn templates(&self) -> &[TemplateManifest] {
        &self.templates
    }

    pub fn template(&self, id: &str) -> Result<&TemplateManifest, TemplateError> {
        self.templates
            .iter()
            .find(|t| t.id == id)
            .ok_or_else(|| TemplateError::TemplateNotFound { id: id.to_owned() })
    }

    pub fn files(&self) -> &FileMap {
        &self.files
    }

    pub fn into_files(self) -> FileMap {
        self.files
    }

    pub fn file(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// A text file of the pack (a layout, a Fluent file); `None` when missing or not UTF-8.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.file(path).and_then(|b| std::str::from_utf8(b).ok())
    }

    /// SHA-256 of the pack's paths and bytes, hex: two packs with the same hash are the same.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// A pack of only the templates `ids` (in that order): the shared files at the root and in
    /// folders that are not another template's, and the templates' own folders. `pack.json`
    /// keeps the pack's id, version and name.
    pub fn subset(&self, ids: &[&str]) -> Result<Pack, TemplateError> {
        for id in ids {
            self.template(id)?;
        }
        let others: BTreeSet<&str> = self
            .manifest
            .templates
            .iter()
            .map(String::as_str)
            .filter(|t| !ids.contains(t))
            .collect();
        let mut files: FileMap = self
            .files
            .iter()
            .filter(|(path, _)| {
                let first = path.split('/').next().unwrap_or_default();
                path.as_str() != PACK_MANIFEST && !(path.contains('/') && others.contains(first))
            })
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect();
        let manifest = PackManifest {
            templates: ids.iter().map(|s| (*s).to_owned()).collect(),
            ..self.manifest.clone()
        };
        files.insert(PACK_MANIFEST.to_owned(), manifest_bytes(&manifest));
        Pack::from_files(files)
    }

    /// One pack holding the templates of several (one-template) packs, as exported together.
    /// The first pack gives the id, version and name. Two packs that hold the same shared file
    /// with different contents (two versions of `lib.typ`) cannot be merged.
    pub fn merge(packs: &[Pack]) -> Result<Pack, TemplateError> {
        let Some(first) = packs.first() else {
            return Err(TemplateError::PackFileMissing {
                path: PACK_MANIFEST.to_owned(),
            });
        };
        let mut files = FileMap::new();
        let mut ids: Vec<String> = Vec::new();
        for pack in packs {
            for (path, bytes) in &pack.files {
                if path == PACK_MANIFEST {
                    continue;
                }
                match files.get(path) {
                    Some(existing) if existing != bytes => {
                        return Err(TemplateError::PackConflict { path: path.clone() });
                    }
                    Some(_) => {}
                    None => {
                        files.insert(path.clone(), bytes.clone());
                    }
                }
            }
            for id in &pack.manifest.templates {
                if !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
        }
        let manifest = PackManifest {
            id: first.manifest.id.clone(),
            version: packs.iter().map(|p| p.manifest.version).max().unwrap_or(1),
            name: first.manifest.name.clone(),
            templates: ids,
        };
        files.insert(PACK_MANIFEST.to_owned(), manifest_bytes(&manifest));
        Pack::from_files(files)
    }
}

fn manifest_bytes(m: &PackManifest) -> Vec<u8> {
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_vec_pretty(m).unwrap_or_default()
}

/// `path` as a pack path: `/`-separated, relative, without empty, `.` or `..` segments, without
/// backslashes, NUL or a drive prefix. `None` if it cannot be made safe.
pub fn normalize_path(path: &str) -> Option<String> {
    if path.contains('\\') || path.contains('\0') || path.contains(':') {
        return None;
    }
    let mut parts = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => continue,
            ".." => return None,
            p => parts.push(p),
        }
    }
    if parts.is_empty() || path.starts_with('/') {
        return None;
    }
    Some(parts.join("/"))
}

/// `rel` (as written in a sample or a layout, `/` or `\` separated) relative to the pack
/// folder `dir`, as a pack path: `("a", "../b/c.png")` → `b/c.png`. `None` when it is absolute,
/// has a drive, or climbs out of the pack. The one place a pack-relative path is resolved.
pub fn join_path(dir: &str, rel: &str) -> Option<String> {
    if rel.starts_with(['/', '\\']) || rel.contains(':') {
        return None;
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for seg in rel.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

fn read_dir_into(root: &Path, files: &mut FileMap) -> Result<(), TemplateError> {
    let too_large = || TemplateError::PackTooLarge {
        limit_mb: MAX_PACK_BYTES / (1024 * 1024),
    };
    // Links are never followed (a pack holds only its own files), hidden files are left out,
    // and the walk stops at a pack's file count (plus the folders) however deep or wide.
    let walk = loa_files::Walk {
        max_entries: 2 * MAX_PACK_FILES,
        ..loa_files::Walk::default()
    };
    let walked = walk.run(root).map_err(|e| match e {
        loa_files::FileError::TooManyEntries { .. } => too_large(),
        other => TemplateError::File(other),
    })?;
    if walked.files.len() > MAX_PACK_FILES {
        return Err(too_large());
    }
    let mut total = 0u64;
    for path in walked.files {
        let rel = path
            .strip_prefix(root)
            .map(|p| {
                p.components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .unwrap_or_default();
        // Each file may take only what is left of the pack's budget.
        let bytes =
            loa_files::read_limited(&path, MAX_PACK_BYTES - total).map_err(|e| match e {
                loa_files::FileError::TooLarge { .. } => too_large(),
                other => TemplateError::File(other),
            })?;
        total += bytes.len() as u64;
        files.insert(rel, bytes);
    }
    Ok(())
}

fn invalid(path: &str, detail: impl Into<String>) -> TemplateError {
    TemplateError::PackInvalid {
        path: path.to_owned(),
        detail: detail.into(),
    }
}

fn text_file<'a>(files: &'a FileMap, path: &str) -> Result<&'a str, TemplateError> {
    let bytes = files
        .get(path)
        .ok_or_else(|| TemplateError::PackFileMissing {
            path: path.to_owned(),
        })?;
    std::str::from_utf8(bytes).map_err(|_| invalid(path, "not UTF-8 text"))
}

fn parse_json<T: serde::de::DeserializeOwned>(
    files: &FileMap,
    path: &str,
) -> Result<T, TemplateError> {
    serde_json::from_str(text_file(files, path)?).map_err(|e| invalid(path, e.to_string()))
}

fn check_pack_manifest(m: &PackManifest) -> Result<(), TemplateError> {
    if !is_valid_id(&m.id) {
        return Err(invalid(PACK_MANIFEST, format!("bad pack id {:?}", m.id)));
    }
    if m.version == 0 {
        return Err(invalid(PACK_MANIFEST, "version starts at 1"));
    }
    let mut seen = BTreeSet::new();
    for id in &m.templates {
        if !is_valid_id(id) {
            return Err(invalid(PACK_MANIFEST, format!("bad template id {id:?}")));
        }
        if !seen.insert(id) {
            return Err(invalid(
                PACK_MANIFEST,
                format!("template {id} listed twice"),
            ));
        }
    }
    Ok(())
}

/// Checks one template's folder and returns its manifest.
fn check_template(files: &FileMap, id: &str) -> Result<TemplateManifest, TemplateError> {
    let manifest_path = format!("{id}/{TEMPLATE_MANIFEST}");
    let m: TemplateManifest = parse_json(files, &manifest_path)?;
    let bad = |detail: String| invalid(&manifest_path, detail);
    if m.id != id {
        return Err(bad(format!("id {:?} differs from its folder {id}", m.id)));
    }
    if m.version == 0 {
        return Err(bad("version starts at 1".to_owned()));
    }
    if m.sizes.is_empty() {
        return Err(bad("no sizes".to_owned()));
    }
    let mut sizes = m.sizes.clone();
    sizes.sort_unstable();
    sizes.dedup();
    if sizes.len() != m.sizes.len() {
        return Err(bad("a size is listed twice".to_owned()));
    }
    let mut keys = BTreeSet::new();
    for f in &m.fields {
        if !is_valid_key(&f.key) || !keys.insert(f.key.as_str()) {
            return Err(bad(format!("bad or repeated field key {:?}", f.key)));
        }
        if f.max_len == Some(0) || f.max_items == Some(0) {
            return Err(bad(format!("field {}: limits start at 1", f.key)));
        }
        match f.kind {
            FieldType::Choice => {
                let mut values = BTreeSet::new();
                if f.options.is_empty() || !f.options.iter().all(|o| values.insert(&o.value)) {
                    return Err(bad(format!(
                        "choice field {} needs distinct options",
                        f.key
                    )));
                }
            }
            FieldType::Table => {
                let mut cols = BTreeSet::new();
                if f.columns.is_empty()
                    || !f
                        .columns
                        .iter()
                        .all(|c| is_valid_key(&c.key) && cols.insert(&c.key))
                {
                    return Err(bad(format!("table field {} needs distinct columns", f.key)));
                }
            }
            _ => {}
        }
    }
    text_file(files, &format!("{id}/{LAYOUT}"))?;
    for lang in crate::Lang::ALL {
        let path = format!("{id}/{lang}.ftl");
        let src = text_file(files, &path)?;
        let res = FluentResource::try_new(src.to_owned()).map_err(|(_, errs)| {
            let first = errs.first().map(|e| e.to_string()).unwrap_or_default();
            invalid(&path, first)
        })?;
        let has_caption = res.entries().any(
            |e| matches!(e, fluent_syntax::ast::Entry::Message(msg) if msg.id.name == "caption"),
        );
        if !has_caption {
            return Err(invalid(&path, "no caption message"));
        }
    }
    Ok(m)
}

fn hash_files(files: &FileMap) -> String {
    let mut h = Sha256::new();
    for (path, bytes) in files {
        h.update((path.len() as u64).to_le_bytes());
        h.update(path.as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_pack::tiny_pack_files;

    #[test]
    fn a_tiny_pack_loads() {
        let pack = Pack::from_files(tiny_pack_files()).expect("valid pack");
        assert_eq!(pack.id(), "test-pack");
        assert_eq!(pack.templates().len(), 2);
        assert_eq!(pack.hash().len(), 64);
        assert!(pack.template("notice").is_ok());
        assert!(matches!(
            pack.template("nope"),
            Err(TemplateError::TemplateNotFound { .. })
        ));
    }

    #[test]
    fn unsafe_paths_are_refused() {
        for bad in ["../x", "/etc/passwd", "a/../../b", "a\\b", "c:/x", ""] {
            assert_eq!(normalize_path(bad), None, "{bad}");
            let mut files = tiny_pack_files();
            files.insert(bad.to_owned(), b"x".to_vec());
            assert!(
                matches!(
                    Pack::from_files(files),
                    Err(TemplateError::PackUnsafePath { .. })
                ),
                "{bad}"
            );
        }
        assert_eq!(normalize_path("./a//b").as_deref(), Some("a/b"));
    }

    #[test]
    fn broken_manifests_name_the_file() {
        let mut files = tiny_pack_files();
        files.insert("notice/template.json".into(), b"{\"id\": 1}".to_vec());
        match Pack::from_files(files) {
            Err(TemplateError::PackInvalid { path, .. }) => {
                assert_eq!(path, "notice/template.json")
            }
            other => panic!("{other:?}"),
        }
        let mut files = tiny_pack_files();
        files.remove("notice/layout.typ");
        assert!(matches!(
            Pack::from_files(files),
            Err(TemplateError::PackFileMissing { path }) if path == "notice/layout.typ"
        ));
        let mut files = tiny_pack_files();
        files.insert("notice/en.ftl".into(), b"label-x = X\n".to_vec());
        assert!(matches!(
            Pack::from_files(files),
            Err(TemplateError::PackInvalid { path, .. }) if path == "notice/en.ftl"
        ));
    }

    #[test]
    fn a_subset_keeps_shared_files_and_drops_other_templates() {
        let pack = Pack::from_files(tiny_pack_files()).expect("valid pack");
        let one = pack.subset(&["notice"]).expect("subset");
        assert_eq!(one.manifest().templates, vec!["notice".to_owned()]);
        assert!(one.file("lib.typ").is_some());
        assert!(one.file("notice/layout.typ").is_some());
        assert!(one.file("poster/layout.typ").is_none());
        let merged = Pack::merge(&[one, pack.subset(&["poster"]).expect("subset")]).expect("merge");
        assert_eq!(merged.templates().len(), 2);
        assert_eq!(merged.files().len(), pack.files().len());
    }

    #[test]
    fn merging_different_shared_files_is_refused() {
        let pack = Pack::from_files(tiny_pack_files()).expect("valid pack");
        let a = pack.subset(&["notice"]).expect("subset");
        let mut files = pack.subset(&["poster"]).expect("subset").into_files();
        files.insert("lib.typ".into(), b"// another lib".to_vec());
        let b = Pack::from_files(files).expect("valid");
        assert!(matches!(
            Pack::merge(&[a, b]),
            Err(TemplateError::PackConflict { path }) if path == "lib.typ"
        ));
    }

    #[test]
    fn relative_paths_stay_inside_the_pack() {
        assert_eq!(
            join_path("feature-cover", "assets/sample.jpg").as_deref(),
            Some("feature-cover/assets/sample.jpg")
        );
        assert_eq!(join_path("a", "../b/./c.png").as_deref(), Some("b/c.png"));
        assert_eq!(join_path("a", "..\\b.png").as_deref(), Some("b.png"));
        for bad in [
            "../../etc/passwd",
            "/etc/passwd",
            "\\\\server\\x",
            "C:\\x.jpg",
        ] {
            assert_eq!(join_path("a", bad), None, "{bad}");
        }
    }

    #[test]
    fn a_folder_reads_like_its_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        for (path, bytes) in tiny_pack_files() {
            let full = dir.path().join(&path);
            std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
            std::fs::write(full, bytes).expect("write");
        }
        std::fs::write(dir.path().join(".DS_Store"), b"junk").expect("write");
        // A link loop and a link out of the pack are left out, not followed.
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(".", dir.path().join("notice/loop")).expect("symlink");
            std::os::unix::fs::symlink("/etc/passwd", dir.path().join("passwd")).expect("symlink");
        }
        let from_dir = Pack::from_dir(dir.path()).expect("reads");
        let from_files = Pack::from_files(tiny_pack_files()).expect("valid");
        assert_eq!(from_dir.hash(), from_files.hash());
    }
}
