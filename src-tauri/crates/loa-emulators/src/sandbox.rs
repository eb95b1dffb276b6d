//! `loa sandbox`: the three emulators on fixed ports, token files, and the commands to paste, so
//! a new officer can try the whole flow without real accounts.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::faults::Faults;
use crate::graph::{GraphEmulator, GraphOptions};
use crate::wordpress::{WordPressEmulator, WordPressOptions};
use crate::zalo::{ZaloEmulator, ZaloOptions};

/// Default ports: high enough to be free on an officer's laptop, fixed so that channels added
/// once keep working the next time the sandbox starts.
pub const GRAPH_PORT: u16 = 18781;
pub const ZALO_PORT: u16 = 18782;
pub const WORDPRESS_PORT: u16 = 18783;

/// The file in the sandbox folder that says where the emulators answer and with which apps
/// (`loa sandbox` reads it to prepare the practice profile).
pub const CONFIG_FILE: &str = "sandbox.json";

/// How the sandbox starts.
#[derive(Debug, Clone)]
pub struct SandboxOptions {
    /// Where token files, the folder channel and the suggested profile go.
    pub dir: PathBuf,
    pub graph_port: u16,
    pub zalo_port: u16,
    pub wordpress_port: u16,
    /// Random faults on this share of state-changing requests (0 = none).
    pub fault_probability: f64,
    pub seed: u64,
    /// Each emulator's connections together at this many bytes per second, like a weak
    /// mountain link (`None` = loopback speed): an upload then takes long enough to watch.
    pub bandwidth: Option<u64>,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        SandboxOptions {
            dir: std::env::temp_dir().join("loa-sandbox"),
            graph_port: GRAPH_PORT,
            zalo_port: ZALO_PORT,
            wordpress_port: WORDPRESS_PORT,
            fault_probability: 0.0,
            seed: 1,
            bandwidth: None,
        }
    }
}

/// Why the sandbox could not start.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("cannot start the {what} emulator on port {port}: {source}")]
    Bind {
        what: &'static str,
        port: u16,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The running sandbox. Stops when dropped.
#[derive(Debug)]
pub struct Sandbox {
    pub graph: GraphEmulator,
    pub zalo: ZaloEmulator,
    pub wordpress: WordPressEmulator,
    pub dir: PathBuf,
}

fn write(path: &Path, text: &str) -> Result<(), SandboxError> {
    std::fs::write(path, text).map_err(|source| SandboxError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Starts the emulators and writes the token files (no printing).
pub fn start(opts: &SandboxOptions) -> Result<Sandbox, SandboxError> {
    let mkdir = |p: &Path| {
        std::fs::create_dir_all(p).map_err(|source| SandboxError::Write {
            path: p.to_path_buf(),
            source,
        })
    };
    mkdir(&opts.dir)?;
    mkdir(&opts.dir.join("folder"))?;
    // A config left by an earlier run must not be taken for this one's.
    let _ = std::fs::remove_file(opts.dir.join(CONFIG_FILE));
    let graph = GraphEmulator::start(GraphOptions {
        port: opts.graph_port,
        ..Default::default()
    })
    .map_err(|source| SandboxError::Bind {
        what: "Facebook",
        port: opts.graph_port,
        source,
    })?;
    let zalo = ZaloEmulator::start(ZaloOptions {
        port: opts.zalo_port,
        ..Default::default()
    })
    .map_err(|source| SandboxError::Bind {
        what: "Zalo",
        port: opts.zalo_port,
        source,
    })?;
    let wordpress = WordPressEmulator::start(WordPressOptions {
        port: opts.wordpress_port,
        ..Default::default()
    })
    .map_err(|source| SandboxError::Bind {
        what: "WordPress",
        port: opts.wordpress_port,
        source,
    })?;
    let z = ZaloOptions::default();
    write(&opts.dir.join("facebook-token.txt"), &graph.token())?;
    write(
        &opts.dir.join("facebook-app-secret.txt"),
        &graph.app_secret(),
    )?;
    write(&opts.dir.join("zalo-token.txt"), &zalo.access_token())?;
    write(
        &opts.dir.join("zalo-refresh-token.txt"),
        &zalo.refresh_token(),
    )?;
    write(&opts.dir.join("zalo-secret-key.txt"), &z.secret_key)?;
    write(
        &opts.dir.join("wordpress-app-password.txt"),
        &wordpress.app_password(),
    )?;
    // What `loa sandbox` needs to point a profile at these emulators (the apps the window
    // signs in through); written last, so its presence means the emulators answer.
    let config = serde_json::json!({
        "profile": opts.dir.join("profile"),
        "facebook": {
            "app_id": graph.app_id(),
            "login_url": graph.www_url(),
            "app_secret_file": opts.dir.join("facebook-app-secret.txt"),
        },
        "zalo": {
            "app_id": z.app_id,
            "callback_url": zalo.callback_url(),
            "api_url": zalo.base_url(),
            "secret_key_file": opts.dir.join("zalo-secret-key.txt"),
        },
    });
    write(
        &opts.dir.join(CONFIG_FILE),
        &serde_json::to_string_pretty(&config).unwrap_or_default(),
    )?;
    if let Some(bps) = opts.bandwidth {
        graph.set_bandwidth(Some(bps));
        zalo.set_bandwidth(Some(bps));
        wordpress.set_bandwidth(Some(bps));
    }
    if opts.fault_probability > 0.0 {
        graph.set_faults(Faults::random(opts.seed, opts.fault_probability));
        zalo.set_faults(Faults::random(
            opts.seed.wrapping_add(1),
            opts.fault_probability,
        ));
        wordpress.set_faults(Faults::random(
            opts.seed.wrapping_add(2),
            opts.fault_probability,
        ));
    }
    Ok(Sandbox {
        graph,
        zalo,
        wordpress,
        dir: opts.dir.clone(),
    })
}

fn q(p: &Path) -> String {
    let s = p.display().to_string();
    if s.contains(' ') {
        format!("\"{s}\"")
    } else {
        s
    }
}

impl Sandbox {
    /// The block printed on start: what runs where, and the commands to paste.
    pub fn instructions(&self) -> String {
        let d = &self.dir;
        let loa = format!("loa --data-dir {}", q(&d.join("profile")));
        let z = ZaloOptions::default();
        format!(
            "Loa sandbox: emulated Facebook Page, Zalo OA and WordPress site on this computer only.\n\
             Nothing leaves this machine. Press Ctrl-C to stop.\n\n\
             Facebook Graph  {fb}   (page {page})\n\
             Zalo OA         {za}\n\
             WordPress       {wp}   (user {user})\n\n\
             Paste these to add the channels (a separate profile keeps your real one clean; the website\n\
             hosts the photos of Zalo articles, so it comes before Zalo):\n\n\
             {loa} channel add facebook --name \"Trang xã (thử)\" --page-id {page} --token-file {fbt} --base-url {fb}\n\
             {loa} channel add wordpress --name \"Cổng TTĐT (thử)\" --url {wp} --user {user} --app-password-file {wpt}\n\
             {loa} channel add zalo --name \"Zalo OA (thử)\" --token-file {zt} --refresh-token-file {zr} --app-id {app} --secret-key-file {zs} --base-url {za} --image-host \"Cổng TTĐT (thử)\"\n\
             {loa} channel add folder --name \"USB (thử)\" --path {folder}\n\n\
             Then:\n\
             {loa} draft new --title \"Thông báo\" --body \"Lịch tiếp công dân tuần này…\"\n\
             {loa} queue add 1 --channel \"Trang xã (thử)\"\n\
             {loa} sync --once\n\n\
             Or connect by signing in, as an officer would (no tokens to paste). `loa sandbox` prepares\n\
             the profile above for it; with `loa-sandbox` alone, tell the profile where to sign in:\n\
             \x20 {loa} connect facebook-app --app-id {fb_app} --login-url {www} --app-secret-file {fbs}\n\
             \x20 {loa} connect zalo-app --app-id {app} --callback-url {zcb} --api-url {za}\n\
             then open the app on it (loa-app --data-dir {profile}) and press “Kết nối với Facebook”\n\
             (Connect with Facebook) in the channel settings.\n\
             Facebook  Login dialog: {www}/{ver}/dialog/oauth?client_id={fb_app}&redirect_uri=REDIRECT&state=STATE\n\
             \x20         REDIRECT is {success} (an embedded browser) or any http://127.0.0.1:PORT/… (the app\n\
             \x20         is in development mode); app id {fb_app}, app secret in {fbs}; PKCE (code_challenge,\n\
             \x20         S256) lets the code be exchanged without the secret.\n\
             \x20         Code exchange and long-lived token: {fb}/oauth/access_token; Pages: {fb}/me/accounts.\n\
             \x20         The account \"{fb_user}\" manages \"{page_name}\" (may publish) and one Page it may only analyse.\n\
             Zalo OA   Permission page: {za}/v4/oa/permission?app_id={app}&redirect_uri={zcb}&code_challenge=CHALLENGE&state=STATE\n\
             \x20         The callback page {zcb} shows the code; exchange it at {za}/v4/oa/access_token\n\
             \x20         (header secret_key from {zs}; form code, app_id, grant_type=authorization_code, code_verifier).\n\
             \x20         Real Zalo accepts only the callback URL registered for the app, on a verified domain.\n",
            fb = self.graph.base_url(),
            page = self.graph.page_id(),
            za = self.zalo.base_url(),
            wp = self.wordpress.base_url(),
            user = self.wordpress.user(),
            fbt = q(&d.join("facebook-token.txt")),
            zt = q(&d.join("zalo-token.txt")),
            zr = q(&d.join("zalo-refresh-token.txt")),
            zs = q(&d.join("zalo-secret-key.txt")),
            app = z.app_id,
            wpt = q(&d.join("wordpress-app-password.txt")),
            folder = q(&d.join("folder")),
            www = self.graph.www_url(),
            ver = "v21.0",
            fb_app = self.graph.app_id(),
            success = self.graph.login_success_url(),
            fbs = q(&d.join("facebook-app-secret.txt")),
            fb_user = GraphOptions::default().user_name,
            page_name = GraphOptions::default().page_name,
            zcb = self.zalo.callback_url(),
            profile = q(&d.join("profile")),
        )
    }

    /// One line: what has been published so far.
    pub fn summary(&self) -> String {
        format!(
            "facebook: {} posts, zalo: {} articles, wordpress: {} posts",
            self.graph.posts().len(),
            self.zalo.articles().len(),
            self.wordpress.posts().len()
        )
    }
}

/// Starts the sandbox, prints the instructions and serves until the process is interrupted
/// (Ctrl-C ends the process; the emulators hold nothing that needs saving). Prints a one-line
/// summary whenever something new was published.
pub fn run(opts: &SandboxOptions) -> Result<(), SandboxError> {
    let sb = start(opts)?;
    println!("{}", sb.instructions());
    let mut last = sb.summary();
    loop {
        std::thread::sleep(Duration::from_secs(2));
        let now = sb.summary();
        if now != last {
            println!("{now}");
            last = now;
        }
    }
}
