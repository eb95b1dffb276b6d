// The sections of the Settings page, in order. A feature adds its settings by adding one
// component here (it receives the `SettingsContext`) and a title message in its locale file.
import type { Component } from "svelte";
import type { SettingsContext } from "./context";
import BackupSection from "./BackupSection.svelte";
import ChannelsSection from "./ChannelsSection.svelte";
import LanguageSection from "./LanguageSection.svelte";
import ProfileSection from "./ProfileSection.svelte";
import WatermarkSection from "./WatermarkSection.svelte";

export interface SettingsSection {
  /** Stable: the section's anchor and `data-testid="settings-section-<id>"`. */
  id: string;
  /** The Fluent id of its heading. */
  titleId: string;
  component: Component<{ ctx: SettingsContext }>;
}

export const SECTIONS: SettingsSection[] = [
  { id: "profile", titleId: "ui-settings-profile", component: ProfileSection },
  { id: "channels", titleId: "ui-settings-channels", component: ChannelsSection },
  { id: "language", titleId: "ui-settings-language", component: LanguageSection },
  { id: "watermark", titleId: "ui-settings-watermark", component: WatermarkSection },
  { id: "backup", titleId: "ui-settings-backup", component: BackupSection },
];
