import { galleryEntries } from './catalog';

describe('gallery catalog', () => {
  const entries = galleryEntries();

  it('gives every card a description of its own workflow', () => {
    expect(entries.length).toBeGreaterThan(10);
    for (const e of entries) {
      expect(e.description.length, e.title).toBeGreaterThan(20);
      expect(e.description).not.toMatch(/Simulator fixture/);
    }
  });

  it('names each broken variant, so opened variants are told apart', () => {
    const broken = entries.filter((e) => e.group === 'Simulated world: broken variants');
    expect(broken.length).toBeGreaterThan(0);
    for (const e of broken) {
      expect(e.variant).toMatch(/^broken-\d+$/);
      expect(e.title.endsWith(`— ${e.variant}`)).toBe(true);
    }
    expect(entries.filter((e) => e.group === 'Simulated world').every((e) => e.variant === undefined)).toBe(
      true,
    );
  });
});
