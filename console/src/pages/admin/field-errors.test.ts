import { describe, expect, it } from 'vitest';
import { formErrorsOf, formFieldOf } from './field-errors';

const FIELDS = new Set(['tier', 'partner', 'code', 'location.lat', 'openingHours.weekly.2', 'openingHours']);
const known = (field: string): boolean => FIELDS.has(field);

describe('API errors on form fields', () => {
  it('puts a classification rule on the field it names', () => {
    const errors = formErrorsOf(
      [
        {
          message: 'Invalid input. input.tier: a TOWNSHIP hall must be SMALL',
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: [
              { path: 'input.tier', message: '乡镇营业厅只能是小型营业厅' },
              { path: 'input.partner', message: 'a PARTNER_OPERATED hall needs its partner' },
            ],
          },
        },
      ],
      known,
    );
    expect(errors.fields).toEqual({
      tier: ['乡镇营业厅只能是小型营业厅'],
      partner: ['a PARTNER_OPERATED hall needs its partner'],
    });
    expect(errors.other).toEqual([]);
  });

  it('cuts a deep path at the deepest field the form shows', () => {
    expect(formFieldOf('input.openingHours.weekly.2.0.end', known)).toBe('openingHours.weekly.2');
    expect(formFieldOf('input.openingHours.special.0.date', known)).toBe('openingHours');
    expect(formFieldOf('input.location.lat', known)).toBe('location.lat');
    expect(formFieldOf('input.hall.id', known)).toBeUndefined();
    expect(formFieldOf('rows[3].tier', known, 'rows')).toBeUndefined();
  });

  it('puts a taken code on the code field, and what names no field above the form', () => {
    const errors = formErrorsOf(
      [
        { message: 'Hall code HB-1 is taken', extensions: { code: 'CONFLICT', field: 'input.code' } },
        { message: 'Hall was changed by someone else', extensions: { code: 'CONFLICT', currentVersion: 3 } },
        {
          message: 'odd',
          extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'input.hall.id', message: 'unknown' }] },
        },
      ],
      known,
    );
    expect(errors.fields).toEqual({ code: ['Hall code HB-1 is taken'] });
    expect(errors.other).toEqual(['Hall was changed by someone else', 'input.hall.id: unknown']);
  });
});
