//! Web pages saved as one file (`.mhtml`/`.mht`, as Chrome and Edge save them): a MIME message
//! whose HTML part is the page. The part is decoded (quoted-printable or base64, its charset)
//! with `mailparse` and read as any HTML page; images and style sheets are left out.

use mailparse::{MailHeaderMap, ParsedMail};

use super::{LoadError, Problem, Read, decode, html, normalize_newlines};

/// Whether the first bytes of a file (lower-cased ASCII) are the headers of a saved page.
pub(super) fn looks_like(head: &str) -> bool {
    let head = head.replace("\r\n", "\n");
    let headers = head.split("\n\n").next().unwrap_or_default();
    // A message opens with a header line (`Name: value`), not with prose that names one.
    let opens_with_header = headers.lines().next().is_some_and(|l| {
        l.split_once(':').is_some_and(|(name, _)| {
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
    });
    opens_with_header && headers.contains("mime-version:") && headers.contains("multipart/related")
}

/// The article of a saved page.
pub(super) fn read(path: &str, bytes: &[u8]) -> Read {
    let fail = |why: String| {
        LoadError::new(
            path,
            Problem::Damaged,
            format!("cannot read saved page (MHTML: {why})"),
        )
    };
    let mail = mailparse::parse_mail(bytes).map_err(|e| fail(e.to_string()))?;
    let Some(page) = html_part(&mail) else {
        return Err(fail("no HTML part".into()));
    };
    let html = if page.ctype.params.contains_key("charset") {
        page.get_body().map_err(|e| fail(e.to_string()))?
    } else {
        let raw = page.get_body_raw().map_err(|e| fail(e.to_string()))?;
        decode(&raw).0
    };
    let (mut page, notes) = html::article(path, &normalize_newlines(&html))?;
    page.title = page
        .title
        .or_else(|| mail.headers.get_first_value("Subject"));
    Ok((page, notes))
}

/// The first `text/html` part, depth first.
fn html_part<'a>(mail: &'a ParsedMail<'a>) -> Option<&'a ParsedMail<'a>> {
    if mail.ctype.mimetype.eq_ignore_ascii_case("text/html") {
        return Some(mail);
    }
    mail.subparts.iter().find_map(html_part)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_html_part_of_a_saved_page_is_read_through_quoted_printable() {
        let page = "From: <Saved by Blink>\r\nSubject: Quake report\r\nMIME-Version: 1.0\r\n\
            Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----B\"\r\n\r\n\
            ------B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\
            Content-Location: https://example.org/quake\r\n\r\n\
            <html><head><meta charset=3D\"utf-8\"></head><body><p>Five people died in the quake =\r\n\
            that struck the caf=C3=A9 district on Monday.</p></body></html>\r\n\
            ------B\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n\
            ------B--\r\n";
        assert!(looks_like(&page.to_ascii_lowercase()));
        let (super::super::Extracted { text, title, .. }, _) =
            read("quake.mhtml", page.as_bytes()).expect("reads");
        assert_eq!(
            text,
            "Five people died in the quake that struck the café district on Monday."
        );
        assert_eq!(title.as_deref(), Some("Quake report"));
    }

    #[test]
    fn a_saved_page_without_html_is_an_error_naming_the_file() {
        let page = "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n\
            --B\r\nContent-Type: image/png\r\n\r\nxx\r\n--B--\r\n";
        let err = read("p.mht", page.as_bytes()).expect_err("no html");
        assert_eq!(
            err.to_string(),
            "cannot read saved page (MHTML: no HTML part): p.mht"
        );
    }
}
