// The commune profile as the first-run setup and Settings edit it: the stored profile, the form's
// values, the province list, the logo's image and saving.
import { api, pickFiles } from "../shared/api";
import type { CommuneProfile, IpcError, Lang, Province, WatermarkChoice } from "../shared/bindings";
import { attempt } from "../shared/errors";
import { i18n } from "../shared/i18n.svelte";

export const WATERMARK_CHOICES: WatermarkChoice[] = ["logo", "text", "none"];
export const watermarkChoiceMessageId = (c: WatermarkChoice) => `ui-profile-watermark-${c}`;
/** A language's name in that language ("Tiếng Việt", "English"), whatever the window's language. */
export const languageNameMessageId = (lang: Lang) => `ui-profile-lang-${lang}`;

/** Picture types a logo may be (the core turns JPEG and WebP into PNG). */
export const LOGO_EXTENSIONS = ["png", "jpg", "jpeg", "webp"];

const EMPTY: CommuneProfile = {
  commune: "",
  province: "",
  logo: null,
  hotline: null,
  watermark: "none",
  lang: "vi",
  setup_done: false,
};

/** The form's fields the officer types (the logo, watermark and language are saved as chosen). */
type Typed = Pick<CommuneProfile, "commune" | "province" | "hotline">;

export class ProfileState {
  /** The profile as stored; null until loaded. */
  stored = $state<CommuneProfile | null>(null);
  /** The form's values. */
  form = $state<CommuneProfile>({ ...EMPTY });
  provinces = $state<Province[]>([]);
  /** An object URL of the logo's PNG, or null. */
  logoUrl = $state<string | null>(null);
  saving = $state(false);
  /** Bumped after each successful save (the form shows "saved"). */
  saves = $state(0);
  /** The last save's error, shown next to the form. */
  error = $state<IpcError | null>(null);

  /** `onSaved` runs after each save (the photo library re-reads its watermark). */
  constructor(private readonly onSaved: () => void = () => {}) {}

  get loaded(): boolean {
    return this.stored !== null;
  }

  /** Whether the setup still has to be shown. */
  get needsSetup(): boolean {
    return this.stored !== null && !this.stored.setup_done;
  }

  /** Typed text differs from what is stored. */
  get dirty(): boolean {
    const s = this.stored;
    if (!s) return false;
    const f = this.form;
    return f.commune !== s.commune || f.province !== s.province || (f.hotline ?? "") !== (s.hotline ?? "");
  }

  /** Reads the profile (and, once, the province list). Throws the core's error. */
  async load(): Promise<void> {
    const [profile, provinces] = await Promise.all([
      api.getProfile(),
      this.provinces.length > 0 ? Promise.resolve(this.provinces) : api.listProvinces(),
    ]);
    this.provinces = provinces;
    this.take(profile);
    await this.loadLogo();
  }

  setTyped(patch: Partial<Typed>): void {
    this.form = { ...this.form, ...patch };
  }

  /** Saves the form (with `patch` applied); true when it was saved. */
  async save(patch: Partial<CommuneProfile> = {}): Promise<boolean> {
    this.saving = true;
    const next = { ...this.form, ...patch, lang: i18n.lang };
    const saved = await attempt(() => api.setProfile(next), (e) => (this.error = e));
    this.saving = false;
    if (!saved.ok) return false;
    this.error = null;
    const logoChanged = saved.value.logo !== this.stored?.logo;
    this.take(saved.value);
    this.saves++;
    if (logoChanged) await this.loadLogo();
    this.onSaved();
    return true;
  }

  /** Opens the file dialog for the logo and saves it at once (the core copies it in). */
  async pickLogo(filterName: string): Promise<void> {
    const picked = await attempt(
      () => pickFiles({ multiple: false, extensions: LOGO_EXTENSIONS, filterName }),
      (e) => (this.error = e),
    );
    const [path] = picked.ok ? picked.value : [];
    if (!path) return;
    // A first logo is what the commune stamps, unless another choice was made already.
    const watermark = this.form.watermark === "none" && !this.stored?.logo ? "logo" : this.form.watermark;
    await this.save({ logo: path, watermark });
  }

  async removeLogo(): Promise<void> {
    await this.save({ logo: null, watermark: this.form.watermark === "logo" ? "none" : this.form.watermark });
  }

  setWatermark(choice: WatermarkChoice): Promise<boolean> {
    return this.save({ watermark: choice });
  }

  /** "Done" in the setup: saves what was typed and does not show the setup again. */
  async finishSetup(): Promise<boolean> {
    if (!(await this.save())) return false;
    return this.skipSetup();
  }

  /** "Skip": nothing typed is kept; the setup is not shown again (Settings has it all). */
  async skipSetup(): Promise<boolean> {
    const done = await attempt(() => api.finishSetup(), (e) => (this.error = e));
    if (done.ok && this.stored) this.stored = { ...this.stored, setup_done: true };
    return done.ok;
  }

  private take(p: CommuneProfile): void {
    this.stored = p;
    this.form = { ...p, hotline: p.hotline ?? "" };
  }

  private async loadLogo(): Promise<void> {
    const blob = this.stored?.logo ? await attempt(() => api.profileLogo()) : null;
    if (this.logoUrl) URL.revokeObjectURL(this.logoUrl);
    this.logoUrl = blob?.ok && blob.value ? URL.createObjectURL(blob.value) : null;
  }
}
