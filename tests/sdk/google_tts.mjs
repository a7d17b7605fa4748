// @google-cloud/text-to-speech, unmodified, over its REST fallback (HTTP/1.1 JSON) pointed at
// costgate: fallback, apiEndpoint, port and protocol are ClientOptions. projectId is always set
// and the credential is an API key (sent as X-Goog-Api-Key), so Google's auth library never
// looks for the cloud metadata server or a token endpoint.
import textToSpeech from '@google-cloud/text-to-speech';

import { assert, call, finish, proxyUrl } from './report.mjs';

const kAudioBytes = 4170;  // the mock's ten 417-byte MP3 frames, base64 in audioContent
const proxy = new URL(proxyUrl());
const client = new textToSpeech.TextToSpeechClient({
  fallback: true,
  apiEndpoint: proxy.hostname,
  port: Number(proxy.port),
  protocol: proxy.protocol.slice(0, -1),  // 'http' against costgate
  projectId: 'costgate-sdk-e2e',
  apiKey: 'sdk-e2e-key',
});

await call('google-tts', 'synthesizeSpeech', async () => {
  const [response] = await client.synthesizeSpeech({
    input: { text: 'Hello from costgate.' },
    voice: { languageCode: 'en-US', name: 'en-US-Wavenet-A' },
    audioConfig: { audioEncoding: 'MP3' },
  });
  const audio = Buffer.from(response.audioContent);
  assert.equal(audio.length, kAudioBytes);
  assert.equal(audio.readUInt16BE(0), 0xfffb);
  return { audio_bytes: audio.length };
});

await client.close();
finish();
