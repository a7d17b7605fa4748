// @elevenlabs/elevenlabs-js, unmodified, pointed at costgate with its baseUrl option (the SDK
// reads no base-URL variable from the environment, PROVIDERS.md D).
import { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';

import { assert, call, finish, proxyUrl, readAll } from './report.mjs';

// The mock answers ten 417-byte MP3 frames (tests/integration/mock_upstream/default_routes.py).
const kAudioBytes = 4170;
const client = new ElevenLabsClient({ apiKey: 'sdk-e2e-key', baseUrl: proxyUrl() });
const request = {
  text: 'Hello from costgate.',
  modelId: 'eleven_multilingual_v2',
  outputFormat: 'mp3_44100_128',
};

await call('elevenlabs', 'textToSpeech.convert', async () => {
  const { bytes } = await readAll(
    await client.textToSpeech.convert('JBFqnCBsd6RMkjVDRZzb', request));
  assert.equal(bytes.length, kAudioBytes);
  assert.equal(bytes.readUInt16BE(0), 0xfffb);  // an MPEG audio frame header
  return { audio_bytes: bytes.length };
});

await call('elevenlabs', 'textToSpeech.stream', async () => {
  const { bytes, chunks } = await readAll(
    await client.textToSpeech.stream('JBFqnCBsd6RMkjVDRZzb', request));
  assert.equal(bytes.length, kAudioBytes);
  assert.equal(bytes.readUInt16BE(0), 0xfffb);
  return { audio_bytes: bytes.length, chunks };
});

finish();
