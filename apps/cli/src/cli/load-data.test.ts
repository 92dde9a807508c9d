import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Workflow } from '@backflow/engine';
import { CliError, ExitCode } from './exit-codes';
import { loadExamples } from './load-data';

const workflow = {
  nodes: [
    { id: 'in', kind: 'input', fields: ['question'], position: { x: 0, y: 0 } },
    { id: 'out', kind: 'output', targetKey: 'target', position: { x: 0, y: 0 } },
  ],
} as unknown as Workflow;

describe('loadExamples', () => {
  let dir: string;
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'backflow-data-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function failure(promise: Promise<unknown>): Promise<CliError> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof CliError) return error;
      throw error;
    }
    throw new Error('expected a CliError');
  }

  it('reads rows that already have the example shape as they are', async () => {
    const path = write(
      'd.jsonl',
      '{"id":"a","inputs":{"question":"1+1"},"target":"2","split":"val"}\n{"id":"b","inputs":{"question":"2+2"},"target":4}\n',
    );
    const { examples } = await loadExamples(path, 'd.jsonl', workflow, {});
    expect(examples).toEqual([
      { id: 'a', inputs: { question: '1+1' }, target: '2', split: 'val' },
      { id: 'b', inputs: { question: '2+2' }, target: '4' },
    ]);
  });

  it('maps CSV columns to the workflow input fields and a target column', async () => {
    const path = write('d.csv', 'id,question,answer\nq1,What is 2+3?,5\nq2,What is 1+1?,2\n');
    const { examples } = await loadExamples(path, 'd.csv', workflow, {});
    expect(examples.map((e) => [e.id, e.inputs.question, e.target])).toEqual([
      ['q1', 'What is 2+3?', '5'],
      ['q2', 'What is 1+1?', '2'],
    ]);
    const mapped = write('m.csv', 'prompt,gold\nhello,HELLO\n');
    const result = await loadExamples(mapped, 'm.csv', workflow, {
      input: ['question=prompt'],
      'target-column': 'gold',
    });
    expect(result.examples[0]).toMatchObject({ inputs: { question: 'hello' }, target: 'HELLO' });
  });

  it('rejects bad rows, empty files and missing fields as data errors naming the line', async () => {
    const bad = write('bad.jsonl', '{"inputs":{"question":"x"},"target":"1"}\nnot json\n{"oops": \n');
    const badError = await failure(loadExamples(bad, 'bad.jsonl', workflow, {}));
    expect(badError.exitCode).toBe(ExitCode.dataError);
    expect(badError.message).toMatch(/^malformed dataset bad\.jsonl: line 2: .*\(and 1 more bad row\)$/);

    const empty = write('empty.jsonl', '\n');
    expect((await failure(loadExamples(empty, 'empty.jsonl', workflow, {}))).message).toContain(
      'empty.jsonl: it is empty.',
    );
    const blankLines = write('blank.jsonl', '\n \n\t\n');
    expect((await failure(loadExamples(blankLines, 'blank.jsonl', workflow, {}))).message).toContain(
      'is empty',
    );

    const lacking = write('lack.jsonl', '{"inputs":{"text":"x"},"target":"1"}\n');
    const lackError = await failure(loadExamples(lacking, 'lack.jsonl', workflow, {}));
    expect(lackError.message).toContain('has no input "question"');

    const noTarget = write('nt.csv', 'question,other\na,b\n');
    expect((await failure(loadExamples(noTarget, 'nt.csv', workflow, {}))).message).toContain(
      '--target-column',
    );

    const missing = await failure(loadExamples(join(dir, 'nope.jsonl'), 'nope.jsonl', workflow, {}));
    expect(missing.message).toContain('no such file');
  });
});
