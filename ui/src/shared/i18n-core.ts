// Fluent message lookup, independent of Svelte so it can be tested on its own.
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";

export type MessageArgs = Record<string, FluentVariable>;

/** Group raw .ftl sources ("…/locales/vi/ui.ftl" → text) by locale directory name. */
export function groupSourcesByLocale(sources: Record<string, string>): Map<string, string[]> {
  const byLocale = new Map<string, string[]>();
  for (const path of Object.keys(sources).sort()) {
    const m = /locales\/([^/]+)\/[^/]+\.ftl$/.exec(path);
    if (!m) continue;
    const list = byLocale.get(m[1]) ?? [];
    list.push(sources[path]);
    byLocale.set(m[1], list);
  }
  return byLocale;
}

export function buildBundle(locale: string, texts: string[], warn: (msg: string) => void = console.warn): FluentBundle {
  const bundle = new FluentBundle(locale, { useIsolating: false });
  for (const text of texts) {
    const errors = bundle.addResource(new FluentResource(text));
    for (const e of errors) warn(`[i18n] ${locale}: ${e.message}`);
  }
  return bundle;
}

export class Translator {
  private readonly bundles = new Map<string, FluentBundle>();
  private readonly reported = new Set<string>();

  constructor(
    sources: Record<string, string>,
    private readonly warn: (msg: string) => void = console.warn,
  ) {
    for (const [locale, texts] of groupSourcesByLocale(sources)) {
      this.bundles.set(locale, buildBundle(locale, texts, warn));
    }
  }

  get locales(): string[] {
    return [...this.bundles.keys()];
  }

  has(locale: string, id: string): boolean {
    return this.bundles.get(locale)?.hasMessage(id) ?? false;
  }

  /** The message in the given locale; a missing id is reported once and shown as the id itself. */
  format(locale: string, id: string, args?: MessageArgs | null): string {
    const bundle = this.bundles.get(locale);
    const message = bundle?.getMessage(id);
    if (!bundle || !message || message.value === null) {
      this.report(`${locale}:${id}`, `[i18n] missing message "${id}" in locale "${locale}"`);
      return id;
    }
    const errors: Error[] = [];
    const text = bundle.formatPattern(message.value, args ?? null, errors);
    if (errors.length > 0) {
      this.report(`${locale}:${id}:args`, `[i18n] ${locale}:${id}: ${errors.map((e) => e.message).join("; ")}`);
    }
    return text;
  }

  private report(key: string, msg: string): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.warn(msg);
  }
}
