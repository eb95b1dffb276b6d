# Loa — connecting a Facebook Page or a Zalo OA by signing in (shared by the app and the command line).
# Each sentence says where the problem is (the officer's computer, Facebook/Zalo, or the app settings) and what to do next.

-platform = { $platform ->
        [zalo] Zalo
       *[other] Facebook
    }

## Why signing in did not connect anything

error-connect = Could not connect to { -platform }. Please try again.
error-connect-no-app = This build of Loa has no Facebook app id. Enter your province's Facebook app id under “Advanced” (ask the province's IT officer), then press “Connect with Facebook” again.
error-connect-cancelled = You closed the { -platform } sign-in window, so nothing changed. Press connect again when you are ready.
error-connect-expired = This sign-in was started too long ago and cannot be used. Press connect again; signing in takes a minute.
error-connect-mismatch = { -platform }'s answer does not belong to this sign-in, so Loa did not use it. Close other sign-in windows and press connect again.
error-connect-offline = Could not reach { -platform }. Check this computer's Wi-Fi or 4G, then press connect again. Waiting posts are not affected.
error-connect-platform-down = { -platform } is having trouble; nothing is wrong with your computer. Try again in a few minutes; waiting posts are kept.
error-connect-refused = { -platform } did not accept Loa's request: the app id, secret key or callback address is not right. Check the app settings, or ask the province's IT officer.
error-connect-no-pages = The Facebook account you signed in with manages no Page. Sign in with the account that administers the commune's Page.
error-connect-cannot-publish = Your account may only see the insights of the Page “{ $page }”, not publish on it. Ask a Page admin to give you the “Create content” task, then connect again.
error-connect-incomplete = Some information needed to connect the Zalo OA is missing. Fill in every field marked *.

## The sign-in window

connect-window-facebook = Sign in to Facebook — Loa
connect-window-zalo = Authorise the Zalo OA — Loa

## Command line (`loa connect`)

connect-cli-facebook-app-saved = Saved Facebook app { $app_id } ({ $login_url }) for this profile.
connect-cli-facebook-secret-saved = Saved the Facebook app's secret in the keyring.
connect-cli-zalo-app-saved = Saved Zalo app { $app_id } (callback { $callback_url }) for this profile.
