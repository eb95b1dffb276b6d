// Reactive translation for the UI: `t(id, args)` re-renders when the language changes.
import type { Lang } from "./bindings";
import { Translator, type MessageArgs } from "./i18n-core";

const sources = import.meta.glob("../../../locales/*/*.ftl", {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

const translator = new Translator(sources);

let current = $state<Lang>("vi");

export const i18n = {
  get lang(): Lang {
    return current;
  },
  set lang(value: Lang) {
    current = value;
    if (typeof document !== "undefined") document.documentElement.lang = value;
  },
};

export function t(id: string, args?: MessageArgs | null): string {
  return translator.format(current, id, args);
}

/** Whether the window's language has this message (for optional, more specific wording). */
export function hasMessage(id: string): boolean {
  return translator.has(current, id);
}
