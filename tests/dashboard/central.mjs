// A real `costgate central` for the browser tests: a temp directory with its config and store,
// the CLI to make accounts and keys, and a small dataset recorded through POST /v1/usage/record.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export class Central {
  constructor(binary, staticDir) {
    this.binary = path.resolve(binary);
    this.staticDir = staticDir;
    this.dir = mkdtempSync(path.join(tmpdir(), "costgate-dashboard-"));
    this.config = path.join(this.dir, "costgate.yaml");
    this.process = null;
    this.log = "";
  }

  async start() {
    this.port = await freePort();
    writeFileSync(path.join(this.dir, "overrides.yaml"), "version: 1\nprices: []\n");
    writeFileSync(
      this.config,
      [
        "central:",
        "  listen:",
        "    address: 127.0.0.1",
        `    port: ${this.port}`,
        `  store: sqlite:${path.join(this.dir, "central.db")}`,
        `  static_dir: ${this.staticDir}`,
        "log:",
        "  access_log: false",
        // The Pricing page adds and deletes overrides in this file (it must exist at start).
        "pricing:",
        `  history_dir: ${path.join(this.dir, "prices")}`,
        `  overrides_file: ${path.join(this.dir, "overrides.yaml")}`,
        "",
      ].join("\n"),
    );
    this.url = `http://127.0.0.1:${this.port}`;
    this.process = spawn(this.binary, ["central", "--config", this.config], { cwd: this.dir });
    this.process.on("error", (error) => (this.log += `cannot run ${this.binary}: ${error.message}\n`));
    const collect = (chunk) => (this.log += chunk);
    this.process.stdout.on("data", collect);
    this.process.stderr.on("data", collect);
    const deadline = Date.now() + 10_000;
    while (!/"msg":"listening"/.test(this.log)) {
      if (this.process.exitCode !== null || /cannot run/.test(this.log)) throw new Error(`costgate central exited ${this.process.exitCode}:\n${this.log}`);
      if (Date.now() > deadline) throw new Error(`costgate central did not listen within 10 s:\n${this.log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  // `costgate ARGS --config ...`; throws with its output unless it exits 0.
  cli(args, input) {
    const result = spawnSync(this.binary, [...args, "--config", this.config], { cwd: this.dir, input, encoding: "utf8" });
    if (result.status !== 0) {
      throw new Error(`costgate ${args.join(" ")} exited ${result.status}: ${result.stderr || result.stdout}`);
    }
    return result.stdout;
  }

  async stop() {
    if (this.process && this.process.exitCode === null) {
      const exited = new Promise((r) => this.process.once("exit", r));
      this.process.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (this.process.exitCode === null) this.process.kill("SIGKILL");
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

// Two apps' calls: two priced models, two projects and one call without a project, three users,
// one error, one model without a price (cost_usd null, counted 0). Every number the dashboard
// shows comes from what central stored of these.
export const APPS = ["video-app", "chatbot"];
export const DATASET = [
  { app: "video-app", user: "alice", project: "ford-q3", model: "gemini-2.5-flash", input: 1200, output: 300, status: "success" },
  { app: "video-app", user: "alice", project: "ford-q3", model: "gemini-2.5-pro", input: 5000, output: 2048, status: "success" },
  { app: "chatbot", user: "bob", project: "ford-q3", model: "gemini-2.5-flash", input: 800, output: 150, status: "success" },
  { app: "video-app", user: "bob", project: "acme-launch", model: "gemini-2.5-pro", input: 12000, output: 4096, status: "success" },
  { app: "chatbot", user: "carol", project: "acme-launch", model: "gemini-2.5-flash", input: 300, output: 90, status: "success" },
  { app: "chatbot", user: "carol", project: "acme-launch", model: "gemini-2.5-pro", input: 700, output: 0, status: "error" },
  { app: "video-app", user: "alice", project: null, model: "gemini-2.5-flash", input: 2500, output: 512, status: "success" },
  { app: "chatbot", user: "bob", project: "acme-launch", model: "no-such-model-x", input: 100, output: 100, status: "success" },
  // More calls of one model than the drill-down's page of 50: its "next" cursor gets used.
  ...Array.from({ length: 55 }, (_, i) => ({ app: "chatbot", user: "dan", project: "acme-launch", model: "gemini-2.0-flash-lite", input: 10 + i, output: 5, status: "success" })),
];

// `keys`: an ingest key (scope record) per app of APPS.
export async function seed(central, keys) {
  for (const call of DATASET) {
    const key = keys[call.app];
    const sourceApp = call.app;
    const body = {
      request_id: "",
      user_external_id: call.user,
      project_external_id: call.project,
      source_app: sourceApp,
      model: call.model,
      units: { input_tokens: call.input, output_tokens: call.output },
      latency_ms: 400,
      status: call.status,
    };
    const response = await fetch(central.url + "/v1/usage/record", {
      method: "POST",
      headers: { "X-API-Key": key, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST /v1/usage/record answered ${response.status}: ${await response.text()}`);
  }
}
