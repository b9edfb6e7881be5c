// Drives the BYOM Lab gateway with the official `openai` npm package, as any tool would.
// Usage: node scenario.mjs plain|stream|tools|failing|embeddings
//   (env: GATEWAY_BASE_URL, GATEWAY_TOKEN, GATEWAY_MODEL; GATEWAY_EMBEDDING_MODEL for embeddings)
// Prints one JSON object on stdout: what the client saw. An API error prints {"error": {...}} and exits 2.
import OpenAI from 'openai';

const client = new OpenAI({
  baseURL: process.env.GATEWAY_BASE_URL,
  apiKey: process.env.GATEWAY_TOKEN,
  maxRetries: 0,
  timeout: 20_000,
});
const model = process.env.GATEWAY_MODEL;

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City name' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      },
      required: ['city'],
    },
  },
};

async function plain() {
  const r = await client.chat.completions.create({
    model,
    messages: [
      { role: 'system', content: 'Answer in one short sentence.' },
      { role: 'user', content: 'Say hello.' },
    ],
  });
  return {
    object: r.object,
    model: r.model,
    content: r.choices[0].message.content,
    finish_reason: r.choices[0].finish_reason,
    usage: r.usage,
  };
}

async function stream() {
  const s = await client.chat.completions.create({
    model,
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: 'Tell me a short story.' }],
  });
  let content = '';
  let role = null;
  let finishReason = null;
  let usage = null;
  let chunks = 0;
  let contentChunks = 0;
  for await (const chunk of s) {
    chunks++;
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices) {
      if (choice.delta.role) role = choice.delta.role;
      if (choice.delta.content) {
        content += choice.delta.content;
        contentChunks++;
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
  }
  return { object: 'stream', role, content, chunks, content_chunks: contentChunks, finish_reason: finishReason, usage };
}

async function tools() {
  const messages = [{ role: 'user', content: 'What is the weather in Paris?' }];
  const first = await client.chat.completions.create({ model, messages, tools: [weatherTool] });
  const message = first.choices[0].message;
  const call = message.tool_calls[0];
  messages.push(message);
  messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify({ temperature: 21, unit: 'celsius' }) });
  const second = await client.chat.completions.create({ model, messages, tools: [weatherTool] });
  // the same tool call once more, streamed, through the SDK's stream helper (it assembles tool-call chunks)
  const streamed = await client.chat.completions
    .stream({ model, messages: messages.slice(0, 1), tools: [weatherTool], stream_options: { include_usage: true } })
    .finalChatCompletion();
  return {
    object: 'tools',
    first: {
      finish_reason: first.choices[0].finish_reason,
      content: message.content,
      tool_calls: message.tool_calls.map((c) => ({ id: c.id, type: c.type, name: c.function.name, arguments: JSON.parse(c.function.arguments) })),
      usage: first.usage,
    },
    second: { finish_reason: second.choices[0].finish_reason, content: second.choices[0].message.content, usage: second.usage },
    streamed: {
      finish_reason: streamed.choices[0].finish_reason,
      tool_calls: (streamed.choices[0].message.tool_calls ?? []).map((c) => ({ id: c.id, name: c.function.name, arguments: JSON.parse(c.function.arguments) })),
      usage: streamed.usage ?? null,
    },
  };
}

// One call with the SDK's own retry policy (maxRetries 2 by default, on 408/409/429/5xx unless the answer says
// x-should-retry): how many upstream calls a failing provider costs is counted by the test's fake.
async function failing() {
  const defaults = new OpenAI({ baseURL: process.env.GATEWAY_BASE_URL, apiKey: process.env.GATEWAY_TOKEN, timeout: 20_000 });
  try {
    await defaults.chat.completions.create({ model, messages: [{ role: 'user', content: 'Say hello.' }] });
    return { object: 'unexpected success' };
  } catch (e) {
    if (!(e instanceof OpenAI.APIError)) throw e;
    return {
      object: 'failure', max_retries: defaults.maxRetries, status: e.status ?? null, code: e.code ?? null,
      x_should_retry: e.headers?.get('x-should-retry') ?? null,
    };
  }
}

// Embeddings (GATEWAY_EMBEDDING_MODEL): the SDK's default (it asks for base64 and decodes float32 itself), then
// explicit floats with a dimensions request, then a token array, which the gateway refuses.
async function embeddings() {
  const embeddingModel = process.env.GATEWAY_EMBEDDING_MODEL;
  const byDefault = await client.embeddings.create({ model: embeddingModel, input: ['first text', 'second text'] });
  const floats = await client.embeddings.create({
    model: embeddingModel, input: 'one text', encoding_format: 'float', dimensions: 3,
  });
  let tokens = null;
  try {
    await client.embeddings.create({ model: embeddingModel, input: [1, 2, 3] });
  } catch (e) {
    if (!(e instanceof OpenAI.APIError)) throw e;
    tokens = { status: e.status ?? null, code: e.code ?? null, param: e.param ?? null };
  }
  const vectors = (r) => r.data.map((d) => ({ index: d.index, embedding: Array.from(d.embedding) }));
  return {
    object: 'embeddings',
    by_default: { model: byDefault.model, data: vectors(byDefault), usage: byDefault.usage ?? null },
    floats: { model: floats.model, data: vectors(floats), usage: floats.usage ?? null },
    token_array: tokens,
  };
}

const scenarios = { plain, stream, tools, failing, embeddings };
try {
  const result = await scenarios[process.argv[2]]();
  console.log(JSON.stringify(result));
} catch (e) {
  if (e instanceof OpenAI.APIError) {
    console.log(JSON.stringify({ error: { status: e.status ?? null, message: e.message, type: e.type ?? null, code: e.code ?? null } }));
    process.exit(2);
  }
  throw e;
}
