import { runCodeNode } from './code-node';

describe('runCodeNode', () => {
  it('runs the body with inputs and turns the result into text', async () => {
    await expect(runCodeNode('return inputs.a.toUpperCase();', { a: 'x' })).resolves.toBe('X');
    await expect(runCodeNode('return Number(inputs.a) * 2;', { a: '21' })).resolves.toBe('42');
  });
  it('rejects with the reason when the code throws or does not compile', async () => {
    await expect(runCodeNode('throw new Error("bad")', {})).rejects.toThrow(/bad/);
    await expect(runCodeNode('return (', {})).rejects.toThrow();
  });
});
