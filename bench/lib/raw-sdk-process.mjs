// Benchmark 4's raw SDK pool as a process of its own (cli-process.ts `timeRawSdkProcess`): the same
// chain through the official `openai` SDK with nothing of Backflow's in the path, started as plain
// Node reads plain JavaScript, so its start cost is Node's and the SDK's only. Input: one JSON file
// with baseURL, prompts (the chain's instructions in order), texts and concurrency.
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';

const { baseURL, prompts, texts, concurrency } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const client = new OpenAI({ baseURL, apiKey: 'bench', maxRetries: 0 });
let next = 0;

async function chains() {
  while (next < texts.length) {
    let current = texts[next++];
    for (const prompt of prompts) {
      const completion = await client.chat.completions.create({
        model: 'backflow-sim',
        temperature: 0,
        messages: [
          { role: 'system', content: prompt },
          { role: 'user', content: current },
        ],
      });
      current = completion.choices[0]?.message.content ?? '';
    }
  }
}

await Promise.all(Array.from({ length: concurrency }, chains));
