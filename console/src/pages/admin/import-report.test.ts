import { describe, expect, it } from 'vitest';
import { formatOf, rowFieldOf } from './import-report';

describe('import files and reports', () => {
  it('tells CSV from JSON by the name, else by the content', () => {
    expect(formatOf('halls.csv', '[')).toBe('CSV');
    expect(formatOf('halls.JSON', 'code,name')).toBe('JSON');
    expect(formatOf('', '  [{"code":"A"}]')).toBe('JSON');
    expect(formatOf('', 'code,name,tier')).toBe('CSV');
  });

  it('names the field inside the row', () => {
    expect(rowFieldOf('rows[3].tier')).toBe('tier');
    expect(rowFieldOf('rows.3.location.lat')).toBe('location.lat');
    expect(rowFieldOf('rows[0]')).toBe('rows[0]');
  });
});
