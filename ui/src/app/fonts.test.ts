// The window's fonts are bundled files: every url() in app.css must point at a file that exists,
// or Vite leaves it unresolved and the window silently falls back to the system's font.
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const cssPath = fileURLToPath(new URL("./app.css", import.meta.url));

describe("app.css", () => {
  it("loads Be Vietnam Pro from files that exist", () => {
    const css = readFileSync(cssPath, "utf8");
    const urls = [...css.matchAll(/url\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(urls.filter((u) => /BeVietnamPro-(Regular|Medium|SemiBold|Bold)\.ttf$/.test(u))).toHaveLength(4);
    for (const u of urls) expect(existsSync(resolve(dirname(cssPath), u)), `${u} exists`).toBe(true);
  });
});
