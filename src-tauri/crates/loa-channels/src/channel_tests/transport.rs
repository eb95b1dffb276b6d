//! The split that keeps posts from going out twice: a request that failed before it was
//! completely sent is safe to repeat; one that failed after may have acted.

use std::time::Duration;

use super::{Act, Server, config, no_progress, post, reply};
use crate::facebook::FacebookPage;
use crate::http::{Call, Http, Payload};
use crate::wordpress::WordPressSite;
use crate::{Channel, ChannelKind, Credentials, ErrorClass};

fn fb(base: &str, timeout: Duration) -> FacebookPage {
    let mut c = config(ChannelKind::Facebook, &format!("{base}/v21.0"));
    c.timeout = timeout;
    FacebookPage::new(
        c,
        Credentials {
            token: "T".into(),
            ..Credentials::default()
        },
    )
}

#[test]
fn connection_refused_is_offline() {
    // A port that was just free: nothing listens there.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let dir = tempfile::tempdir().expect("dir");
    let mut page = fb(&format!("http://127.0.0.1:{port}"), Duration::from_secs(5));
    let mut progress = no_progress();
    let e = page
        .publish(&post(dir.path(), 0, 0), &[], &mut progress)
        .expect_err("refused");
    assert_eq!((e.class, e.code.as_str()), (ErrorClass::Offline, "connect"));
    assert_eq!(page.probe().expect_err("probe").class, ErrorClass::Offline);
}

#[test]
fn unknown_host_is_offline() {
    let dir = tempfile::tempdir().expect("dir");
    // .invalid never resolves (RFC 6761); without a network the lookup may instead time out.
    let mut page = fb("http://loa-sandbox.invalid", Duration::from_secs(3));
    let mut progress = no_progress();
    let e = page
        .publish(&post(dir.path(), 0, 0), &[], &mut progress)
        .expect_err("no such host");
    assert_eq!(e.class, ErrorClass::Offline, "{e:?}");
}

#[test]
fn closed_after_the_headers_while_uploading_is_not_sent() {
    // The server hangs up after reading the request head: the photo was still going out, so
    // the request is incomplete and cannot have acted. The body is larger than the kernel's
    // socket buffers on both sides, so the client is still writing when the reset comes.
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(vec![reply(200, "[]"), Act::CloseAfterHeaders]);
    let p = post(dir.path(), 1, 24 * 1024 * 1024);
    let mut site = WordPressSite::new(
        config(ChannelKind::Wordpress, &server.base),
        Credentials {
            token: "pw".into(),
            ..Credentials::default()
        },
    );
    let mut last = 0u64;
    let mut progress = |n: u64| last = n;
    let e = site
        .upload_media(&p, 0, &mut progress)
        .expect_err("reset while sending");
    assert_eq!(e.class, ErrorClass::Transient, "{e:?}");
    assert!(
        last < p.photos[0].size,
        "the body was not all handed over: {last}"
    );
    assert_eq!(server.seen()[1].path(), "/wp-json/wp/v2/media");
}

#[test]
fn closed_after_the_whole_body_is_ambiguous() {
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(vec![Act::CloseAfterBody]);
    let mut page = fb(&server.base, Duration::from_secs(5));
    let mut progress = no_progress();
    let e = page
        .publish(&post(dir.path(), 0, 0), &[], &mut progress)
        .expect_err("no answer");
    assert_eq!(
        (e.class.clone(), e.code.as_str()),
        (ErrorClass::Ambiguous, "reset"),
        "{e:?}"
    );
    // The server did receive the complete request.
    assert!(!server.seen()[0].body.is_empty());
}

#[test]
fn no_answer_in_time_after_sending_is_ambiguous_for_a_publish() {
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(vec![Act::Silence(Duration::from_secs(4))]);
    let mut page = fb(&server.base, Duration::from_millis(700));
    let mut progress = no_progress();
    let e = page
        .publish(&post(dir.path(), 0, 0), &[], &mut progress)
        .expect_err("timeout");
    assert_eq!(
        (e.class.clone(), e.code.as_str()),
        (ErrorClass::Ambiguous, "timeout"),
        "{e:?}"
    );
}

#[test]
fn no_answer_to_a_read_is_merely_transient() {
    let server = Server::start(vec![Act::Silence(Duration::from_secs(4))]);
    let mut page = fb(&server.base, Duration::from_millis(700));
    let e = page.verify().expect_err("timeout");
    assert_eq!(
        (e.class.clone(), e.code.as_str()),
        (ErrorClass::Transient, "timeout"),
        "{e:?}"
    );
}

#[test]
fn error_bodies_are_read_not_turned_into_transport_errors() {
    let server = Server::start(vec![reply(503, r#"{"maintenance":true}"#)]);
    let http = Http::new(ChannelKind::Wordpress, Duration::from_secs(5));
    let answer = http
        .send(Call::post(
            format!("{}/x", server.base),
            Payload::form(&[("a", "b")]),
        ))
        .expect("an answer");
    assert_eq!(answer.status, 503);
    assert_eq!(answer.json().expect("json")["maintenance"], true);
}

#[test]
fn a_missing_photo_fails_before_anything_is_sent() {
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(vec![]);
    let mut p = post(dir.path(), 2, 100);
    std::fs::remove_file(&p.photos[1].path).expect("remove");
    p.photos[1].size = 100;
    let mut page = fb(&server.base, Duration::from_secs(5));
    let mut progress = no_progress();
    let e = page
        .upload_media(&p, 1, &mut progress)
        .expect_err("missing file");
    assert_eq!(
        (e.class, e.code.as_str()),
        (ErrorClass::Invalid, "photo-missing")
    );
    assert!(server.seen().is_empty());
}

#[test]
fn a_redirected_publish_is_not_followed() {
    // http → https (or a new domain): following it would turn the POST into a GET whose 200
    // looks like success.
    let server = Server::start_with(|base| {
        vec![
            super::reply(200, "[]"),
            super::reply(201, r#"{"id":55,"status":"draft"}"#),
            super::reply_with(301, &[("Location", &format!("{base}/elsewhere"))], ""),
        ]
    });
    let dir = tempfile::tempdir().expect("dir");
    let mut site = WordPressSite::new(
        config(ChannelKind::Wordpress, &server.base),
        Credentials {
            token: "pw".into(),
            ..Credentials::default()
        },
    );
    let mut progress = no_progress();
    let e = site
        .publish(&post(dir.path(), 0, 0), &[], &mut progress)
        .expect_err("moved");
    assert_eq!(
        (e.class.clone(), e.code.as_str()),
        (ErrorClass::Auth, "http-301"),
        "{e:?}"
    );
    // The list, the draft, the publish: nothing after the redirect.
    assert_eq!(server.seen().len(), 3);
}
