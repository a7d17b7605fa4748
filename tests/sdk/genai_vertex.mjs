// @google/genai with `vertexai: true`, unmodified: the base URL comes only from
// GOOGLE_VERTEX_BASE_URL (no option in code), in the SDK's three Vertex AI modes: express (API
// key, no project: /v1beta1/publishers/google/models/...), regional and global (project and
// location: /v1beta1/projects/P/locations/L/publishers/google/models/...).
//
// Project mode authenticates with google-auth-library, the SDK's own auth dependency. Application
// Default Credentials would look for a key file or ask the metadata server; instead the client is
// given an access token the application already holds (googleAuthOptions.authClient), which the
// SDK sends as `Authorization: Bearer` without any token exchange: nothing leaves 127.0.0.1.
import { GoogleGenAI } from '@google/genai';
import { OAuth2Client } from 'google-auth-library';

import { assert, call, finish, readContentStream } from './report.mjs';

assert.ok(process.env.GOOGLE_VERTEX_BASE_URL, 'GOOGLE_VERTEX_BASE_URL is not set');

const MODEL = 'gemini-2.0-flash-001';
const PROMPT = 'Why is the sky blue?';

function expressMode() {
  return new GoogleGenAI({ vertexai: true, apiKey: 'sdk-e2e-vertex-key' });
}

function projectMode(location) {
  const accessToken = new OAuth2Client({ credentials: { access_token: 'ya29.sdk-e2e-token' } });
  return new GoogleGenAI({
    vertexai: true,
    project: 'sdk-e2e-project',
    location,
    googleAuthOptions: { authClient: accessToken },
  });
}

// ddtrace-vertex-2.0-flash-generateContent-gzip: 14 prompt tokens, 52 candidate tokens.
async function generate(ai) {
  const response = await ai.models.generateContent({ model: MODEL, contents: PROMPT });
  assert.match(response.text, /Rayleigh scattering/);
  const usage = response.usageMetadata;
  assert.equal(usage.promptTokenCount, 14);
  assert.equal(usage.candidatesTokenCount, 52);
  assert.equal(response.modelVersion, MODEL);
  return {
    text_chars: response.text.length,
    prompt_tokens: usage.promptTokenCount,
    output_tokens: usage.candidatesTokenCount,
    model_version: response.modelVersion,
  };
}

// ddtrace-vertex-2.0-flash-streamGenerateContent-sse: 5 events, usage in the last.
async function generateStream(ai) {
  const stream = await ai.models.generateContentStream({ model: MODEL, contents: PROMPT });
  const { text, chunks, last } = await readContentStream(stream);
  assert.equal(chunks, 5);
  assert.match(text, /Rayleigh scattering/);
  assert.equal(last.usageMetadata.promptTokenCount, 14);
  assert.equal(last.usageMetadata.candidatesTokenCount, 52);
  return {
    chunks,
    text_chars: text.length,
    prompt_tokens: last.usageMetadata.promptTokenCount,
    output_tokens: last.usageMetadata.candidatesTokenCount,
  };
}

await call('genai-vertex', 'generateContent(express)', () => generate(expressMode()));
await call('genai-vertex', 'generateContentStream(express)', () => generateStream(expressMode()));
await call('genai-vertex', 'generateContent(us-central1)', () =>
  generate(projectMode('us-central1')),
);
await call('genai-vertex', 'generateContentStream(us-central1)', () =>
  generateStream(projectMode('us-central1')),
);
await call('genai-vertex', 'generateContent(global)', () => generate(projectMode('global')));

await call('genai-vertex', 'embedContent(predict)', async () => {
  // On Vertex AI the SDK sends gemini-embedding-001 (and text-embedding-*) as :predict;
  // pydanticai-vertex-embeddings-predict reports statistics.token_count 4.
  const response = await projectMode('us-central1').models.embedContent({
    model: 'gemini-embedding-001',
    contents: 'Hello, world!',
    config: { taskType: 'RETRIEVAL_QUERY' },
  });
  assert.equal(response.embeddings.length, 1);
  const [embedding] = response.embeddings;
  assert.equal(embedding.values.length, 3072);
  assert.equal(embedding.statistics.tokenCount, 4);
  assert.equal(response.metadata.billableCharacterCount, 12);
  return {
    embeddings: response.embeddings.length,
    dimensions: embedding.values.length,
    token_count: embedding.statistics.tokenCount,
  };
});

await call('genai-vertex', 'embedContent', async () => {
  // gemini-embedding-2 on Vertex AI is :embedContent, one content per call;
  // pydanticai-vertex-embedContent reports promptTokenCount 11.
  const response = await projectMode('us-central1').models.embedContent({
    model: 'gemini-embedding-2',
    contents: 'task: question answering | query: Hello, world!',
  });
  assert.equal(response.embeddings.length, 1);
  assert.equal(response.embeddings[0].values.length, 3072);
  return {
    embeddings: response.embeddings.length,
    dimensions: response.embeddings[0].values.length,
  };
});

await call('genai-vertex', 'countTokens', async () => {
  // pydanticai-vertex-countTokens.0: 13 tokens.
  const response = await projectMode('us-central1').models.countTokens({
    model: 'gemini-2.5-flash',
    contents: 'What is the capital of France?',
  });
  assert.equal(response.totalTokens, 13);
  return { total_tokens: response.totalTokens };
});

finish();
