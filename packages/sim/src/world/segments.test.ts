import { editSegments, joinSegments, segmentPrompt, splitSentences } from './segments';

describe('splitSentences', () => {
  it('splits on sentence ends and lines and concatenates back exactly', () => {
    const text =
      "You total receipts.  Add the numbers up!\nPrefix the answer with 'Total: '. Don't shout. Round 2.5 ok?";
    const parts = splitSentences(text);
    expect(parts.map((p) => p.body + p.tail).join('')).toBe(text);
    expect(parts.map((p) => p.body)).toEqual([
      'You total receipts.',
      'Add the numbers up!',
      "Prefix the answer with 'Total: '.",
      "Don't shout.",
      'Round 2.5 ok?',
    ]);
  });

  it('never splits inside a quoted literal', () => {
    expect(splitSentences('Join the lines with ". "! Then stop.').map((p) => p.body)).toEqual([
      'Join the lines with ". "!',
      'Then stop.',
    ]);
  });
});

describe('editSegments', () => {
  const prompt = 'You are careful. Extract every number and add them up. Round to 2 decimals.';
  const segments = segmentPrompt(prompt);

  it('keeps untouched sentences verbatim when a step is added', () => {
    const edited = editSegments(segments, {
      kind: 'add',
      at: 3,
      step: { skill: 'prefix', params: { text: 'Total:' } },
    });
    expect(joinSegments(edited)).toBe(`${prompt} Prefix the answer with 'Total:'.`);
  });

  it('drops a one-step sentence and rephrases a two-step sentence', () => {
    expect(joinSegments(editSegments(segments, { kind: 'remove', at: 2 }))).toBe(
      'You are careful. Extract every number and add them up.',
    );
    expect(joinSegments(editSegments(segments, { kind: 'remove', at: 1 }))).toBe(
      'You are careful. Extract every number. Round to 2 decimals.',
    );
  });

  it('swaps steps across sentences and replaces a step in place', () => {
    const two = segmentPrompt('Sort the words alphabetically. Keep only the first 2 words.');
    expect(joinSegments(editSegments(two, { kind: 'swap', at: 0 }))).toBe(
      'Keep only the first 2 words. Sort the words alphabetically.',
    );
    expect(
      joinSegments(
        editSegments(two, { kind: 'replace', at: 0, step: { skill: 'reverse_words', params: {} } }),
      ),
    ).toBe('Reverse the order of the words. Keep only the first 2 words.');
  });
});
