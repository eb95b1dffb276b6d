# Loa — main window: connecting a Facebook Page and a Zalo OA by signing in.

## Facebook

ui-connect-fb-title = The commune's Facebook Page
ui-connect-fb-lead = Sign in to Facebook with an account that administers the commune's Page, then choose the Page. Loa never sees or keeps your Facebook password.
ui-connect-fb-button = Connect with Facebook
ui-connect-fb-again = Connect with Facebook again
ui-connect-fb-waiting = Facebook's window is open. Sign in there and press “Continue”; Loa is waiting.
ui-connect-fb-pick = You manage the Pages below. Choose the Page Loa will publish to:
ui-connect-fb-page-can-publish = Can publish
ui-connect-fb-page-renew = Already connected as “{ $channel }” — choose it to renew
ui-connect-fb-page-analyse-only = May only see insights, not publish
ui-connect-fb-done = Connected the Page “{ $page }”. Posts for Facebook will go to this Page.
ui-connect-fb-app-help = By default Loa signs in through Loa's own Facebook app. If your province runs its own Facebook app, enter its app id here (and its secret if the province allows it).
ui-connect-fb-app-id = Facebook app id
ui-connect-fb-app-id-builtin = Leave empty to use Loa's app
ui-connect-fb-app-secret = App secret (optional)
ui-connect-fb-app-secret-help = With it Loa obtains a long-lived token, so the Page need not be reconnected. It is kept in this computer's keyring.
ui-connect-fb-login-url = Sign-in address
ui-connect-fb-login-url-help = Change it only to practise with the emulated Facebook (loa sandbox).
ui-connect-fb-app-save = Save app settings
ui-connect-fb-app-forget = Remove the kept secret

## Zalo OA

ui-connect-zalo-open = Connect a Zalo OA
ui-connect-zalo-title = Connect a Zalo Official Account
ui-connect-zalo-lead = Zalo connects only through an app the commune or province registered on developers.zalo.me. Copy the three values below from the app's page (the picture beside each shows where), then press “Connect with Zalo” and allow Loa to manage the OA.
ui-connect-zalo-name = Channel name in Loa
ui-connect-zalo-name-placeholder = e.g. Commune Zalo OA
ui-connect-zalo-app-id = App ID
ui-connect-zalo-app-id-help = On the app's “Overview” page, the line “App ID” (a long number).
ui-connect-zalo-secret = App secret key
ui-connect-zalo-secret-help = Also on the “Overview” page, the line “App secret key”: press the eye to show it, then copy it. It is kept in this computer's keyring.
ui-connect-zalo-callback = Official Account Callback Url
ui-connect-zalo-callback-help = Under “Official Account › General settings”, the line “Official Account Callback Url” (an address on the commune's or province's verified domain). Copy it exactly.
ui-connect-zalo-api-url = Zalo API address
ui-connect-zalo-api-url-help = Leave empty for the real Zalo. Change it only to practise with the emulated Zalo (loa sandbox).
ui-connect-zalo-button = Connect with Zalo
ui-connect-zalo-waiting = Zalo's window is open. Sign in with the OA admin account there and press “Allow”; Loa is waiting.
ui-connect-zalo-done = Connected the Zalo OA as the channel “{ $channel }”.

## Shared

ui-connect-ok = Done
ui-connect-cancel = Cancel
ui-connect-advanced = Advanced
ui-connect-saved = Saved.
ui-connect-paste-help = If signing in here does not work, you can paste an access token given by your technical staff.
ui-connect-paste-token = Paste an access token…

## Drawings of Zalo's app console (developers.zalo.me)

ui-zalo-pic-alt-app_id = Drawing: the app's Overview page on developers.zalo.me, with the “App ID” field circled.
ui-zalo-pic-alt-secret_key = Drawing: the app's Overview page, with the “App secret key” field circled.
ui-zalo-pic-alt-callback_url = Drawing: Official Account › General settings, with the “Official Account Callback Url” field circled.
ui-zalo-pic-menu-overview = Overview
ui-zalo-pic-menu-settings = Settings
ui-zalo-pic-menu-oa = Official Account
ui-zalo-pic-menu-login = Login
ui-zalo-pic-app-title = App information
ui-zalo-pic-app-id = App ID
ui-zalo-pic-secret = App secret key
ui-zalo-pic-oa-title = General settings
ui-zalo-pic-oa-callback = Official Account Callback Url
ui-zalo-pic-oa-domain = Verified domain
