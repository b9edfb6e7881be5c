// Drives the BYOM Lab gateway's POST /v1/responses with the official `openai` npm package, as any tool would.
// Usage: node responses.mjs plain|stream|tools|stateful   (env: GATEWAY_BASE_URL, GATEWAY_TOKEN, GATEWAY_MODEL)
// Prints one JSON object on stdout: what the client saw. An API error prints {"error": {...}} and exits 2.
import OpenAI from 'openai';

const client = new OpenAI({
  baseURL: process.env.GATEWAY_BASE_URL,
  apiKey: process.env.GATEWAY_TOKEN,
  maxRetries: 0,
  timeout: 20_000,
});
const model = process.env.GATEWAY_MODEL;

// The Responses API's function tools are flat: no nested `function` object.
const weatherTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather for a city',
  strict: false,
  parameters: {
    type: 'object',
    properties: {
      city: { type: 'string', description: 'City name' },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    },
    required: ['city'],
  },
};

function calls(response) {
  return response.output
    .filter((item) => item.type === 'function_call')
    .map((c) => ({ id: c.id, call_id: c.call_id, name: c.name, status: c.status, arguments: JSON.parse(c.arguments) }));
}

async function plain() {
  const r = await client.responses.create({ model, instructions: 'Answer in one short sentence.', input: 'Say hello.' });
  return {
    object: r.object, id: r.id, model: r.model, status: r.status, store: r.store, output_text: r.output_text,
    output_types: r.output.map((item) => item.type), message: r.output[0], usage: r.usage,
  };
}

async function stream() {
  const s = await client.responses.create({
    model,
    stream: true,
    input: [{ role: 'user', content: [{ type: 'input_text', text: 'Tell me a short story.' }] }],
  });
  const types = [];
  const sequence = [];
  let text = '';
  let deltas = 0;
  let done = null;
  let completed = null;
  for await (const event of s) {
    types.push(event.type);
    sequence.push(event.sequence_number);
    if (event.type === 'response.output_text.delta') {
      text += event.delta;
      deltas++;
    }
    if (event.type === 'response.output_text.done') done = event.text;
    if (event.type === 'response.completed') completed = event.response;
  }
  return {
    object: 'stream', types, sequence, text, text_done: done, deltas,
    status: completed?.status ?? null, model: completed?.model ?? null, usage: completed?.usage ?? null,
    output_types: completed ? completed.output.map((item) => item.type) : null,
  };
}

async function tools() {
  const input = [{ role: 'user', content: 'What is the weather in Paris?' }];
  const first = await client.responses.create({ model, input, tools: [weatherTool] });
  const call = first.output.find((item) => item.type === 'function_call');
  // the Responses way: the call item goes back as it came, then its output, by call_id
  const next = [...input, ...first.output, {
    type: 'function_call_output', call_id: call.call_id, output: JSON.stringify({ temperature: 21, unit: 'celsius' }),
  }];
  const second = await client.responses.create({ model, input: next, tools: [weatherTool] });
  // the same tool call once more, streamed, through the SDK's stream helper (it assembles the events)
  const events = [];
  let argumentDeltas = 0;
  const helper = client.responses.stream({ model, input, tools: [weatherTool] });
  helper.on('event', (e) => events.push(e.type));
  helper.on('response.function_call_arguments.delta', () => argumentDeltas++);
  const streamed = await helper.finalResponse();
  return {
    object: 'tools',
    first: { status: first.status, calls: calls(first), output_types: first.output.map((item) => item.type), usage: first.usage },
    second: { status: second.status, output_text: second.output_text, usage: second.usage },
    streamed: { status: streamed.status, calls: calls(streamed), events, argument_deltas: argumentDeltas, usage: streamed.usage },
  };
}

// State the translated surface does not keep: a clear 400 (the SDK raises it as BadRequestError).
async function stateful() {
  try {
    await client.responses.create({ model, input: 'Go on.', previous_response_id: 'resp_123' });
    return { object: 'unexpected success' };
  } catch (e) {
    if (!(e instanceof OpenAI.APIError)) throw e;
    return { object: 'failure', status: e.status ?? null, code: e.code ?? null, param: e.param ?? null, message: e.message };
  }
}

const scenarios = { plain, stream, tools, stateful };
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
