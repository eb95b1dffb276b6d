// What every Settings section is handed: the window's feature states. A new section takes what
// it needs from here (the channel settings take `publish`).
import type { Navigation } from "../app/navigation.svelte";
import type { Studio } from "../drafts/studio.svelte";
import type { Media } from "../media/media.svelte";
import type { Publish } from "../publish/publish.svelte";
import type { Banner } from "../shared/banner.svelte";
import type { ProfileState } from "./profile.svelte";

export interface SettingsContext {
  profile: ProfileState;
  studio: Studio;
  media: Media;
  publish: Publish;
  nav: Navigation;
  banner: Banner;
}
