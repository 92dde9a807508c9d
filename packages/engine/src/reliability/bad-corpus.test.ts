import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { buildDataset } from '../datasets/index';
import { checkWorkflow } from '../graph/index';
import { parseJsonText } from '../graph/raw-json';
import { createOpenAIProvider } from '../providers/index';

// The corpus and its manifest (what must happen to each file) live in e2e/fixtures/bad/.
/** A workflow file that must be refused with this problem code and a message containing `message`. */
interface BadWorkflowCase {
  file: string;
  kind: 'workflow';
  code: string;
  message: string;
}

/** A dataset file: either the mapping fails (`throws`) or these examples and row errors come out. */
interface BadDatasetCase {
  file: string;
  kind: 'dataset';
  mapping: { inputColumns: Record<string, string>; targetColumn: string; idColumn?: string };
  throws?: string;
  /** [question, target] of each example kept. */
  examples?: [string, string][];
  /** [line, code, message fragment] of each row reported. */
  rowErrors?: [number, string, string][];
}

/** A provider answer body that must be refused with a message containing `message`. */
interface BadAnswerCase {
  file: string;
  kind: 'provider-answer';
  contentType: string;
  message: string;
}

/** Provider settings (`{ baseUrl }`) that must be refused with a message containing `message`. */
interface BadSettingsCase {
  file: string;
  kind: 'settings';
  message: string;
}

type BadCase = BadWorkflowCase | BadDatasetCase | BadAnswerCase | BadSettingsCase;

/** The corpus folder. */
const BAD_DIR = new URL('../../../../e2e/fixtures/bad/', import.meta.url);

/** Every case of the manifest. */
function badCases(): BadCase[] {
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', BAD_DIR), 'utf8')) as {
    cases: BadCase[];
  };
  return manifest.cases;
}

/** The text of a corpus file. */
function badFile(file: string): string {
  return readFileSync(new URL(file, BAD_DIR), 'utf8');
}

const cases = badCases();
const ofKind = <K extends BadCase['kind']>(kind: K) =>
  cases.filter((c): c is Extract<BadCase, { kind: K }> => c.kind === kind);

/** Reads a workflow file the way the studio and the CLI do: JSON text first, then the document. */
function problemsOf(text: string) {
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, problems: [json.problem] };
  return checkWorkflow(json.value);
}

afterEach(() => {
  // No case may pollute prototypes, whatever it contains.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
});

describe('the bad-input corpus (e2e/fixtures/bad)', () => {
  it('has 40+ cases, each naming an existing file', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const c of cases) expect(() => badFile(c.file)).not.toThrow();
  });

  it.each(ofKind('workflow').map((c) => [c.file, c] as const))(
    'refuses workflow %s with a precise problem',
    (_file, c: BadWorkflowCase) => {
      const result = problemsOf(badFile(c.file));
      expect(result.ok).toBe(false);
      const errors = result.problems.filter((p) => p.severity === 'error');
      expect(errors.map((p) => p.code)).toContain(c.code);
      const problem = errors.find((p) => p.code === c.code);
      expect(problem?.message).toContain(c.message);
    },
  );

  it.each(ofKind('dataset').map((c) => [c.file, c] as const))(
    'reads dataset %s keeping the good rows and naming each bad one',
    (_file, c: BadDatasetCase) => {
      const text = badFile(c.file);
      const build = () => buildDataset(text, c.mapping, { fileName: c.file });
      if (c.throws !== undefined) {
        expect(build).toThrow(c.throws);
        return;
      }
      const { dataset, rowErrors } = build();
      expect(dataset.examples.map((e) => [e.inputs.question, e.target])).toEqual(c.examples);
      expect(rowErrors.map((e) => [e.line, e.code])).toEqual(
        (c.rowErrors ?? []).map(([l, code]) => [l, code]),
      );
      for (const [i, [, , fragment]] of (c.rowErrors ?? []).entries())
        expect(rowErrors[i]?.message).toContain(fragment);
    },
  );

  it('reads a 10 MB prompt without losing a character', () => {
    const doc = JSON.parse(badFile('../chain-a-b.json')) as {
      nodes: { id: string; systemPrompt?: string }[];
    };
    const huge = `Answer. ${'x'.repeat(10 * 1024 * 1024)}`;
    (doc.nodes.find((n) => n.id === 'a') as { systemPrompt: string }).systemPrompt = huge;
    const result = problemsOf(JSON.stringify(doc));
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const a = result.workflow?.nodes.find((n) => n.id === 'a');
    expect(a?.kind === 'llm' && a.systemPrompt.length).toBe(huge.length);
  });

  it('reads a 100,000-row dataset, reporting the one bad row among them', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => (i === 54_321 ? `q${i},` : `q${i},a${i}`));
    const { dataset, rowErrors } = buildDataset(
      `question,target\n${rows.join('\n')}\n`,
      {
        inputColumns: { question: 'question' },
        targetColumn: 'target',
      },
      { fileName: 'big.csv' },
    );
    expect(dataset.examples).toHaveLength(99_999);
    expect(rowErrors.map((e) => [e.line, e.code])).toEqual([[54_323, 'empty_target']]);
  });
});

describe('non-JSON and malformed provider answers', () => {
  let server: Server;
  let answer: { body: string; contentType: string } = { body: '', contentType: 'text/plain' };
  let baseURL = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': answer.contentType });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseURL = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each(ofKind('provider-answer').map((c) => [c.file, c] as const))(
    'refuses answer %s with a message naming the endpoint',
    async (_file, c: BadAnswerCase) => {
      answer = { body: badFile(c.file), contentType: c.contentType };
      const model = createOpenAIProvider({ baseURL, model: 'm', apiKey: 'k', retry: { maxAttempts: 1 } });
      const call = model.complete({ messages: [{ role: 'user', content: 'hi' }] });
      await expect(call).rejects.toThrow(c.message);
      await expect(call).rejects.toThrow(baseURL);
    },
  );
});
