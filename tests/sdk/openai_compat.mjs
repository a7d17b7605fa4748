// openai (the OpenAI SDK), unmodified, against Gemini's OpenAI-compatible path: the base URL
// (http://127.0.0.1:PORT/v1beta/openai/) comes only from OPENAI_BASE_URL.
import OpenAI from 'openai';

import { assert, call, finish } from './report.mjs';

assert.ok(process.env.OPENAI_BASE_URL, 'OPENAI_BASE_URL is not set');
const client = new OpenAI({ apiKey: 'sdk-e2e-key' });
const messages = [{ role: 'user', content: 'Say hello.' }];

await call('openai', 'chat.completions.create', async () => {
  const completion = await client.chat.completions.create({ model: 'gemini-2.5-flash', messages });
  assert.equal(completion.choices[0].message.content, 'Hello from the mock.');
  assert.equal(completion.choices[0].finish_reason, 'stop');
  assert.deepEqual(completion.usage, { completion_tokens: 5, prompt_tokens: 8, total_tokens: 29 });
  return {
    text: completion.choices[0].message.content,
    prompt_tokens: completion.usage.prompt_tokens,
    total_tokens: completion.usage.total_tokens,
  };
});

await call('openai', 'chat.completions.create(stream)', async () => {
  const stream = await client.chat.completions.create({
    model: 'gemini-2.5-flash',
    messages,
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  let chunks = 0;
  let usage;
  let finishReason;
  for await (const chunk of stream) {
    chunks += 1;
    text += chunk.choices[0]?.delta?.content ?? '';
    finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
    usage = chunk.usage ?? usage;
  }
  assert.equal(chunks, 3);
  assert.equal(text, 'Hello from the mock.');
  assert.equal(finishReason, 'stop');
  assert.deepEqual(usage, { completion_tokens: 5, prompt_tokens: 8, total_tokens: 29 });
  return { chunks, text, prompt_tokens: usage.prompt_tokens, total_tokens: usage.total_tokens };
});

// The openai SDK's default stream: no stream_options, so Gemini sends no usage; costgate
// estimates the call from the request and the streamed text.
await call('openai', 'chat.completions.create(stream without usage)', async () => {
  const stream = await client.chat.completions.create({
    model: 'gemini-2.5-flash',
    messages,
    stream: true,
  });
  let text = '';
  let usage;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? '';
    usage = chunk.usage ?? usage;
  }
  assert.equal(text, 'Hello from the mock.');
  assert.equal(usage, undefined);
  return { text };
});

// Gemini's embeddings answer carries no usage: costgate estimates it from the input text.
await call('openai', 'embeddings.create', async () => {
  const answer = await client.embeddings.create({
    model: 'gemini-embedding-001',
    input: 'Embed this sentence.',
    encoding_format: 'float',
  });
  assert.equal(answer.data.length, 1);
  assert.deepEqual(answer.data[0].embedding, [0.25, -0.5, 0.125]);
  return { dimensions: answer.data[0].embedding.length };
});

finish();
