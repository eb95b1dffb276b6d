// Pure helpers of connecting a Page or an OA: the order of the Page list, what the guided Zalo
// screen still needs, and the message ids the drawings of Zalo's console use.
import type { PageChoice, ZaloConnect } from "../shared/bindings";

/** The Pages in the order the officer picks from: those they may publish on first. */
export function orderPages(pages: PageChoice[]): PageChoice[] {
  return [...pages].sort((a, b) => Number(b.can_publish) - Number(a.can_publish) || a.name.localeCompare(b.name, "vi"));
}

/** The values the guided Zalo screen still needs (keys of `ZaloConnect`), given whether a key is kept. */
export function zaloMissing(form: ZaloConnect, keyKept: boolean): (keyof ZaloConnect)[] {
  const out: (keyof ZaloConnect)[] = [];
  if (!form.name.trim()) out.push("name");
  if (!form.app_id.trim()) out.push("app_id");
  if (!form.secret_key.trim() && !keyKept) out.push("secret_key");
  if (!/^https?:\/\/\S+$/.test(form.callback_url.trim())) out.push("callback_url");
  return out;
}

/** The guided Zalo screen's values that have a drawing, in the order they are asked. */
export const ZALO_PICTURED = ["app_id", "secret_key", "callback_url"] as const;
export type ZaloPictured = (typeof ZALO_PICTURED)[number];

/** Every message id the drawings of Zalo's console show (the locale tests check each exists). */
export const ZALO_PICTURE_IDS = [
  ...ZALO_PICTURED.map((w) => `ui-zalo-pic-alt-${w}`),
  "ui-zalo-pic-menu-overview",
  "ui-zalo-pic-menu-settings",
  "ui-zalo-pic-menu-oa",
  "ui-zalo-pic-menu-login",
  "ui-zalo-pic-oa-callback",
  "ui-zalo-pic-oa-domain",
  "ui-zalo-pic-app-id",
  "ui-zalo-pic-secret",
  "ui-zalo-pic-oa-title",
  "ui-zalo-pic-app-title",
];
