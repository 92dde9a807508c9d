import { forwardAnswer, respondForward } from './forward';
import { requestNoise } from './noise';

describe('forward answers', () => {
  const user = 'Amounts: 2.25 4.5 1.125';

  it('apply the skills of the system prompt to the user message', () => {
    expect(forwardAnswer('Add the numbers up. Round to 1 decimal place.', user)).toBe('7.9');
  });

  it('change when the prompt changes', () => {
    const a = forwardAnswer('Add the numbers up.', user);
    const b = forwardAnswer('Multiply the numbers together.', user);
    const c = forwardAnswer('Add the numbers up. Round to 1 decimal place.', user);
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('echo the last line when the prompt asks for nothing recognisable', () => {
    expect(forwardAnswer('Be helpful and concise.', 'first line\nlast line')).toBe('last line');
  });

  it('wrap the answer in the tag the prompt asks for', () => {
    const text = respondForward(
      [
        {
          role: 'system',
          content: 'Count the words. Give your final answer between <answer> and </answer>.',
        },
        { role: 'user', content: 'one two three' },
      ],
      requestNoise(0, []),
      0,
    );
    expect(text).toMatch(/<answer>3<\/answer>$/);
  });
});
