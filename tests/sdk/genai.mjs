// @google/genai, unmodified: the base URL comes only from GOOGLE_GEMINI_BASE_URL (no option in
// code), so an application needs no change to go through costgate.
import { GoogleGenAI } from '@google/genai';

import { assert, call, finish, readContentStream } from './report.mjs';

assert.ok(process.env.GOOGLE_GEMINI_BASE_URL, 'GOOGLE_GEMINI_BASE_URL is not set');
const ai = new GoogleGenAI({ apiKey: 'sdk-e2e-key' });

await call('genai', 'generateContent', async () => {
  const response = await ai.models.generateContent({
    model: 'gemini-2.0-flash-001',
    contents: 'Why is the sky blue?',
  });
  assert.match(response.text, /Rayleigh scattering/);
  const usage = response.usageMetadata;
  assert.equal(usage.promptTokenCount, 14);
  assert.equal(usage.candidatesTokenCount, 52);
  return {
    text_chars: response.text.length,
    prompt_tokens: usage.promptTokenCount,
    output_tokens: usage.candidatesTokenCount,
    model_version: response.modelVersion,
  };
});

await call('genai', 'generateContentStream', async () => {
  const stream = await ai.models.generateContentStream({
    model: 'gemini-2.0-flash-001',
    contents: 'Why is the sky blue?',
  });
  const { text, chunks, last } = await readContentStream(stream);
  assert.ok(chunks > 1, `one chunk only: ${chunks}`);
  assert.match(text, /Rayleigh scattering/);
  assert.equal(last.usageMetadata.promptTokenCount, 14);
  assert.equal(last.usageMetadata.candidatesTokenCount, 51);
  return {
    chunks,
    text_chars: text.length,
    prompt_tokens: last.usageMetadata.promptTokenCount,
    output_tokens: last.usageMetadata.candidatesTokenCount,
  };
});

await call('genai', 'embedContent', async () => {
  // The Gemini API SDK path calls :batchEmbedContents (PROVIDERS.md A2).
  const response = await ai.models.embedContent({
    model: 'gemini-embedding-2',
    contents: ['First text', 'Second text'],
    config: { outputDimensionality: 768 },
  });
  assert.equal(response.embeddings.length, 2);
  for (const embedding of response.embeddings) {
    assert.equal(embedding.values.length, 768);
  }
  return {
    embeddings: response.embeddings.length,
    dimensions: response.embeddings[0].values.length,
  };
});

await call('genai', 'countTokens', async () => {
  const response = await ai.models.countTokens({
    model: 'gemini-2.5-flash',
    contents: 'The quick brown fox jumps over the lazydog.',
  });
  assert.equal(response.totalTokens, 12);
  return { total_tokens: response.totalTokens };
});

finish();
