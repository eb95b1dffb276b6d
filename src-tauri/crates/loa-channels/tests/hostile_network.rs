//! The network between Loa and a platform is not always the platform: a captive portal (a
//! village Wi-Fi hotspot, a blocking proxy) answers with an HTML page that echoes the address
//! it intercepted, and a redirect may point to another host. No secret may reach that other
//! host, nor stay in an error message (which the outbox stores and the officer sees).

mod common;

use common::config;
use loa_channels::{ChannelError, ChannelKind, Credentials, PostContent};
use loa_emulators::{
    EndpointMatch, Fault, Faults, GraphEmulator, GraphOptions, OtherHost, WordPressEmulator,
    WordPressOptions, ZaloEmulator, ZaloOptions,
};

fn text_post(id: i64) -> PostContent {
    PostContent {
        video: None,
        outbox_id: id,
        title: format!("Thông báo số {id}"),
        text: format!("Thông báo số {id} của UBND xã."),
        photos: Vec::new(),
        scheduled_at: None,
        slug: format!("thong-bao-so-{id}"),
    }
}

/// The error, in every form Loa keeps or shows it, carries none of `secrets`.
fn assert_clean(e: &ChannelError, secrets: &[&str]) {
    let forms = [
        e.message.clone(),
        e.to_string(),
        format!("{e:?}"),
        serde_json::to_string(e).expect("json"),
    ];
    for form in forms {
        for secret in secrets {
            assert!(!form.contains(secret), "{secret} leaked in {form}");
        }
    }
}

#[test]
fn a_captive_portal_echoing_the_address_leaks_no_facebook_token() {
    let fb = GraphEmulator::start(GraphOptions::default()).expect("graph emulator");
    let token = fb.token();
    let mut ch = loa_channels::open(
        config(ChannelKind::Facebook, fb.base_url()),
        Credentials {
            token: token.clone(),
            ..Credentials::default()
        },
    );
    let mut progress = |_: u64| {};
    for fault in [
        Fault::CaptivePortal { status: 200 },
        Fault::CaptivePortal { status: 302 },
    ] {
        fb.set_faults(Faults::script(vec![
            (EndpointMatch::get("/1001"), fault),
            (EndpointMatch::post("/feed"), fault),
            (EndpointMatch::get("/feed"), fault),
        ]));
        let e = ch.verify().expect_err("a portal is not the page");
        assert_clean(&e, &[&token]);
        let e = ch
            .publish(&text_post(1), &[], &mut progress)
            .expect_err("a portal did not publish");
        assert_clean(&e, &[&token]);
        let e = ch
            .find_published(&text_post(1), chrono::Utc::now())
            .expect_err("a portal cannot say");
        assert_clean(&e, &[&token]);
        assert_eq!(fb.server().faults_remaining(), 0, "{fault:?} reached");
    }
    // The portal's page is summarised, not pasted: no markup reaches the officer.
    fb.set_faults(Faults::script(vec![(
        EndpointMatch::get("/1001"),
        Fault::CaptivePortal { status: 200 },
    )]));
    let e = ch.verify().expect_err("portal");
    assert!(!e.message.contains('<'), "{}", e.message);
    assert!(e.message.chars().count() <= 201, "{}", e.message);
}

#[test]
fn a_redirect_to_another_host_carries_no_zalo_token() {
    let opts = ZaloOptions::default();
    let zalo = ZaloEmulator::start(opts.clone()).expect("zalo emulator");
    let other = OtherHost::start().expect("other host");
    zalo.server().set_redirect_target(other.origin());
    let secrets = [
        opts.access_token.as_str(),
        opts.refresh_token.as_str(),
        opts.secret_key.as_str(),
    ];
    let mut ch = loa_channels::open(
        config(ChannelKind::Zalo, zalo.base_url()),
        Credentials {
            token: opts.access_token.clone(),
            refresh_token: Some(opts.refresh_token.clone()),
            app_id: Some(opts.app_id.clone()),
            secret_key: Some(opts.secret_key.clone()),
        },
    );
    for status in [302, 307] {
        zalo.server().set_faults(Faults::script(vec![(
            EndpointMatch::get("/getoa"),
            Fault::RedirectElsewhere { status },
        )]));
        let e = ch.verify().expect_err("the OA moved elsewhere");
        assert_clean(&e, &secrets);
        assert_eq!(zalo.server().faults_remaining(), 0);
    }
    assert!(other.requests().is_empty(), "{:?}", other.requests());
    // Without the fault the same client still works: nothing was lost by refusing to follow.
    assert_eq!(ch.verify().expect("verify"), opts.oa_name);
}

#[test]
fn a_redirect_to_another_host_carries_no_facebook_or_wordpress_secret() {
    let other = OtherHost::start().expect("other host");

    let fb = GraphEmulator::start(GraphOptions::default()).expect("graph emulator");
    fb.server().set_redirect_target(other.origin());
    let token = fb.token();
    let mut page = loa_channels::open(
        config(ChannelKind::Facebook, fb.base_url()),
        Credentials {
            token: token.clone(),
            ..Credentials::default()
        },
    );
    fb.set_faults(Faults::script(vec![
        (
            EndpointMatch::get("/1001"),
            Fault::RedirectElsewhere { status: 301 },
        ),
        (
            EndpointMatch::get("/feed"),
            Fault::RedirectElsewhere { status: 307 },
        ),
    ]));
    assert_clean(&page.verify().expect_err("moved"), &[&token]);
    assert_clean(
        &page
            .find_published(&text_post(2), chrono::Utc::now())
            .expect_err("moved"),
        &[&token],
    );

    let wp = WordPressEmulator::start(WordPressOptions::default()).expect("wordpress emulator");
    wp.server().set_redirect_target(other.origin());
    let password = wp.app_password();
    let mut site = loa_channels::open(
        config(ChannelKind::Wordpress, wp.base_url()),
        Credentials {
            token: password.clone(),
            ..Credentials::default()
        },
    );
    wp.server().set_faults(Faults::script(vec![(
        EndpointMatch::get("/wp-json"),
        Fault::RedirectElsewhere { status: 302 },
    )]));
    assert_clean(&site.verify().expect_err("moved"), &[&password]);

    for request in other.requests() {
        assert!(!request.carries(&token), "{request:?}");
        assert!(!request.carries(&password), "{request:?}");
        assert!(
            request.headers.iter().all(|(n, _)| n != "authorization"),
            "{request:?}"
        );
    }
    assert!(other.requests().is_empty(), "{:?}", other.requests());
}
