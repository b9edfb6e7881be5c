// Drives the BYOM Lab gateway's /v1/messages with the official `@anthropic-ai/sdk` npm package, as any tool would.
// Usage: node scenario.mjs plain|stream|tools|count|failing
//   env: GATEWAY_BASE_URL (the service's origin: the SDK appends /v1/messages), GATEWAY_TOKEN, GATEWAY_MODEL,
//        GATEWAY_AUTH = x-api-key (default, the SDK's apiKey) | bearer (its authToken, as ANTHROPIC_AUTH_TOKEN)
// Prints one JSON object on stdout: what the client saw. An API error prints {"object":"failure",...}.
import Anthropic from '@anthropic-ai/sdk';

const bearer = process.env.GATEWAY_AUTH === 'bearer';
const client = new Anthropic({
  baseURL: process.env.GATEWAY_BASE_URL,
  apiKey: bearer ? null : process.env.GATEWAY_TOKEN,
  authToken: bearer ? process.env.GATEWAY_TOKEN : null,
  maxRetries: 0,
  timeout: 20_000,
});
const model = process.env.GATEWAY_MODEL;

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  input_schema: {
    type: 'object',
    properties: {
      city: { type: 'string', description: 'City name' },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    },
    required: ['city'],
  },
};

function summary(m) {
  return {
    id: m.id,
    type: m.type,
    role: m.role,
    model: m.model,
    text: m.content.filter((b) => b.type === 'text').map((b) => b.text).join(''),
    tool_uses: m.content.filter((b) => b.type === 'tool_use').map((b) => ({ id: b.id, name: b.name, input: b.input })),
    stop_reason: m.stop_reason,
    usage: m.usage,
  };
}

async function plain() {
  const m = await client.messages.create({
    model,
    max_tokens: 256,
    system: 'Answer in one short sentence.',
    messages: [{ role: 'user', content: 'Say hello.' }],
  });
  return { object: 'message', ...summary(m) };
}

async function stream() {
  const s = client.messages.stream({
    model,
    max_tokens: 256,
    messages: [{ role: 'user', content: 'Tell me a short story.' }],
  });
  const events = [];
  let textDeltas = 0;
  s.on('streamEvent', (e) => {
    events.push(e.type === 'content_block_delta' ? `${e.type}:${e.delta.type}` : e.type);
    if (e.type === 'content_block_delta' && e.delta.type === 'text_delta') textDeltas++;
  });
  const m = await s.finalMessage();
  return { object: 'stream', ...summary(m), text_deltas: textDeltas, events };
}

async function tools() {
  const messages = [{ role: 'user', content: 'What is the weather in Paris?' }];
  const first = await client.messages.create({ model, max_tokens: 256, messages, tools: [weatherTool] });
  const call = first.content.find((b) => b.type === 'tool_use');
  messages.push({ role: 'assistant', content: first.content });
  messages.push({
    role: 'user',
    content: [{ type: 'tool_result', tool_use_id: call.id, content: '21 degrees, sunny' }],
  });
  const second = await client.messages.create({ model, max_tokens: 256, messages, tools: [weatherTool] });
  const s = client.messages.stream({ model, max_tokens: 256, tools: [weatherTool],
    messages: [{ role: 'user', content: 'And in Paris again?' }] });
  const jsonDeltas = [];
  s.on('streamEvent', (e) => {
    if (e.type === 'content_block_delta' && e.delta.type === 'input_json_delta') jsonDeltas.push(e.delta.partial_json);
  });
  const streamed = await s.finalMessage();
  return {
    object: 'tools',
    first: summary(first),
    second: summary(second),
    streamed: { ...summary(streamed), input_json_deltas: jsonDeltas },
  };
}

async function count() {
  const r = await client.messages.countTokens({
    model,
    system: 'Answer in one short sentence.',
    messages: [{ role: 'user', content: 'Say hello.' }],
    tools: [weatherTool],
  });
  return { object: 'count', input_tokens: r.input_tokens };
}

async function failing() {
  return await plain();
}

const scenarios = { plain, stream, tools, count, failing };
const name = process.argv[2];
try {
  console.log(JSON.stringify(await scenarios[name]()));
} catch (e) {
  if (e instanceof Anthropic.APIError) {
    console.log(JSON.stringify({
      object: 'failure',
      status: e.status,
      type: e.error?.error?.type ?? null,
      message: e.error?.error?.message ?? null,
      x_should_retry: e.headers?.get?.('x-should-retry') ?? null,
    }));
    process.exit(0);
  }
  throw e;
}
