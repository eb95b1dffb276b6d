import { fileURLToPath } from "node:url";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vitest/config";

const uiRoot = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root: uiRoot,
  // Relative asset URLs: the desktop shell serves the built files from its own origin.
  base: "./",
  plugins: [svelte()],
  clearScreen: false,
  // One cache for the repository, beside the root node_modules.
  cacheDir: fileURLToPath(new URL("../node_modules/.vite", import.meta.url)),
  server: {
    port: 1420,
    strictPort: true,
    fs: { allow: [repoRoot] },
  },
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    // The CSP allows fonts and scripts from 'self' only: never inline assets as data: URLs.
    assetsInlineLimit: 0,
    target: "es2022",
  },
  test: {
    root: uiRoot,
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
