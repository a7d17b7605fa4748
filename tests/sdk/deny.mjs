// Each official SDK, unmodified and configured as in its own script here (genai.mjs,
// genai_vertex.mjs, openai_compat.mjs, elevenlabs.mjs, google_tts.mjs), making one call that
// costgate refuses (a hard budget, or fail-closed with central unreachable). The call must throw;
// the report says what the application sees: the error's class, its HTTP status, its message,
// and how long the SDK took to give up, its own retries included.
// `node deny.mjs SDK` runs the calls of one SDK (genai, openai, elevenlabs, googleTts: the names'
// first part), `node deny.mjs CALL` only that call; each call imports only its own SDK.
import {
  assert, callExpectingError, finish, proxyUrl, readAll, readContentStream,
} from './report.mjs';

const GEMINI_MODEL = 'gemini-2.0-flash-001';
const PROMPT = 'Why is the sky blue?';

// @google/genai: ApiError {status, message: the body's JSON}.
function describeGenai(error) {
  return { error_class: error.constructor.name, status: error.status, message: error.message };
}

async function genai(options) {
  const { GoogleGenAI } = await import('@google/genai');
  return new GoogleGenAI(options);
}

await callExpectingError(
  'genai', 'genai.generateContent', describeGenai,
  () => {
    assert.ok(process.env.GOOGLE_GEMINI_BASE_URL, 'GOOGLE_GEMINI_BASE_URL is not set');
    return genai({ apiKey: 'sdk-deny-key' });
  },
  (ai) => ai.models.generateContent({ model: GEMINI_MODEL, contents: PROMPT }));

await callExpectingError(
  'genai', 'genai.generateContentStream', describeGenai,
  () => genai({ apiKey: 'sdk-deny-key' }),
  async (ai) => readContentStream(
    await ai.models.generateContentStream({ model: GEMINI_MODEL, contents: PROMPT })));

// An application that opted in to the SDK's retries (httpOptions.retryOptions; 429 and 5xx are
// among the statuses it then retries): three attempts, short waits.
await callExpectingError(
  'genai', 'genai.generateContent(retryOptions)', describeGenai,
  () => genai({
    apiKey: 'sdk-deny-key',
    httpOptions: { retryOptions: { attempts: 3, initialDelay: 0.1, maxDelay: 0.2 } },
  }),
  (ai) => ai.models.generateContent({ model: GEMINI_MODEL, contents: PROMPT }));

await callExpectingError(
  'genai-vertex', 'genai.vertex.generateContent(express)', describeGenai,
  () => {
    assert.ok(process.env.GOOGLE_VERTEX_BASE_URL, 'GOOGLE_VERTEX_BASE_URL is not set');
    return genai({ vertexai: true, apiKey: 'sdk-deny-vertex-key' });
  },
  (ai) => ai.models.generateContent({ model: GEMINI_MODEL, contents: PROMPT }));

// openai: APIError subclasses by status (RateLimitError for 429, InternalServerError for 5xx),
// {status, message: "<status> <error.message>"}.
function describeOpenai(error) {
  return { error_class: error.constructor.name, status: error.status, message: error.message };
}

async function openai() {
  assert.ok(process.env.OPENAI_BASE_URL, 'OPENAI_BASE_URL is not set');
  const { default: OpenAI } = await import('openai');
  return new OpenAI({ apiKey: 'sdk-deny-key' });
}

const messages = [{ role: 'user', content: 'Say hello.' }];

await callExpectingError(
  'openai', 'openai.chat.completions.create', describeOpenai, openai,
  (client) => client.chat.completions.create({ model: 'gemini-2.5-flash', messages }));

await callExpectingError(
  'openai', 'openai.chat.completions.create(stream)', describeOpenai, openai,
  async (client) => {
    const stream = await client.chat.completions.create({
      model: 'gemini-2.5-flash',
      messages,
      stream: true,
    });
    for await (const chunk of stream) {
      assert.fail(`a chunk from a refused call: ${JSON.stringify(chunk)}`);
    }
  });

// @elevenlabs/elevenlabs-js: ElevenLabsError {statusCode, body: the parsed JSON}.
function describeElevenlabs(error) {
  return {
    error_class: error.constructor.name,
    status: error.statusCode,
    message: error.body?.detail?.message ?? error.message,
    detail_status: error.body?.detail?.status,
  };
}

async function elevenlabs() {
  const { ElevenLabsClient } = await import('@elevenlabs/elevenlabs-js');
  return new ElevenLabsClient({ apiKey: 'sdk-deny-key', baseUrl: proxyUrl() });
}

const elevenlabsRequest = {
  text: 'Hello from costgate.',
  modelId: 'eleven_multilingual_v2',
  outputFormat: 'mp3_44100_128',
};

await callExpectingError(
  'elevenlabs', 'elevenlabs.textToSpeech.convert', describeElevenlabs, elevenlabs,
  async (client) =>
    readAll(await client.textToSpeech.convert('JBFqnCBsd6RMkjVDRZzb', elevenlabsRequest)));

await callExpectingError(
  'elevenlabs', 'elevenlabs.textToSpeech.stream', describeElevenlabs, elevenlabs,
  async (client) =>
    readAll(await client.textToSpeech.stream('JBFqnCBsd6RMkjVDRZzb', elevenlabsRequest)));

// @google-cloud/text-to-speech over its REST fallback: the auth client's fetch (gaxios) throws a
// GaxiosError for any non-2xx, {status: the HTTP status, message: the body's JSON text}. Its
// code is the HTTP status too, which google-gax's retry codes (UNAVAILABLE 14,
// DEADLINE_EXCEEDED 4) never match: no status is retried on this transport.
function describeGoogleTts(error) {
  let bodyStatus;
  try {
    bodyStatus = JSON.parse(error.message)?.error?.status;
  } catch {
    bodyStatus = undefined;
  }
  return {
    error_class: error.constructor.name,
    status: error.status ?? error.code,
    message: error.message,
    body_status: bodyStatus,
  };
}

await callExpectingError(
  'google-tts', 'googleTts.synthesizeSpeech', describeGoogleTts,
  async () => {
    const { default: textToSpeech } = await import('@google-cloud/text-to-speech');
    const proxy = new URL(proxyUrl());
    return new textToSpeech.TextToSpeechClient({
      fallback: true,
      apiEndpoint: proxy.hostname,
      port: Number(proxy.port),
      protocol: proxy.protocol.slice(0, -1),
      projectId: 'costgate-sdk-deny',
      apiKey: 'sdk-deny-key',
    });
  },
  async (client) => {
    try {
      await client.synthesizeSpeech({
        input: { text: 'Hello from costgate.' },
        voice: { languageCode: 'en-US', name: 'en-US-Wavenet-A' },
        audioConfig: { audioEncoding: 'MP3' },
      });
    } finally {
      await client.close();
    }
  });

finish();
