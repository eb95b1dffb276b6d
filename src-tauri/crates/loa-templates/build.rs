//! Embeds the built-in template pack (`assets/templates/` at the repository root) in the crate:
//! one `include_bytes!` per file, and a fingerprint of them all so the store can tell cheaply
//! whether the pack changed since it last seeded a profile.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        // Hidden files (.DS_Store, editor swap files) are no part of the pack.
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect(root, &path, out);
        } else if kind.is_file() {
            let rel = path
                .strip_prefix(root)
                .map(|p| {
                    p.components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .join("/")
                })
                .unwrap_or_default();
            out.push((rel, path));
        }
    }
}

/// FNV-1a 64 over each path and its bytes.
fn fingerprint(files: &[(String, PathBuf)]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for (rel, path) in files {
        eat(rel.as_bytes());
        eat(&[0]);
        let bytes = std::fs::read(path).unwrap_or_default();
        eat(&(bytes.len() as u64).to_le_bytes());
        eat(&bytes);
    }
    h
}

fn main() {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let assets = manifest_dir.join("../../../assets");
    let root = assets.join("templates");
    // The folder itself, and the assets folder in case the pack is added later.
    println!("cargo:rerun-if-changed={}", root.display());
    println!("cargo:rerun-if-changed={}", assets.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let mut code = String::from("pub(crate) static BUILTIN_FILES: &[(&str, &[u8])] = &[\n");
    for (rel, path) in &files {
        let abs = path.canonicalize().unwrap_or_else(|_| path.clone());
        let _ = writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            abs.display().to_string()
        );
    }
    code.push_str("];\n");
    let _ = writeln!(
        code,
        "pub(crate) const BUILTIN_FINGERPRINT: &str = \"{:016x}\";",
        fingerprint(&files)
    );
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("builtin_pack.rs");
    if let Err(e) = std::fs::write(&out, code) {
        println!("cargo:warning=cannot write {}: {e}", out.display());
    }
}
