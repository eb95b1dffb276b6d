//! Which addresses a channel may use: `https` everywhere, plain `http` only on this computer
//! (a sandbox or an emulator on loopback). A token or an application password sent over plain
//! `http` can be read by anyone on the path — a village Wi-Fi, a proxy — so Loa never sends one
//! there. The core refuses such an address when a channel is saved, and the clients refuse to
//! send to one (a database written before this rule, a redirect).
//!
//! Also the one place that says whether two addresses are the same origin (scheme, host and
//! port, RFC 6454): a redirect or a "next page" link to another origin never carries a secret.

/// Why an address is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressProblem {
    /// Not `http(s)://host…` at all.
    Malformed,
    /// `http://` to a host that is not this computer.
    NotHttps,
    /// `https://user:password@host`: a secret inside the address, where logs and error pages
    /// show it.
    CredentialsInAddress,
}

impl AddressProblem {
    /// A short stable code (`insecure-address`, …) for errors and Fluent ids.
    pub fn code(self) -> &'static str {
        match self {
            AddressProblem::Malformed => "malformed-address",
            AddressProblem::NotHttps => "insecure-address",
            AddressProblem::CredentialsInAddress => "credentials-in-address",
        }
    }
}

/// The parts of an `http(s)` address that decide where a request goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// `http` or `https`, lower case.
    pub scheme: String,
    /// Lower case; an IPv6 address keeps its brackets.
    pub host: String,
    /// The explicit port, or the scheme's default.
    pub port: u16,
    /// `user:password@` was present.
    has_userinfo: bool,
}

impl Origin {
    /// Parses the origin of `url` (`None` if it is not an absolute `http(s)` address).
    pub fn of(url: &str) -> Option<Origin> {
        let url = url.trim();
        let (scheme, rest) = url.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "https" => 443,
            "http" => 80,
            _ => return None,
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
            let (inside, after) = v6.split_once(']')?;
            let port = match after.strip_prefix(':') {
                Some(p) => p.parse().ok()?,
                None if after.is_empty() => default_port,
                None => return None,
            };
            (format!("[{}]", inside.to_ascii_lowercase()), port)
        } else {
            match hostport.rsplit_once(':') {
                Some((h, p)) => (h.to_ascii_lowercase(), p.parse().ok()?),
                None => (hostport.to_ascii_lowercase(), default_port),
            }
        };
        let host = host.trim_end_matches('.').to_owned();
        if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return None;
        }
        Some(Origin {
            scheme,
            host,
            port,
            has_userinfo: userinfo.is_some(),
        })
    }

    /// This computer: `localhost`, 127.0.0.0/8 or `[::1]`.
    pub fn is_loopback(&self) -> bool {
        let h = self.host.as_str();
        h == "localhost"
            || h.ends_with(".localhost")
            || h == "[::1]"
            || h.strip_prefix("127.").is_some_and(|rest| {
                let parts: Vec<&str> = rest.split('.').collect();
                parts.len() == 3 && parts.iter().all(|p| p.parse::<u8>().is_ok())
            })
    }

    /// Same scheme, host and port.
    pub fn same_as(&self, other: &Origin) -> bool {
        self.scheme == other.scheme && self.host == other.host && self.port == other.port
    }
}

/// Whether Loa may send a channel's secrets to `url`: `https`, or `http` on loopback, with no
/// user name or password inside the address.
pub fn check_address(url: &str) -> Result<Origin, AddressProblem> {
    let origin = Origin::of(url).ok_or(AddressProblem::Malformed)?;
    if origin.has_userinfo {
        return Err(AddressProblem::CredentialsInAddress);
    }
    if origin.scheme == "http" && !origin.is_loopback() {
        return Err(AddressProblem::NotHttps);
    }
    Ok(origin)
}

/// Whether `a` and `b` are the same origin (both must parse).
pub fn same_origin(a: &str, b: &str) -> bool {
    match (Origin::of(a), Origin::of(b)) {
        (Some(a), Some(b)) => a.same_as(&b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_http_only_on_loopback() {
        for ok in [
            "https://graph.facebook.com/v21.0",
            "https://xa-na-hau.gov.vn",
            "HTTPS://Example.VN:8443/wp",
            "http://127.0.0.1:8080",
            "http://127.9.9.9/x",
            "http://localhost:3000/",
            "http://[::1]:9000",
        ] {
            assert!(check_address(ok).is_ok(), "{ok}");
        }
        for (bad, why) in [
            ("http://xa-na-hau.gov.vn", AddressProblem::NotHttps),
            ("http://127.0.0.1.evil.vn/", AddressProblem::NotHttps),
            ("http://10.0.0.5", AddressProblem::NotHttps),
            ("http://[::2]", AddressProblem::NotHttps),
            ("ftp://x", AddressProblem::Malformed),
            ("xa-na-hau.gov.vn", AddressProblem::Malformed),
            ("https://", AddressProblem::Malformed),
            ("https://h:port/", AddressProblem::Malformed),
            (
                "https://admin:secret@xa.gov.vn",
                AddressProblem::CredentialsInAddress,
            ),
            ("http://u:p@127.0.0.1", AddressProblem::CredentialsInAddress),
        ] {
            assert_eq!(check_address(bad).err(), Some(why), "{bad}");
        }
    }

    #[test]
    fn origins_compare_scheme_host_and_port() {
        assert!(same_origin(
            "https://graph.facebook.com/v21.0/1/feed?after=x",
            "https://GRAPH.facebook.com:443/v21.0"
        ));
        assert!(!same_origin(
            "https://graph.facebook.com/x",
            "http://graph.facebook.com/x"
        ));
        assert!(!same_origin("http://127.0.0.1:80/", "http://127.0.0.1:81/"));
        assert!(!same_origin(
            "https://evil.vn/?https://graph.facebook.com",
            "https://graph.facebook.com"
        ));
        assert!(!same_origin("not a url", "not a url"));
    }
}
