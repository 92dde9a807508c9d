import { exportFileName, fileSlug } from './file-name';

describe('export file names', () => {
  const day = new Date(2026, 11, 7, 15, 30);
  it('name the workflow, what the file is and the date', () => {
    expect(exportFileName('Receipt total (broken 1)', 'workflow', day, 'backflow.json')).toBe(
      'receipt-total-broken-1-workflow-2026-12-07.backflow.json',
    );
  });

  it('differ between the original and the optimized workflow, and between two workflows', () => {
    const names = [
      exportFileName('Receipt total', 'workflow', day, 'backflow.json'),
      exportFileName('Receipt total', 'workflow and dataset', day, 'backflow.json'),
      exportFileName('Receipt total', 'optimized run abc', day, 'workflow.json'),
      exportFileName('Receipt total', 'optimized run abd', day, 'workflow.json'),
      exportFileName('Chain of three', 'workflow', day, 'backflow.json'),
    ];
    expect(new Set(names).size).toBe(names.length);
  });

  it('keep nothing a file system refuses, and never come out empty', () => {
    expect(fileSlug('../../etc/passwd')).toBe('etc-passwd');
    expect(fileSlug('Café ‮txt.exe')).toBe('cafe-txt-exe');
    expect(fileSlug('<>:"|?*')).toBe('workflow');
  });
});
