# Loa — the commune profile: commune or ward, province, logo, default watermark, language.

error-profile-no-logo = The commune has no logo to stamp on photos yet. Choose the logo first, or stamp the commune's name instead.
error-profile-logo = { $path } cannot be the logo: { $problem ->
        [not_a_picture] it is not a PNG, JPEG or WebP picture.
        [too_big] the picture is too large (at most 20 MB and 4096 pixels on each side).
       *[unreadable] the picture is damaged and cannot be read.
    } Choose the commune's logo file again.

profile-province-kind-province = Province
profile-province-kind-city = City
