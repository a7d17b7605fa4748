// One JSON line per SDK call on stdout ({"sdk", "call", "ok", ...what the SDK parsed}); the
// process exits non-zero when any call failed. Calls run one after another, so the receipts in
// the daemon's outbox are in call order. `node SCRIPT.mjs CALL` runs only the call named CALL
// (the test driver runs one call per test); with no argument every call runs.
import assert from 'node:assert/strict';

export { assert };

const only = process.argv[2];
let failures = 0;
let ran = 0;

export async function call(sdk, name, fn) {
  if (only !== undefined && only !== name) {
    return;
  }
  ran += 1;
  try {
    const got = await fn();
    console.log(JSON.stringify({ sdk, call: name, ok: true, ...got }));
  } catch (error) {
    failures += 1;
    const text = String(error?.stack ?? error);
    console.log(JSON.stringify({ sdk, call: name, ok: false, error: text }));
  }
}

// For a call that must fail (deny.mjs): ok when `fn(await setUp())` throws, reporting what
// `describe` reads from the error and `elapsed_ms`, the time from the call to the SDK giving up
// (its own retries included; the SDK's import and client construction in `setUp` excluded).
// There `node SCRIPT.mjs GROUP` runs every call whose name starts with "GROUP.", so that one Node
// process imports one SDK.
export async function callExpectingError(sdk, name, describe, setUp, fn) {
  if (only !== undefined && only !== name && !name.startsWith(`${only}.`)) {
    return;
  }
  ran += 1;
  let started;
  try {
    const client = await setUp();
    started = performance.now();
    await fn(client);
  } catch (error) {
    if (started === undefined) {
      failures += 1;
      const text = String(error?.stack ?? error);
      console.log(JSON.stringify({ sdk, call: name, ok: false, error: text }));
      return;
    }
    const elapsed_ms = Math.round(performance.now() - started);
    console.log(JSON.stringify({ sdk, call: name, ok: true, elapsed_ms, ...describe(error) }));
    return;
  }
  failures += 1;
  console.log(JSON.stringify({ sdk, call: name, ok: false, error: 'the call did not fail' }));
}

export function finish() {
  if (ran === 0) {
    console.log(JSON.stringify({ ok: false, error: `no call named ${only}` }));
  }
  process.exitCode = failures === 0 && ran > 0 ? 0 : 1;
}

// The proxy's base URL, http://127.0.0.1:PORT (set by the test driver).
export function proxyUrl() {
  const url = process.env.COSTGATE_PROXY_URL;
  assert.ok(url, 'COSTGATE_PROXY_URL is not set');
  return url;
}

// All bytes of a web ReadableStream (what the ElevenLabs SDK returns for audio).
export async function readAll(stream) {
  const pieces = [];
  let chunks = 0;
  for await (const piece of stream) {
    pieces.push(Buffer.from(piece));
    chunks += 1;
  }
  return { bytes: Buffer.concat(pieces), chunks };
}

// The joined text, the number of chunks and the last chunk of a @google/genai content stream
// (the last carries the call's usageMetadata).
export async function readContentStream(stream) {
  let text = '';
  let chunks = 0;
  let last;
  for await (const chunk of stream) {
    text += chunk.text ?? '';
    chunks += 1;
    last = chunk;
  }
  return { text, chunks, last };
}
