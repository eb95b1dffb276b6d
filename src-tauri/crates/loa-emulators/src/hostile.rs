//! Answers that come from the network rather than the platform: a captive portal, a front
//! server's 413, a redirect to another host. Shared by every emulator (the server applies them
//! before the platform sees the request).

use crate::common::html_escape;
use crate::form::percent_encode;
use crate::http::{Request, Response};

/// A captive portal's page (a village Wi-Fi hotspot, a hotel, a blocking proxy). Such pages
/// commonly echo where the visitor wanted to go — the whole URL, query string included — which
/// is how a token carried in the query string ends up in an application's error log.
pub fn captive_portal(req: &Request, status: u16) -> Response {
    let url = req.url();
    let host = req.header("host").unwrap_or("localhost");
    let login = format!(
        "http://{host}/portal/login?continue={}",
        percent_encode(&url)
    );
    let body = format!(
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Đăng nhập Wi-Fi miễn phí</title></head>\n\
         <body><h1>Vui lòng đăng nhập để sử dụng Internet</h1>\n\
         <p>Bạn đang truy cập: <a href=\"{u}\">{u}</a></p>\n\
         <form method=\"post\" action=\"{l}\"><input name=\"phone\" placeholder=\"Số điện thoại\"><button>Kết nối</button></form>\n\
         </body></html>\n",
        u = html_escape(&url),
        l = html_escape(&login),
    );
    if status == 302 {
        let mut r = Response::html(302, &body);
        r.headers.push(("Location".into(), login));
        r
    } else {
        Response::html(200, &body)
    }
}

/// Apache's own 413 page (`LimitRequestBody`, as Debian's Apache 2.4 sends it).
pub fn payload_too_large(req: &Request) -> Response {
    let host = req.header("host").unwrap_or("localhost");
    let (name, port) = host.split_once(':').unwrap_or((host, "80"));
    let body = format!(
        "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>413 Request Entity Too Large</title>\n</head><body>\n\
         <h1>Request Entity Too Large</h1>\nThe requested resource does not allow request data with {m} requests, or the amount of data provided in\n\
         the request exceeds the capacity limit.\n<hr>\n<address>Apache/2.4.62 (Debian) Server at {n} Port {p}</address>\n</body></html>\n",
        m = html_escape(&req.method),
        n = html_escape(name),
        p = html_escape(port),
    );
    Response::html(413, &body)
}

/// A redirect to the same path and query on `other_origin`.
pub fn redirect_elsewhere(req: &Request, status: u16, other_origin: &str) -> Response {
    let status = if matches!(status, 301 | 302 | 303 | 307 | 308) {
        status
    } else {
        302
    };
    let location = format!("{other_origin}{}", req.target);
    let mut r = Response::html(
        status,
        &format!(
            "<html><body>Moved to <a href=\"{l}\">{l}</a></body></html>",
            l = html_escape(&location)
        ),
    );
    r.headers.push(("Location".into(), location));
    r
}
