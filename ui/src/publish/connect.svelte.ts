// Connecting a Facebook Page or a Zalo OA by signing in: the steps the window shows (signing in
// in Facebook's own window, picking a Page, done or why not) and the guided Zalo screen's values.
// The platform's page, the code exchange and the tokens are the core's; nothing secret comes here.
import { api } from "../shared/api";
import type { ChannelInfo, ConnectSettings, FacebookApp, IpcError, PageChoice, ZaloConnect } from "../shared/bindings";
import { attempt } from "../shared/errors";
import { orderPages } from "./connect";
import type { Publish } from "./publish.svelte";

export type FacebookStep =
  | { kind: "idle" }
  /** Facebook's window is open: the officer signs in there. */
  | { kind: "signing-in" }
  /** Signed in: the Pages the officer manages. */
  | { kind: "pick"; flow: string; pages: PageChoice[]; busy: string | null; error: IpcError | null }
  | { kind: "done"; channel: ChannelInfo }
  | { kind: "failed"; error: IpcError };

export type ZaloStep = { kind: "form"; error: IpcError | null } | { kind: "signing-in" } | { kind: "done"; channel: ChannelInfo };

export class Connect {
  facebook = $state<FacebookStep>({ kind: "idle" });
  zalo = $state<ZaloStep>({ kind: "form", error: null });
  settings = $state<ConnectSettings | null>(null);
  zaloForm = $state<ZaloConnect>({ name: "", app_id: "", secret_key: "", callback_url: "", api_url: "" });

  constructor(private readonly publish: Publish) {}

  /** The apps' settings (the Zalo form starts from the app used last time). */
  async load(): Promise<void> {
    const loaded = await attempt(() => api.connectSettings());
    if (!loaded.ok) return;
    this.settings = loaded.value;
    const z = loaded.value.zalo;
    this.zaloForm = {
      ...this.zaloForm,
      app_id: this.zaloForm.app_id || z.app_id,
      callback_url: this.zaloForm.callback_url || z.callback_url,
      api_url: this.zaloForm.api_url || z.api_url,
    };
  }

  /** "Kết nối với Facebook": Facebook's window opens; the Pages come back when the officer signed in. */
  async connectFacebook(): Promise<void> {
    if (this.facebook.kind === "signing-in") return;
    this.facebook = { kind: "signing-in" };
    const signed = await attempt(() => api.connectFacebook());
    if (!signed.ok) {
      this.facebook = { kind: "failed", error: signed.error };
      return;
    }
    this.facebook = { kind: "pick", flow: signed.value.flow, pages: orderPages(signed.value.pages), busy: null, error: null };
  }

  /** The officer picked a Page: its channel is saved with the Page's token. */
  async pickPage(pageId: string): Promise<void> {
    const step = this.facebook;
    if (step.kind !== "pick" || step.busy) return;
    this.facebook = { ...step, busy: pageId, error: null };
    const done = await attempt(() => api.connectFacebookPage(step.flow, pageId, ""));
    if (done.ok) {
      this.facebook = { kind: "done", channel: done.value };
      await this.publish.loadChannels();
    } else if (done.error.code === "connect" && done.error.message_id === "error-connect-cannot-publish") {
      // Another Page may still be picked.
      this.facebook = { ...step, busy: null, error: done.error };
    } else {
      this.facebook = { kind: "failed", error: done.error };
    }
  }

  /** "Thôi": closes the platform's window (its sign-in ends as cancelled). */
  async cancel(): Promise<void> {
    await attempt(() => api.cancelConnect());
  }

  resetFacebook(): void {
    this.facebook = { kind: "idle" };
  }

  /** Saves the Facebook app (advanced): a blank secret keeps the kept one. */
  async saveFacebookApp(app: FacebookApp, secret: string, forgetSecret: boolean): Promise<IpcError | null> {
    const saved = await attempt(() => api.saveFacebookApp(app, secret, forgetSecret));
    if (!saved.ok) return saved.error;
    await this.load();
    return null;
  }

  /** "Kết nối với Zalo": Zalo's permission page opens; the OA's channel is saved when the officer allows Loa. */
  async connectZalo(): Promise<void> {
    if (this.zalo.kind === "signing-in") return;
    const input: ZaloConnect = {
      name: this.zaloForm.name.normalize("NFC").trim(),
      app_id: this.zaloForm.app_id.trim(),
      secret_key: this.zaloForm.secret_key.trim(),
      callback_url: this.zaloForm.callback_url.trim(),
      api_url: this.zaloForm.api_url.trim(),
    };
    this.zalo = { kind: "signing-in" };
    const done = await attempt(() => api.connectZalo(input));
    if (done.ok) {
      this.zalo = { kind: "done", channel: done.value };
      this.zaloForm = { ...this.zaloForm, secret_key: "" };
      await this.publish.loadChannels();
    } else {
      this.zalo = { kind: "form", error: done.error };
    }
  }

  resetZalo(): void {
    this.zalo = { kind: "form", error: null };
  }
}
