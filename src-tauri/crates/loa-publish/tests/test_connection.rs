//! "Test connection" against the WordPress emulator: a refused application password is told in
//! the officer's words, never as WordPress's English sentence.

use std::sync::Arc;

use loa_core::{ChannelKind, Lang, LoaError, Localizer, NewChannel, Store};
use loa_emulators::{WordPressEmulator, WordPressOptions};
use loa_publish::{ChannelSecrets, CredentialStore, MemoryStore, PlatformChannels};

#[test]
fn a_wrong_application_password_is_said_in_the_officers_words() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(dir.path()).expect("profile");
    let wp = WordPressEmulator::start(WordPressOptions::default()).expect("wordpress emulator");
    let creds: Arc<dyn CredentialStore> = Arc::new(MemoryStore::default());
    let (ch, _) = loa_publish::save_channel(
        &store,
        creds.as_ref(),
        &NewChannel {
            name: "Cổng TTĐT".into(),
            kind: Some(ChannelKind::Wordpress),
            base_url: wp.base_url(),
            user: WordPressOptions::default().user,
            ..NewChannel::default()
        },
        &ChannelSecrets {
            token: "wrong password here".into(),
            ..ChannelSecrets::default()
        },
    )
    .expect("channel");
    let e =
        loa_publish::test_channel(&store, &creds, &PlatformChannels, ch.id).expect_err("refused");
    assert!(
        matches!(&e, LoaError::ChannelFailed { reason, .. } if reason == "auth"),
        "{e:?}"
    );
    let vi = Localizer::new(Lang::Vi).error(&e);
    assert!(vi.contains("mật khẩu ứng dụng mới"), "{vi}");
    assert!(
        !vi.to_lowercase().contains("password") && !vi.contains("incorrect"),
        "no English in the Vietnamese sentence: {vi}"
    );
    assert_eq!(vi.lines().count(), 1, "{vi}");
}
