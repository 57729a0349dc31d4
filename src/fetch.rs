//! Articles from links: an `http://` or `https://` address is fetched with `ureq` (rustls, system
//! roots from `webpki-roots`), following redirects, within a size limit and a time limit. Only
//! what the user asks for is fetched. The bytes, the final address, the content type and the time
//! of the fetch are kept with the source ([`crate::session::Origin::Web`]), so a saved comparison
//! reopens offline exactly as it was fetched.

use std::time::Duration;

use crate::load::{Problem, Why};

/// How long a fetch may take in all (connecting, redirects, reading the page).
pub const DEFAULT_FETCH_TIMEOUT: Duration = Duration::from_secs(30);

/// The most redirects followed.
pub const MAX_REDIRECTS: u32 = 10;

/// A page as fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The address after redirects.
    pub final_url: String,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// When the fetch finished, RFC 3339 in UTC.
    pub fetched_at: String,
    pub bytes: Vec<u8>,
}

/// Whether the user gave a link rather than a path.
pub fn is_url(given: &str) -> bool {
    let lower = given
        .trim_start()
        .get(..8)
        .unwrap_or(given)
        .to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Fetches `url`, refusing a body over `max_bytes` and giving up after `timeout`. The error does
/// not name the link, for a message `could not fetch (<reason>): <url>`.
#[cfg(feature = "web")]
pub fn fetch(url: &str, max_bytes: u64, timeout: Duration) -> Result<Fetched, Why> {
    use ureq::ResponseExt;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .max_redirects(MAX_REDIRECTS)
        .http_status_as_error(false)
        .user_agent(concat!("Crosscheck/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let started = std::time::Instant::now();
    log::info!("fetching {url}");
    let mut response = agent.get(url).call().map_err(|e| {
        log::info!("fetch failed: {url}: {e}");
        reason(&e, max_bytes)
    })?;
    let status = response.status();
    if !status.is_success() {
        return Err(not_fetched(
            format!(
                "the server answered {} {}",
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            )
            .trim_end(),
        ));
    }
    let final_url = response.get_uri().to_string();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let bytes = response
        .body_mut()
        .with_config()
        .limit(max_bytes)
        .read_to_vec()
        .map_err(|e| reason(&e, max_bytes))?;
    log::info!(
        "fetched {url} -> {final_url}: {} bytes, {:?}, in {:.2?}",
        bytes.len(),
        content_type,
        started.elapsed()
    );
    Ok(Fetched {
        final_url,
        content_type,
        fetched_at: chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        bytes,
    })
}

#[cfg(not(feature = "web"))]
pub fn fetch(_url: &str, _max_bytes: u64, _timeout: Duration) -> Result<Fetched, Why> {
    Err(Why::new(
        Problem::Unsupported,
        "could not fetch (this build fetches no links: it was built without the `web` feature)",
    ))
}

/// A link that could not be fetched, and why.
#[cfg(feature = "web")]
fn not_fetched(why: &str) -> Why {
    Why::new(Problem::NotFetched, format!("could not fetch ({why})"))
}

/// An error of the HTTP client in words.
#[cfg(feature = "web")]
fn reason(e: &ureq::Error, max_bytes: u64) -> Why {
    if let ureq::Error::BodyExceedsLimit(_) = e {
        return Why::new(
            Problem::OverLimit,
            format!(
                "could not fetch (page is over the {} MB limit; raise it with --max-file-size)",
                crate::load::megabytes(max_bytes)
            ),
        );
    }
    not_fetched(&match e {
        ureq::Error::Timeout(_) => "no answer in time (timed out)".to_string(),
        ureq::Error::TooManyRedirects => format!("more than {MAX_REDIRECTS} redirects"),
        ureq::Error::HostNotFound => "host not found".into(),
        ureq::Error::ConnectionFailed => "connection failed".into(),
        ureq::Error::BadUri(why) => format!("not a valid link ({why})"),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".into()
        }
        other => other.to_string(),
    })
}

/// The host of a link, without `www.`: what names the site when its page does not.
pub fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

/// The charset a `Content-Type` header names, if any (`text/html; charset=ISO-8859-1`).
pub fn charset(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_told_from_paths() {
        assert!(is_url("https://example.org/a"));
        assert!(is_url("HTTP://example.org"));
        assert!(!is_url("http.txt"));
        assert!(!is_url("/home/me/https/a.txt"));
        assert!(!is_url("ftp://example.org/a"));
    }

    #[test]
    fn the_host_names_a_site() {
        assert_eq!(
            host("https://www.example.org/news/a?b=1").as_deref(),
            Some("example.org")
        );
        assert_eq!(
            host("http://127.0.0.1:8765/x").as_deref(),
            Some("127.0.0.1:8765")
        );
        assert_eq!(host("not a link"), None);
    }

    #[test]
    fn charset_is_read_from_the_content_type() {
        assert_eq!(charset("text/html; charset=ISO-8859-1"), Some("ISO-8859-1"));
        assert_eq!(charset("text/html;Charset=\"utf-8\""), Some("utf-8"));
        assert_eq!(charset("text/html"), None);
    }
}
