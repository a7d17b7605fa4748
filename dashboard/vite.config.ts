// The dashboard is plain static files: central serves dist/ from central.static_dir. Central
// caches a file for a year when its name ends in a content hash of 8+ letters and digits with at
// least one of each (central/api/static_names.h), so the hash is 12 hex digits: Rollup's default
// base64url hash may hold "-" or no digit at all and would be cached for five minutes only.
// index.html is revalidated on every load.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/",
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    outDir: "dist",
    assetsDir: "assets",
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 200,
    rollupOptions: {
      output: {
        hashCharacters: "hex",
        entryFileNames: "assets/[name]-[hash:12].js",
        chunkFileNames: "assets/[name]-[hash:12].js",
        assetFileNames: "assets/[name]-[hash:12][extname]",
      },
    },
  },
  server: {
    // `npm run dev` against a running central: the API answers, Vite serves the app.
    proxy: { "/admin": "http://127.0.0.1:8788", "/v1": "http://127.0.0.1:8788" },
  },
});
