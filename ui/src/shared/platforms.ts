// What the window itself needs to know about the platforms, in one place: the editor's counter and
// the channel form's default addresses. Everything else (the limits a post is checked against, how a
// post becomes each platform's message) is decided in the core, and its findings come to the window.

import type { ChannelKind } from "./bindings";

/** Facebook's limit for the text of one post, in characters (the editor's counter). */
export const FACEBOOK_POST_LIMIT = 63206;

/** The API each kind talks to when the officer gives no other address (the core uses the same). */
export const DEFAULT_BASE_URL: Record<ChannelKind, string> = {
  facebook: "https://graph.facebook.com/v21.0",
  zalo: "https://openapi.zalo.me",
  wordpress: "https://",
  folder: "",
};
