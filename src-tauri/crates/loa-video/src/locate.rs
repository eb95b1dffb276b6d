//! Finding ffmpeg and ffprobe. In order: the folder named by `LOA_FFMPEG_DIR`, the folder of the
//! running executable (where the Windows installer puts them as sidecars), then `PATH` (Debian's
//! `ffmpeg` package on Linux). The first folder that holds ffmpeg must hold ffprobe too, so the
//! two always come from the same build.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::error::{Tool, VideoError};

/// The environment variable that names a folder holding `ffmpeg` and `ffprobe`.
pub const FFMPEG_DIR_ENV: &str = "LOA_FFMPEG_DIR";

/// Where to look, taken from the process by [`Search::from_env`] or given by a test.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// `LOA_FFMPEG_DIR`: when set, only this folder is searched (a wrong override is an error,
    /// not a silent fall-back to another ffmpeg).
    pub override_dir: Option<PathBuf>,
    /// The folder of the running executable.
    pub exe_dir: Option<PathBuf>,
    /// The `PATH` value.
    pub path: Option<OsString>,
}

impl Search {
    /// The process's `LOA_FFMPEG_DIR`, executable folder and `PATH`.
    pub fn from_env() -> Search {
        Search {
            override_dir: std::env::var_os(FFMPEG_DIR_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            exe_dir: std::env::current_exe()
                .ok()
                .and_then(|p| p.parent().map(Path::to_path_buf)),
            path: std::env::var_os("PATH"),
        }
    }

    /// The two programs, from the first folder that holds ffmpeg.
    pub fn find(&self) -> Result<(PathBuf, PathBuf), VideoError> {
        let dirs: Vec<PathBuf> = match &self.override_dir {
            Some(d) => vec![d.clone()],
            None => self
                .exe_dir
                .iter()
                .cloned()
                .chain(
                    self.path
                        .as_ref()
                        .map(|p| std::env::split_paths(p).collect::<Vec<_>>())
                        .unwrap_or_default(),
                )
                .collect(),
        };
        let ffmpeg_dir = dirs
            .iter()
            .find(|d| executable(&d.join(exe_name(Tool::Ffmpeg))))
            .ok_or(VideoError::ToolMissing { tool: Tool::Ffmpeg })?;
        let ffprobe = ffmpeg_dir.join(exe_name(Tool::Ffprobe));
        if !executable(&ffprobe) {
            return Err(VideoError::ToolMissing {
                tool: Tool::Ffprobe,
            });
        }
        Ok((ffmpeg_dir.join(exe_name(Tool::Ffmpeg)), ffprobe))
    }
}

/// `ffmpeg` or `ffmpeg.exe`.
fn exe_name(tool: Tool) -> String {
    format!("{}{}", tool.name(), std::env::consts::EXE_SUFFIX)
}

#[cfg(unix)]
fn executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn executable(p: &Path) -> bool {
    p.is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fake(dir: &Path, names: &[&str]) {
        for n in names {
            let p = dir.join(format!("{n}{}", std::env::consts::EXE_SUFFIX));
            std::fs::write(&p, "#!/bin/sh\n").expect("write fake tool");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755))
                    .expect("chmod");
            }
        }
    }

    #[test]
    fn sidecar_beside_the_executable_wins_over_path() {
        let exe = tempfile::tempdir().expect("tempdir");
        let on_path = tempfile::tempdir().expect("tempdir");
        fake(exe.path(), &["ffmpeg", "ffprobe"]);
        fake(on_path.path(), &["ffmpeg", "ffprobe"]);
        let s = Search {
            override_dir: None,
            exe_dir: Some(exe.path().to_path_buf()),
            path: Some(std::env::join_paths([on_path.path()]).expect("join")),
        };
        let (ffmpeg, ffprobe) = s.find().expect("found");
        assert!(ffmpeg.starts_with(exe.path()));
        assert!(ffprobe.starts_with(exe.path()));
    }

    #[test]
    fn path_is_searched_in_order_when_there_is_no_sidecar() {
        let empty = tempfile::tempdir().expect("tempdir");
        let first = tempfile::tempdir().expect("tempdir");
        let second = tempfile::tempdir().expect("tempdir");
        fake(first.path(), &["ffmpeg", "ffprobe"]);
        fake(second.path(), &["ffmpeg", "ffprobe"]);
        let s = Search {
            override_dir: None,
            exe_dir: Some(empty.path().to_path_buf()),
            path: Some(std::env::join_paths([first.path(), second.path()]).expect("join")),
        };
        assert!(s.find().expect("found").0.starts_with(first.path()));
    }

    #[test]
    fn an_override_is_the_only_place_looked_at() {
        let wrong = tempfile::tempdir().expect("tempdir");
        let on_path = tempfile::tempdir().expect("tempdir");
        fake(on_path.path(), &["ffmpeg", "ffprobe"]);
        let s = Search {
            override_dir: Some(wrong.path().to_path_buf()),
            exe_dir: None,
            path: Some(std::env::join_paths([on_path.path()]).expect("join")),
        };
        assert_eq!(
            s.find(),
            Err(VideoError::ToolMissing { tool: Tool::Ffmpeg })
        );
    }

    #[test]
    fn ffmpeg_without_ffprobe_is_reported_as_ffprobe_missing() {
        let d = tempfile::tempdir().expect("tempdir");
        fake(d.path(), &["ffmpeg"]);
        let s = Search {
            override_dir: Some(d.path().to_path_buf()),
            ..Search::default()
        };
        assert_eq!(
            s.find(),
            Err(VideoError::ToolMissing {
                tool: Tool::Ffprobe
            })
        );
    }

    #[test]
    fn nothing_anywhere_is_ffmpeg_missing() {
        let s = Search::default();
        assert_eq!(
            s.find(),
            Err(VideoError::ToolMissing { tool: Tool::Ffmpeg })
        );
    }
}
