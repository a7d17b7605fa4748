// The dashboard is plain static files: central serves dist/ from central.static_dir, with
// every file under assets/ cached for a year (each name carries a content hash) and
// index.html revalidated on every load.
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
  },
  server: {
    // `npm run dev` against a running central: the API answers, Vite serves the app.
    proxy: { "/admin": "http://127.0.0.1:8788", "/v1": "http://127.0.0.1:8788" },
  },
});
